/* `lwipsim report --lwipopts DIR`: a user's own header folder, built in the
 * build tree's user-build folder. Runs alone (it builds). */
#include "test_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_common.h"

static void copy_file(const char *from, const char *to)
{
  char *text = tc_read_file(from, NULL);
  ck_assert_msg(text != NULL, "cannot read %s", from);
  tc_write_text(to, text);
  free(text);
}

START_TEST(test_lwipopts_user_folder_is_built_and_reported)
{
  /* A copy of the 9.0.5 profile under a name of the user's. */
  const char *tmp = tc_tmpdir();
  char dir[600], path[700], out[600], err[8192];
  snprintf(dir, sizeof dir, "%s/my-board", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  /* the bundled header includes nothing relative, so a plain copy builds */
  copy_file(tc_source_path("lwipopts/circuitpython-9.0.5/lwipopts.h"), path);
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  copy_file(tc_source_path("lwipopts/circuitpython-9.0.5/profile.ini"), path);
  snprintf(out, sizeof out, "%s/out", tmp);
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--out", out, "--gate", NULL);
  ck_assert_msg(rc == 3, "exit %d (want 3: the 9.0.5 header is UNSAFE): %s", rc, err);
  ck_assert_ptr_nonnull(strstr(err, "building my-board (lwIP 2.2.1)"));
  snprintf(path, sizeof path, "%s/report.json", out);
  cJSON *r = tc_load_json(path);
  ck_assert_int_eq(tc_int(cJSON_GetObjectItemCaseSensitive(r, "summary"), "profiles"), 1);
  const cJSON *p = tc_profile(r, "my-board");
  ck_assert_str_eq(tc_str(p, "assert_policy"), "panic");
  const cJSON *st = tc_pool(p, "SYS_TIMEOUT");
  ck_assert_int_eq(tc_int(st, "size"), 11);
  ck_assert_str_eq(tc_str(st, "verdict"), "UNSAFE");
  ck_assert_int_eq(tc_int(st, "demand"), 14); /* apsta-mdns: mDNS on two netifs */
  cJSON_Delete(r);
  /* gone folders are skipped at the next configure (cmake/LwipsimProfile.cmake) */
  tc_rmtree(tmp);
}
END_TEST

START_TEST(test_lwipopts_header_that_does_not_compile)
{
  /* No profile.ini: the flags give version and policy. lwIP's init.c refuses
   * a timeout pool below its core count (facts file section 1). */
  const char *tmp = tc_tmpdir();
  char dir[600], path[700], out[600], err[8192];
  snprintf(dir, sizeof dir, "%s/broken-board", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  tc_write_text(path,
                "#define NO_SYS 1\n#define LWIP_SOCKET 0\n#define LWIP_NETCONN 0\n#define MEMP_NUM_SYS_TIMEOUT 1\n");
  snprintf(out, sizeof out, "%s/out", tmp);
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--lwip-version", "2.2.1", "--assert-policy",
                      "panic", "--out", out, NULL);
  ck_assert_int_eq(rc, 2);
  char want[800];
  snprintf(want, sizeof want, "lwipsim report: %s: does not compile: ", path);
  const char *line = strstr(err, want);
  ck_assert_msg(line != NULL, "no one-line error naming %s: %s", path, err);
  ck_assert_ptr_nonnull(strstr(line, "MEMP_NUM_SYS_TIMEOUT is too low"));
  ck_assert_int_eq(tc_count(line, "\n"), 1); /* one line, the last */

  /* and a folder with neither profile.ini nor flags says what is missing */
  rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--out", out, NULL);
  ck_assert_int_eq(rc, 2);
  ck_assert_ptr_nonnull(strstr(err, "no lwIP version or assert policy"));
  tc_rmtree(tmp);
}
END_TEST

/* Writes text to dir/name (creating dir/shims when name is under it). */
static void write_text(const char *dir, const char *name, const char *text)
{
  char path[900];
  snprintf(path, sizeof path, "%s/shims", dir);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/%s", dir, name);
  tc_write_text(path, text);
}

/* The 9.0.5 options with the heap on firmware allocator functions (as
 * MEM_CUSTOM_ALLOCATOR firmwares do) and a firmware include: what a header
 * that names firmware code looks like. Line 1 includes board_config.h (or
 * is empty), lines 3-5 name the allocator. */
#define FIRMWARE_ALLOCATOR_LINES                   \
  "#define MEM_CUSTOM_ALLOCATOR 1\n"               \
  "#define MEM_CUSTOM_MALLOC(s) board_malloc(s)\n" \
  "#define MEM_CUSTOM_FREE(p) board_free(p)\n"     \
  "#define MEM_CUSTOM_CALLOC(n, s) board_calloc(n, s)\n"

static void write_firmware_header(const char *dir, int with_include)
{
  char path[900];
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  char *bundled = tc_read_file(tc_source_path("lwipopts/circuitpython-9.0.5/lwipopts.h"), NULL);
  ck_assert_ptr_nonnull(bundled);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(with_include ? "#include \"board_config.h\"\n" : "\n", f);
  fputs(FIRMWARE_ALLOCATOR_LINES, f);
  fputs(bundled, f);
  fclose(f);
  free(bundled);
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  copy_file(tc_source_path("lwipopts/circuitpython-9.0.5/profile.ini"), path);
}

/* A firmware include nobody provides: one line naming the header line and the
 * shim to write, exit 2, before any run. */
START_TEST(test_lwipopts_missing_include_is_one_line)
{
  const char *tmp = tc_tmpdir();
  char dir[600], out[600], err[8192], want[2400];
  snprintf(dir, sizeof dir, "%s/fw-board", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  write_firmware_header(dir, 1);
  snprintf(out, sizeof out, "%s/out", tmp);
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--out", out, NULL);
  ck_assert_int_eq(rc, 2);
  snprintf(want, sizeof want,
           "lwipsim report: %s/lwipopts.h:1: includes board_config.h, which is not found; put a stand-in "
           "%s/shims/board_config.h with what the header needs from it (docs/profiles.md, \"Shims\")\n",
           dir, dir);
  const char *line = strstr(err, want);
  ck_assert_msg(line != NULL, "want\n%s\ngot\n%s", want, err);
  ck_assert_str_eq(line + strlen(want), ""); /* the last line: nothing after it */
  tc_rmtree(tmp);
}
END_TEST

/* Functions nobody provides: one line per symbol, each naming the option
 * and header line that refers to it; then, with shims/ holding them, the
 * folder builds, runs, and the run record lists the shims. */
START_TEST(test_lwipopts_missing_functions_then_shims)
{
  const char *tmp = tc_tmpdir();
  char dir[600], out[600], err[8192], want[2400];
  snprintf(dir, sizeof dir, "%s/fw-alloc", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  write_firmware_header(dir, 0);
  snprintf(out, sizeof out, "%s/out", tmp);
  const char *seed = tc_source_path("scenarios/mdns-http-reload");
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--scenario", seed, "--out", out, NULL);
  ck_assert_msg(rc == 2, "exit %d: %s", rc, err);
  static const char *const fn[][2] = { { "MEM_CUSTOM_MALLOC", "board_malloc" },
                                       { "MEM_CUSTOM_FREE", "board_free" },
                                       { "MEM_CUSTOM_CALLOC", "board_calloc" } };
  for (int i = 0; i < 3; i++) {
    snprintf(want, sizeof want,
             "lwipsim report: %s/lwipopts.h:%d: %s refers to %s, which no code here defines; define it in "
             "%s/shims/%s.c (docs/profiles.md, \"Shims\")\n",
             dir, 3 + i, fn[i][0], fn[i][1], dir, fn[i][1]);
    ck_assert_msg(strstr(err, want) != NULL, "want\n%s\ngot\n%s", want, err);
  }
  ck_assert_int_eq(tc_count(err, "which no code here defines"), 3);
  ck_assert_ptr_null(strstr(err, "undefined reference")); /* no raw linker log */

  /* The firmware's functions as shims: malloc on the host (the budget is the
   * firmware's business; this test is about the build). */
  write_text(dir, "shims/board_alloc.c",
             "#include <stdlib.h>\n"
             "void *board_malloc(size_t n) { return malloc(n); }\n"
             "void board_free(void *p) { free(p); }\n"
             "void *board_calloc(size_t n, size_t s) { return calloc(n, s); }\n");
  write_text(dir, "shims/board_alloc.h",
             "#include <stddef.h>\nvoid *board_malloc(size_t n);\nvoid board_free(void *p);\n"
             "void *board_calloc(size_t n, size_t s);\n");
  char path[900];
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  char *text = tc_read_file(path, NULL);
  FILE *f = fopen(path, "w");
  fprintf(f, "#include \"board_alloc.h\"\n%s", text);
  fclose(f);
  free(text);
  rc = tc_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--scenario", seed, "--out", out, NULL);
  ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
  char json[700];
  snprintf(json, sizeof json, "%s/run.json", tmp);
  rc = tc_lwipsim(err, sizeof err, NULL, "replay", "--profile", "fw-alloc", "--scenario", seed, "--json", json, NULL);
  cJSON *r = tc_load_json(json);
  const cJSON *changed = cJSON_GetObjectItemCaseSensitive(r, "sim_changed_options");
  int shims = 0;
  const cJSON *c;
  cJSON_ArrayForEach(c, changed)
  {
    shims += strcmp(c->valuestring, "shims: shims/board_alloc.c, shims/board_alloc.h (the profile's stand-ins for "
                                    "firmware headers and functions)") == 0;
  }
  ck_assert_msg(shims == 1, "sim_changed_options does not list the shims");
  cJSON_Delete(r);
  tc_rmtree(tmp);
}
END_TEST

Suite *lwipopts_suite(void)
{
  Suite *s = suite_create("lwipopts");
  TCase *tc = tcase_create("lwipopts");
  tcase_set_timeout(tc, 900);
  tcase_add_test(tc, test_lwipopts_user_folder_is_built_and_reported);
  tcase_add_test(tc, test_lwipopts_header_that_does_not_compile);
  tcase_add_test(tc, test_lwipopts_missing_include_is_one_line);
  tcase_add_test(tc, test_lwipopts_missing_functions_then_shims);
  suite_add_tcase(s, tc);
  return s;
}
