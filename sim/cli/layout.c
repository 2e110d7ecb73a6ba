#include "cli/layout.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LWIPSIM_RUNNER_DIR_FROM_BIN
#define LWIPSIM_RUNNER_DIR_FROM_BIN "../libexec/lwipsim"
#endif

static struct lwipsim_layout current;

const struct lwipsim_layout *lwipsim_layout(void) { return &current; }

static int is_file(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void copy(char *out, size_t cap, const char *s)
{
  size_t n = strlen(s);
  n = n < cap ? n : cap - 1;
  memcpy(out, s, n);
  out[n] = '\0';
}

/* a/b into out; 0, or -1 when it does not fit. */
static int join(char *out, size_t cap, const char *a, const char *b)
{
  int n = snprintf(out, cap, "%s/%s", a, b);
  return n >= 0 && (size_t)n < cap ? 0 : -1;
}

/* value, absolute or relative to base, made canonical when it exists. */
static void resolve(char *out, size_t cap, const char *base, const char *value)
{
  char joined[PATH_MAX * 2];
  if (value[0] == '/') {
    copy(joined, sizeof joined, value);
  } else if (join(joined, sizeof joined, base, value) != 0) {
    copy(joined, sizeof joined, value);
  }
  char *real = realpath(joined, NULL);
  copy(out, cap, real != NULL ? real : joined);
  free(real);
}

const struct lwipsim_layout *lwipsim_layout_load(char *err, size_t errlen)
{
  struct lwipsim_layout *l = &current;
  memset(l, 0, sizeof *l);
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    snprintf(err, errlen, "/proc/self/exe: cannot find where lwipsim is");
    return NULL;
  }
  exe[n] = '\0';
  copy(l->exe_dir, sizeof l->exe_dir, dirname(exe));

  char probe[PATH_MAX * 2];
  if (join(probe, sizeof probe, l->exe_dir, "profiles.tsv") == 0 && is_file(probe)) {
    copy(l->runner_dir, sizeof l->runner_dir, l->exe_dir); /* a build tree */
  } else {
    resolve(l->runner_dir, sizeof l->runner_dir, l->exe_dir, LWIPSIM_RUNNER_DIR_FROM_BIN); /* installed */
    if (join(probe, sizeof probe, l->runner_dir, "profiles.tsv") != 0 || !is_file(probe)) {
      snprintf(err, errlen, "no profiles.tsv in %s or %s; is this a complete lwipsim build or install?", l->exe_dir,
               l->runner_dir);
      return NULL;
    }
  }

  char path[PATH_MAX + 16];
  FILE *f = join(path, sizeof path, l->runner_dir, "layout.tsv") == 0 ? fopen(path, "r") : NULL;
  if (f == NULL) {
    snprintf(err, errlen, "%s: cannot read the layout; is this a complete lwipsim build or install?", path);
    return NULL;
  }
  char line[PATH_MAX + 64];
  while (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    if (tab == NULL) {
      continue;
    }
    *tab = '\0';
    const char *key = line, *value = tab + 1;
    if (strcmp(key, "data") == 0) {
      resolve(l->data_dir, sizeof l->data_dir, l->runner_dir, value);
    } else if (strcmp(key, "source") == 0) {
      resolve(l->source_dir, sizeof l->source_dir, l->runner_dir, value);
    } else if (strcmp(key, "lwip_cache") == 0) {
      resolve(l->lwip_cache, sizeof l->lwip_cache, l->runner_dir, value);
    } else if (strcmp(key, "lwip_dir") == 0 && value[0] != '\0') {
      resolve(l->lwip_dir, sizeof l->lwip_dir, l->runner_dir, value);
    } else if (strcmp(key, "user_build") == 0 && value[0] != '\0') {
      resolve(l->user_build, sizeof l->user_build, l->runner_dir, value);
    } else if (strcmp(key, "cmake") == 0) {
      copy(l->cmake, sizeof l->cmake, value);
    } else if (strcmp(key, "arg") == 0 && l->n_args < LWIPSIM_LAYOUT_MAX_ARGS) {
      copy(l->args[l->n_args++], sizeof l->args[0], value);
    }
  }
  fclose(f);
  if (l->data_dir[0] == '\0' || l->source_dir[0] == '\0' || l->cmake[0] == '\0') {
    snprintf(err, errlen, "%s: no data, source or cmake line", path);
    return NULL;
  }
  return l;
}
