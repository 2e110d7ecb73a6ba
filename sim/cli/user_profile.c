#include "cli/user_profile.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/build_diagnose.h"
#include "cli/ini_get.h"

static int exists(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0;
}

static int mkdirs(const char *path)
{
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(tmp, 0777);
      *p = '/';
    }
  }
  return (mkdir(tmp, 0777) == 0 || errno == EEXIST) ? 0 : -1;
}

/* Runs argv with stdout and stderr into log; returns the exit status. */
static int run_logged(char *const argv[], const char *log)
{
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    return -1;
  }
  if (pid == 0) {
    /* C locale: the diagnosis reads GCC's and ld's messages, whose quotes
     * and words change with the language. */
    setenv("LC_ALL", "C", 1);
    FILE *f = fopen(log, "w");
    if (f != NULL) {
      dup2(fileno(f), STDOUT_FILENO);
      dup2(fileno(f), STDERR_FILENO);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first line of log containing `needle`, trimmed, or "" if none. */
static void first_line_with(const char *log, const char *needle, char *out, size_t cap)
{
  out[0] = '\0';
  FILE *f = fopen(log, "r");
  if (f == NULL) {
    return;
  }
  char line[2048];
  while (fgets(line, sizeof line, f) != NULL) {
    if (strstr(line, needle) != NULL) {
      line[strcspn(line, "\r\n")] = '\0';
      const char *s = line;
      while (*s == ' ' || *s == '\t') {
        s++;
      }
      size_t len = strlen(s) < cap ? strlen(s) : cap - 1;
      memcpy(out, s, len);
      out[len] = '\0';
      break;
    }
  }
  fclose(f);
}

static int stage(struct lwipsim_user_profile *u, const char *lwip_version, const char *assert_policy)
{
  char ini[PATH_MAX + 16], header[PATH_MAX + 16], v[64] = "", policy[64] = "", desc[256] = "", heap[32] = "";
  snprintf(header, sizeof header, "%s/lwipopts.h", u->dir);
  if (!exists(header)) {
    fprintf(stderr, "lwipsim report: %s: no lwipopts.h in this folder\n", u->dir);
    return 2;
  }
  snprintf(ini, sizeof ini, "%s/profile.ini", u->dir);
  int have_ini = exists(ini);
  if (have_ini && lwipsim_ini_get(ini, "profile", "lwip_version", v, sizeof v) < 0) {
    fprintf(stderr, "lwipsim report: %s: not a readable INI file\n", ini);
    return 2;
  }
  if (have_ini) {
    lwipsim_ini_get(ini, "profile", "assert_policy", policy, sizeof policy);
    lwipsim_ini_get(ini, "profile", "description", desc, sizeof desc);
    lwipsim_ini_get(ini, "profile", "heap_budget_bytes", heap, sizeof heap);
  }
  if (lwip_version) {
    snprintf(v, sizeof v, "%s", lwip_version);
  }
  if (assert_policy) {
    snprintf(policy, sizeof policy, "%s", assert_policy);
  }
  if (v[0] == '\0' || policy[0] == '\0') {
    fprintf(stderr, "lwipsim report: %s: no lwIP version or assert policy; add a profile.ini (docs/profiles.md) "
                    "or pass --lwip-version and --assert-policy\n", u->dir);
    return 2;
  }
  unsigned a, b, c;
  char tail;
  if (sscanf(v, "%u.%u.%u%c", &a, &b, &c, &tail) != 3) {
    fprintf(stderr, "lwipsim report: %s: lwIP version must look like 2.2.1 (got '%s')\n", u->dir, v);
    return 2;
  }
  if (strcmp(policy, "panic") != 0 && strcmp(policy, "silent") != 0 && strcmp(policy, "abort") != 0) {
    fprintf(stderr, "lwipsim report: %s: assert policy must be panic, silent or abort (got '%s')\n", u->dir, policy);
    return 2;
  }
  if (mkdirs(u->staged) != 0) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", u->staged, strerror(errno));
    return 2;
  }
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/lwipopts.h", u->staged);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    fprintf(stderr, "lwipsim report: cannot write %s: %s\n", path, strerror(errno));
    return 2;
  }
  /* By absolute path, so the user's own relative includes resolve next to it. */
  fprintf(f, "/* Staged by lwipsim report --lwipopts: the user's header. */\n#include \"%s\"\n", header);
  fclose(f);
  snprintf(path, sizeof path, "%s/profile.ini", u->staged);
  f = fopen(path, "w");
  if (f == NULL) {
    fprintf(stderr, "lwipsim report: cannot write %s: %s\n", path, strerror(errno));
    return 2;
  }
  fprintf(f, "; staged by lwipsim report --lwipopts %s\n[profile]\ndescription = %s\nsource = %s\n"
             "lwip_version = %s\nassert_policy = %s\nuser_dir = %s\n",
          u->dir, desc[0] ? desc : "your lwipopts.h", u->dir, v, policy, u->dir);
  if (heap[0]) {
    fprintf(f, "heap_budget_bytes = %s\n", heap);
  }
  fclose(f);
  return 0;
}

static const struct lwipsim_profile_entry *staged_entry(const struct lwipsim_profiles_index *idx,
                                                       const struct lwipsim_user_profile *u)
{
  for (size_t i = 0; i < idx->n; i++) {
    if (strcmp(idx->entries[i].dir, u->staged) == 0) {
      return &idx->entries[i];
    }
  }
  return NULL;
}

int lwipsim_user_profiles_build(struct lwipsim_user_profile *ups, size_t n, const char *lwip_version,
                                const char *assert_policy, int jobs, struct lwipsim_profiles_index *idx,
                                const char *bin_dir)
{
  char list[8192] = "";
  for (size_t i = 0; i < n; i++) {
    struct lwipsim_user_profile *u = &ups[i];
    char *dir = realpath(u->dir, NULL);
    if (dir == NULL) {
      fprintf(stderr, "lwipsim report: --lwipopts %s: %s\n", u->dir, strerror(errno));
      return 2;
    }
    snprintf(u->dir, sizeof u->dir, "%s", dir);
    free(dir);
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", u->dir);
    snprintf(u->name, sizeof u->name, "%s", basename(copy));
    snprintf(u->staged, sizeof u->staged, "%s/user-profiles/%s", LWIPSIM_BUILD_DIR, u->name);
    const struct lwipsim_profile_entry *taken = lwipsim_profiles_find(idx, u->name, NULL);
    if (taken != NULL && strcmp(taken->dir, u->staged) != 0) {
      fprintf(stderr, "lwipsim report: %s: a profile named %s is already built (%s); rename the folder\n", u->dir,
              u->name, taken->dir);
      return 2;
    }
    int rc = stage(u, lwip_version, assert_policy);
    if (rc != 0) {
      return rc;
    }
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ";" : "", u->staged);
  }
  fprintf(stderr, "lwipsim report: configuring the build tree for %zu user profile(s)\n", n);
  char def[8300], log[PATH_MAX + 32], jobs_s[16];
  snprintf(def, sizeof def, "-DLWIPSIM_EXTRA_PROFILES=%s", list);
  snprintf(log, sizeof log, "%s/configure.log", ups[0].staged);
  char *configure[] = {LWIPSIM_CMAKE_COMMAND, "-S", LWIPSIM_SOURCE_DIR, "-B", LWIPSIM_BUILD_DIR, def, NULL};
  if (run_logged(configure, log) != 0) {
    char line[1024];
    first_line_with(log, "rror", line, sizeof line);
    fprintf(stderr, "lwipsim report: %s: cmake cannot configure it: %s (log: %s)\n", ups[0].dir, line, log);
    return 2;
  }
  lwipsim_profiles_free(idx);
  char err[PATH_MAX + 128];
  if (lwipsim_profiles_load(bin_dir, idx, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim report: %s\n", err);
    return 2;
  }
  snprintf(jobs_s, sizeof jobs_s, "%d", jobs);
  for (size_t i = 0; i < n; i++) {
    const struct lwipsim_profile_entry *e = staged_entry(idx, &ups[i]);
    if (e == NULL) {
      fprintf(stderr, "lwipsim report: %s: cmake did not add it as a profile\n", ups[i].dir);
      return 2;
    }
    char t1[PATH_MAX], t2[PATH_MAX];
    snprintf(t1, sizeof t1, "%s", strrchr(e->runner, '/') + 1);
    snprintf(t2, sizeof t2, "%s", strrchr(e->demand_runner, '/') + 1);
    fprintf(stderr, "lwipsim report: building %s (lwIP %s) from %s/lwipopts.h\n", e->name, e->lwip_version,
            ups[i].dir);
    snprintf(log, sizeof log, "%s/build.log", ups[i].staged);
    char *build[] = {LWIPSIM_CMAKE_COMMAND, "--build", LWIPSIM_BUILD_DIR, "--target", t1, t2, "-j", jobs_s, NULL};
    if (run_logged(build, log) != 0) {
      if (lwipsim_build_diagnose(log, ups[i].dir, "lwipsim report", stderr) > 0) {
        return 2;
      }
      /* lwIP's own #error lines say what is wrong with the options; any
       * other error is often a consequence of one. */
      char line[1024];
      first_line_with(log, "#error", line, sizeof line);
      if (line[0] == '\0') {
        first_line_with(log, "error", line, sizeof line);
      }
      fprintf(stderr, "lwipsim report: %s/lwipopts.h: does not compile: %s\n", ups[i].dir,
              line[0] ? line : "see the build log");
      return 2;
    }
  }
  return 0;
}
