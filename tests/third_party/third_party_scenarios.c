/* scenario.third_party: replays every scenario under scenarios/third-party/
 * with the built lwipsim on the profile its scenario.ini names, and compares
 * the compared view of each run record (record_filter.c) with
 * tests/expected/third-party/<name>.json. With --update it writes those files
 * instead (tests/third_party/update-expected.sh). The captures live outside the
 * repository; without them the test exits 77, which ctest reports as skipped. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record_filter.h"
#include "scenario/scenario.h"
#include "scenario/shared_captures.h"
#include "test_common.h"

#define EXIT_SKIP 77

struct opts {
  const char *lwipsim;
  const char *scenarios;
  const char *expected;
  const char *only;
  int update;
};

static char tmpdir[256];

/* The compared view of a run record file, as text; NULL with a message. */
static char *filtered_record(const char *json_path)
{
  char *text = tc_read_file(json_path, NULL);
  cJSON *rec = text != NULL ? cJSON_Parse(text) : NULL;
  cJSON *view = rec != NULL ? lwipsim_record_filter(rec) : NULL;
  char *out = view != NULL ? lwipsim_record_filter_text(view) : NULL;

  if (out == NULL) {
    fprintf(stderr, "%s: %s\n", json_path, text == NULL ? "cannot read the run record" : "not a run record");
  }
  cJSON_Delete(view);
  cJSON_Delete(rec);
  free(text);
  return out;
}

/* One scenario: 0 when it matches (or was written), 1 otherwise. */
static int check_scenario(const struct opts *o, const char *name)
{
  char dir[4096], json[4200], expected_path[4200], actual_path[4200], err[1024];
  struct lwipsim_scenario sc;
  int code, rc = 1;

  snprintf(dir, sizeof(dir), "%s/%s", o->scenarios, name);
  if (lwipsim_scenario_load(dir, &sc, err, sizeof(err)) != 0) {
    printf("FAIL %s: %s\n", name, err);
    return 1;
  }
  if (sc.profile[0] == '\0') {
    printf("FAIL %s: scenario.ini has no 'profile =' in [scenario]; third-party scenarios name theirs\n", name);
    lwipsim_scenario_free(&sc);
    return 1;
  }
  snprintf(json, sizeof(json), "%s/%s.record.json", tmpdir, name);
  char *argv[] = { (char *)o->lwipsim, "replay", "--profile", sc.profile, "--scenario", dir,
                   "--json",           json,     "--quiet",   NULL };
  code = tc_spawn(argv, NULL, NULL);
  if (code != 0 && code != 3 && code != 4) {
    printf("FAIL %s: lwipsim replay --profile %s exited %d (a harness error: 2 is an input error, above 128 a "
           "signal)\n",
           name, sc.profile, code);
    lwipsim_scenario_free(&sc);
    return 1;
  }
  char *actual = filtered_record(json);
  if (actual == NULL) {
    printf("FAIL %s: no usable run record\n", name);
    lwipsim_scenario_free(&sc);
    return 1;
  }
  snprintf(expected_path, sizeof(expected_path), "%s/%s.json", o->expected, name);
  if (o->update) {
    rc = tc_try_write_file(expected_path, actual, strlen(actual)) != 0;
    printf("%s %s (%s, exit %d)\n", rc ? "CANNOT WRITE" : "wrote", expected_path, sc.profile, code);
  } else {
    char *expected = tc_read_file(expected_path, NULL);

    if (expected == NULL) {
      printf("FAIL %s: no %s; run tests/third_party/update-expected.sh\n", name, expected_path);
    } else if (strcmp(expected, actual) == 0) {
      printf("ok   %s (%s, exit %d)\n", name, sc.profile, code);
      rc = 0;
    } else {
      snprintf(actual_path, sizeof(actual_path), "%s/%s.json", tmpdir, name);
      printf("FAIL %s: the run record differs from %s (- expected, + this run):\n", name, expected_path);
      if (tc_try_write_file(actual_path, actual, strlen(actual)) == 0) {
        char *diff[] = { "diff", "-u", "--label", "expected", "--label", "actual", expected_path, actual_path, NULL };
        tc_spawn(diff, NULL, NULL);
      }
      printf("If the change is intended, run tests/third_party/update-expected.sh and commit the result.\n");
    }
    free(expected);
  }
  free(actual);
  lwipsim_scenario_free(&sc);
  return rc;
}

/* Every folder is a scenario; files (README.md) are not. */
static int is_scenario_dir(const struct dirent *e) { return e->d_name[0] != '.' && e->d_type == DT_DIR; }

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim_third_party [--update] [--only NAME] [--lwipsim PATH] [--scenarios DIR]\n"
               "                           [--expected DIR]\n"
               "       lwipsim_third_party --filter RECORD.json   (print the compared view of one record)\n");
}

int main(int argc, char **argv)
{
  struct opts o = { LWIPSIM_BIN_DIR "/lwipsim", LWIPSIM_SOURCE_DIR "/scenarios/third-party",
                    LWIPSIM_SOURCE_DIR "/tests/expected/third-party", NULL, 0 };
  char captures[4096];
  struct dirent **names;
  struct stat st;
  int i, n, failed = 0, ran = 0;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--update") == 0) {
      o.update = 1;
    } else if (i + 1 < argc && strcmp(argv[i], "--filter") == 0) {
      char *text = filtered_record(argv[i + 1]);
      if (text == NULL) {
        return 2;
      }
      fputs(text, stdout);
      free(text);
      return 0;
    } else if (i + 1 < argc && strcmp(argv[i], "--only") == 0) {
      o.only = argv[++i];
    } else if (i + 1 < argc && strcmp(argv[i], "--lwipsim") == 0) {
      o.lwipsim = argv[++i];
    } else if (i + 1 < argc && strcmp(argv[i], "--scenarios") == 0) {
      o.scenarios = argv[++i];
    } else if (i + 1 < argc && strcmp(argv[i], "--expected") == 0) {
      o.expected = argv[++i];
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (lwipsim_shared_captures_dir(o.scenarios, captures, sizeof(captures)) != 0 || stat(captures, &st) != 0 ||
      !S_ISDIR(st.st_mode)) {
    printf("SKIP scenario.third_party: the shared captures are not at %s; set %s to their folder\n",
           captures[0] != '\0' ? captures : "<repo>/../shared/captures", LWIPSIM_SHARED_ENV);
    return EXIT_SKIP;
  }
  if (tc_mkdtemp(tmpdir, sizeof(tmpdir)) != 0) {
    perror("mkdtemp");
    return 1;
  }
  n = scandir(o.scenarios, &names, is_scenario_dir, alphasort);
  if (n < 0) {
    fprintf(stderr, "%s: %s\n", o.scenarios, strerror(errno));
    return 1;
  }
  printf("third-party scenarios in %s, captures from %s\n", o.scenarios, captures);
  for (i = 0; i < n; i++) {
    if (o.only == NULL || strcmp(o.only, names[i]->d_name) == 0) {
      failed += check_scenario(&o, names[i]->d_name);
      ran++;
    }
    free(names[i]);
  }
  free(names);
  tc_rmtree(tmpdir);
  if (ran == 0) {
    printf("FAIL: no scenario%s%s in %s\n", o.only ? " named " : "", o.only ? o.only : "", o.scenarios);
    return 1;
  }
  printf("%d of %d third-party scenarios %s\n", ran - failed, ran, o.update ? "written" : "match");
  return failed == 0 ? 0 : 1;
}
