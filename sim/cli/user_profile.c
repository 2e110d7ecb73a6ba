#include "cli/user_profile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/build_diagnose.h"
#include "cli/ini_get.h"
#include "cli/layout.h"

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
    fprintf(stderr,
            "lwipsim report: %s: no lwIP version or assert policy; add a profile.ini (docs/profiles.md) "
            "or pass --lwip-version and --assert-policy\n",
            u->dir);
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
  fprintf(f,
          "; staged by lwipsim report --lwipopts %s\n[profile]\ndescription = %s\nsource = %s\n"
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

/* FNV-1a: a short tag for a path. */
static unsigned long path_tag(const char *s)
{
  unsigned long h = 2166136261ul;
  for (; *s; s++) {
    h = ((h ^ (unsigned char)*s) * 16777619ul) & 0xfffffffful;
  }
  return h;
}

/* --build-dir, else the layout's folder (a build tree's BUILD/user-build),
 * else $XDG_CACHE_HOME/lwipsim (~/.cache/lwipsim), one folder per installed
 * tree and version. */
static int pick_build_dir(const char *given, char *out, size_t cap)
{
  if (given != NULL) {
    char *abs = realpath(given, NULL);
    if (abs == NULL && mkdirs(given) == 0) {
      abs = realpath(given, NULL);
    }
    if (abs == NULL) {
      fprintf(stderr, "lwipsim report: --build-dir %s: %s\n", given, strerror(errno));
      return 2;
    }
    snprintf(out, cap, "%s", abs);
    free(abs);
    return 0;
  }
  if (lwipsim_user_build_default(out, cap) != 0) {
    fprintf(stderr, "lwipsim report: neither XDG_CACHE_HOME nor HOME is set (or the path is too long); "
                    "pass --build-dir DIR\n");
    return 2;
  }
  return 0;
}

int lwipsim_user_build_default(char *out, size_t cap)
{
  const struct lwipsim_layout *l = lwipsim_layout();
  if (l->user_build[0] != '\0') {
    int len = snprintf(out, cap, "%s", l->user_build);
    return len >= 0 && (size_t)len < cap ? 0 : -1;
  }
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  char base[PATH_MAX];
  if (xdg != NULL && xdg[0] == '/') {
    snprintf(base, sizeof base, "%s/lwipsim", xdg);
  } else if (home != NULL && home[0] == '/') {
    snprintf(base, sizeof base, "%s/.cache/lwipsim", home);
  } else {
    return -1;
  }
  int len = snprintf(out, cap, "%s/build-%s-%08lx", base, LWIPSIM_VERSION, path_tag(l->source_dir));
  return len >= 0 && (size_t)len < cap ? 0 : -1;
}

/* One build at a time in a build folder: an exclusive flock on
 * BUILD/lwipsim.lock, held until the runners are built and listed. The
 * holder's PID is in the file, for the waiting message. Returns the fd. */
static int lock_build_dir(const char *build)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/lwipsim.lock", build);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    fprintf(stderr, "lwipsim report: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = "";
    ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
    pid[n > 0 ? n : 0] = '\0';
    pid[strcspn(pid, "\n")] = '\0';
    fprintf(stderr, "lwipsim report: waiting for another lwipsim build (PID %s) in %s\n", pid[0] ? pid : "?", build);
    while (flock(fd, LOCK_EX) != 0) {
      if (errno != EINTR) {
        fprintf(stderr, "lwipsim report: cannot lock %s: %s\n", path, strerror(errno));
        close(fd);
        return -1;
      }
    }
  }
  char pid[32];
  int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
  if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
    /* only the message of a waiting run suffers */
  }
  return fd;
}

/* A configure that failed may leave a cache the next one trips over (another
 * source folder, a half-written cache): start that build folder afresh. */
static void forget_configuration(const char *build)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/CMakeCache.txt", build);
  unlink(path);
  snprintf(path, sizeof path, "%s/CMakeFiles", build);
  char *rm[] = { "rm", "-rf", path, NULL };
  char log[PATH_MAX + 32];
  snprintf(log, sizeof log, "%s/forget.log", build);
  run_logged(rm, log);
}

static int configure(const char *build, const char *list, const char *log)
{
  const struct lwipsim_layout *l = lwipsim_layout();
  char def[8300], cache[PATH_MAX + 32], lwip_dir[PATH_MAX + 32];
  snprintf(def, sizeof def, "-DLWIPSIM_EXTRA_PROFILES=%s", list);
  snprintf(cache, sizeof cache, "-DLWIPSIM_LWIP_CACHE=%s", l->lwip_cache);
  snprintf(lwip_dir, sizeof lwip_dir, "-DLWIP_DIR=%s", l->lwip_dir);
  char *argv[12 + LWIPSIM_LAYOUT_MAX_ARGS] = { (char *)l->cmake,
                                               "-S",
                                               (char *)l->source_dir,
                                               "-B",
                                               (char *)build,
                                               "-DLWIPSIM_USER_BUILD=ON",
                                               "-DBUILD_TESTING=OFF",
                                               cache,
                                               lwip_dir,
                                               def };
  size_t n = 10;
  for (size_t i = 0; i < l->n_args; i++) {
    argv[n++] = (char *)l->args[i];
  }
  argv[n] = NULL;
  char cachefile[PATH_MAX + 32];
  snprintf(cachefile, sizeof cachefile, "%s/CMakeCache.txt", build);
  int had_cache = exists(cachefile);
  int rc = run_logged(argv, log);
  if (rc != 0 && had_cache) {
    forget_configuration(build); /* once more from scratch */
    rc = run_logged(argv, log);
  }
  if (rc != 0) {
    forget_configuration(build);
  }
  return rc;
}

/* A failed _Static_assert carries its own sentence (lwIP's and ours, such as
 * the probe's pool limit): that sentence, without the compiler's path and
 * quoting. Any other line is returned as it is. */
static const char *static_assert_text(char *line)
{
  static const char tag[] = "error: static assertion failed: \"";
  char *m = strstr(line, tag);
  if (m == NULL) {
    return line;
  }
  m += strlen(tag);
  char *w = m;
  for (const char *r = m; *r != '\0' && !(*r == '"' && r[1] == '\0'); r++) {
    if (*r == '\\' && r[1] != '\0') {
      r++; /* gcc writes ' as \' */
    }
    *w++ = *r;
  }
  *w = '\0';
  return m;
}

static int build_locked(struct lwipsim_user_profile *ups, size_t n, const char *lwip_version, const char *assert_policy,
                        int jobs, const char *build, struct lwipsim_profiles_index *idx)
{
  char list[8192] = "";
  for (size_t i = 0; i < n; i++) {
    struct lwipsim_user_profile *u = &ups[i];
    int len = snprintf(u->staged, sizeof u->staged, "%s/user-profiles/%s", build, u->name);
    if (len < 0 || (size_t)len >= sizeof u->staged) {
      fprintf(stderr, "lwipsim report: %s: build folder path too long\n", build);
      return 2;
    }
    int rc = stage(u, lwip_version, assert_policy);
    if (rc != 0) {
      return rc;
    }
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ";" : "", u->staged);
  }
  fprintf(stderr, "lwipsim report: configuring %s for %zu user profile(s)\n", build, n);
  char log[PATH_MAX + 32], jobs_s[16];
  snprintf(log, sizeof log, "%s/configure.log", ups[0].staged);
  if (configure(build, list, log) != 0) {
    char line[1024];
    first_line_with(log, "rror", line, sizeof line);
    fprintf(stderr, "lwipsim report: %s: cmake cannot configure it: %s (log: %s)\n", ups[0].dir, line, log);
    return 2;
  }
  /* The user build lists only the staged profiles. */
  char bin[PATH_MAX + 8], err[PATH_MAX + 128];
  snprintf(bin, sizeof bin, "%s/bin", build);
  struct lwipsim_profiles_index built;
  if (lwipsim_profiles_load(bin, &built, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim report: %s\n", err);
    return 2;
  }
  snprintf(jobs_s, sizeof jobs_s, "%d", jobs);
  const struct lwipsim_layout *l = lwipsim_layout();
  for (size_t i = 0; i < n; i++) {
    const struct lwipsim_profile_entry *e = staged_entry(&built, &ups[i]);
    if (e == NULL) {
      fprintf(stderr, "lwipsim report: %s: cmake did not add it as a profile\n", ups[i].dir);
      lwipsim_profiles_free(&built);
      return 2;
    }
    char t1[PATH_MAX], t2[PATH_MAX];
    snprintf(t1, sizeof t1, "%s", strrchr(e->runner, '/') + 1);
    snprintf(t2, sizeof t2, "%s", strrchr(e->demand_runner, '/') + 1);
    fprintf(stderr, "lwipsim report: building %s (lwIP %s) from %s/lwipopts.h\n", e->name, e->lwip_version, ups[i].dir);
    snprintf(log, sizeof log, "%s/build.log", ups[i].staged);
    char *argv[] = { (char *)l->cmake, "--build", (char *)build, "--target", t1, t2, "-j", jobs_s, NULL };
    if (run_logged(argv, log) != 0) {
      lwipsim_profiles_free(&built);
      if (lwipsim_build_diagnose(log, ups[i].dir, "lwipsim report", stderr) > 0) {
        return 2;
      }
      /* lwIP's own #error lines say what is wrong with the options; any
       * other error is often a consequence of one. */
      char line[1024];
      first_line_with(log, "#error", line, sizeof line);
      if (line[0] == '\0') { /* a compiler's "error: ", not a file named error_text.c */
        first_line_with(log, ": error: ", line, sizeof line);
      }
      fprintf(stderr, "lwipsim report: %s/lwipopts.h: does not compile: %s\n", ups[i].dir,
              line[0] ? static_assert_text(line) : "see the build log");
      return 2;
    }
    struct lwipsim_profile_entry *grown = realloc(idx->entries, (idx->n + 1) * sizeof *grown);
    if (grown == NULL) {
      lwipsim_profiles_free(&built);
      return 2;
    }
    idx->entries = grown;
    idx->entries[idx->n++] = *e;
  }
  lwipsim_profiles_free(&built);
  return 0;
}

int lwipsim_user_profiles_build(struct lwipsim_user_profile *ups, size_t n, const char *lwip_version,
                                const char *assert_policy, int jobs, const char *build_dir,
                                struct lwipsim_profiles_index *idx)
{
  for (size_t i = 0; i < n; i++) {
    struct lwipsim_user_profile *u = &ups[i];
    char *dir = realpath(u->dir, NULL);
    if (dir == NULL) {
      fprintf(stderr, "lwipsim report: --lwipopts %s: %s\n", u->dir, strerror(errno));
      return 2;
    }
    snprintf(u->dir, sizeof u->dir, "%s", dir);
    free(dir);
    /* the path goes into an #include "..." line, a CMake list (';') and
     * CMake strings ('$', '\\'): refuse what none of them can carry */
    size_t bad = strcspn(u->dir, "\"\\;$");
    if (u->dir[bad] != '\0') {
      fprintf(stderr,
              "lwipsim report: --lwipopts %s: the folder's path has a '%c', which the build cannot carry; copy the "
              "folder to a path without \", \\, ; or $\n",
              u->dir, u->dir[bad]);
      return 2;
    }
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", u->dir);
    snprintf(u->name, sizeof u->name, "%s", basename(copy));
    const struct lwipsim_profile_entry *taken = lwipsim_profiles_find(idx, u->name, NULL);
    if (taken != NULL) {
      fprintf(stderr, "lwipsim report: %s: a profile named %s is already built (%s); rename the folder\n", u->dir,
              u->name, taken->dir);
      return 2;
    }
  }
  char build[PATH_MAX];
  int rc = pick_build_dir(build_dir, build, sizeof build);
  if (rc != 0) {
    return rc;
  }
  if (mkdirs(build) != 0) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", build, strerror(errno));
    return 2;
  }
  int lock = lock_build_dir(build);
  if (lock < 0) {
    return 2;
  }
  rc = build_locked(ups, n, lwip_version, assert_policy, jobs, build, idx);
  close(lock);
  return rc;
}
