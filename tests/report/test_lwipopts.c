/* `lwipsim report --lwipopts DIR`: a user's own header folder, built into the
 * build tree. Runs alone (it re-configures the build tree). */
#include "test_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report_helper.h"

static void copy_file(const char *from, const char *to)
{
  char *text = report_read_file(from);
  ck_assert_msg(text != NULL, "cannot read %s", from);
  FILE *f = fopen(to, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
  free(text);
}

START_TEST(test_lwipopts_user_folder_is_built_and_reported)
{
  /* A copy of the 9.0.5 profile under a name of the user's. */
  const char *tmp = report_tmpdir();
  char dir[600], path[700], out[600], err[8192];
  snprintf(dir, sizeof dir, "%s/my-board", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  /* the bundled header includes nothing relative, so a plain copy builds */
  copy_file(report_source_path("lwipopts/circuitpython-9.0.5/lwipopts.h"), path);
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  copy_file(report_source_path("lwipopts/circuitpython-9.0.5/profile.ini"), path);
  snprintf(out, sizeof out, "%s/out", tmp);
  int rc = report_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--out", out, "--gate", NULL);
  ck_assert_msg(rc == 3, "exit %d (want 3: the 9.0.5 header is UNSAFE): %s", rc, err);
  ck_assert_ptr_nonnull(strstr(err, "building my-board (lwIP 2.2.1)"));
  snprintf(path, sizeof path, "%s/report.json", out);
  cJSON *r = report_load_json(path);
  ck_assert_int_eq(report_num(cJSON_GetObjectItemCaseSensitive(r, "summary"), "profiles"), 1);
  const cJSON *p = report_profile(r, "my-board");
  ck_assert_str_eq(report_str(p, "assert_policy"), "panic");
  const cJSON *st = report_pool(p, "SYS_TIMEOUT");
  ck_assert_int_eq(report_num(st, "size"), 11);
  ck_assert_str_eq(report_str(st, "verdict"), "UNSAFE");
  ck_assert_int_eq(report_num(st, "demand"), 13);
  cJSON_Delete(r);
  /* gone folders are skipped at the next configure (cmake/LwipsimProfile.cmake) */
  report_rmtree(tmp);
}
END_TEST

START_TEST(test_lwipopts_header_that_does_not_compile)
{
  /* No profile.ini: the flags give version and policy. lwIP's init.c refuses
   * a timeout pool below its core count (facts file section 1). */
  const char *tmp = report_tmpdir();
  char dir[600], path[700], out[600], err[8192];
  snprintf(dir, sizeof dir, "%s/broken-board", tmp);
  ck_assert_int_eq(mkdir(dir, 0777), 0);
  snprintf(path, sizeof path, "%s/lwipopts.h", dir);
  FILE *f = fopen(path, "w");
  fputs("#define NO_SYS 1\n#define LWIP_SOCKET 0\n#define LWIP_NETCONN 0\n#define MEMP_NUM_SYS_TIMEOUT 1\n", f);
  fclose(f);
  snprintf(out, sizeof out, "%s/out", tmp);
  int rc = report_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--lwip-version", "2.2.1",
                          "--assert-policy", "panic", "--out", out, NULL);
  ck_assert_int_eq(rc, 2);
  char want[800];
  snprintf(want, sizeof want, "lwipsim report: %s: does not compile: ", path);
  const char *line = strstr(err, want);
  ck_assert_msg(line != NULL, "no one-line error naming %s: %s", path, err);
  ck_assert_ptr_nonnull(strstr(line, "MEMP_NUM_SYS_TIMEOUT is too low"));
  ck_assert_int_eq(report_count(line, "\n"), 1); /* one line, the last */

  /* and a folder with neither profile.ini nor flags says what is missing */
  rc = report_lwipsim(err, sizeof err, NULL, "report", "--lwipopts", dir, "--out", out, NULL);
  ck_assert_int_eq(rc, 2);
  ck_assert_ptr_nonnull(strstr(err, "no lwIP version or assert policy"));
  report_rmtree(tmp);
}
END_TEST

Suite *lwipopts_suite(void)
{
  Suite *s = suite_create("lwipopts");
  TCase *tc = tcase_create("lwipopts");
  tcase_set_timeout(tc, 900);
  tcase_add_test(tc, test_lwipopts_user_folder_is_built_and_reported);
  tcase_add_test(tc, test_lwipopts_header_that_does_not_compile);
  suite_add_tcase(s, tc);
  return s;
}
