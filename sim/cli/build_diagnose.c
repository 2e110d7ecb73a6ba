#include "cli/build_diagnose.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MISSING 64
#define NAME_MAX_LEN 200

struct missing {
  int is_include;
  char name[NAME_MAX_LEN];
  char where[PATH_MAX + 32]; /* "FILE:LINE" from the compiler, for includes */
};

static int seen(const struct missing *m, int n, int is_include, const char *name)
{
  for (int i = 0; i < n; i++) {
    if (m[i].is_include == is_include && strcmp(m[i].name, name) == 0) {
      return 1;
    }
  }
  return 0;
}

/* "PATH:LINE:COL: fatal error: NAME: No such file or directory" (GCC). */
static int parse_missing_include(const char *line, struct missing *m)
{
  const char *tag = strstr(line, ": fatal error: ");
  const char *tail = strstr(line, ": No such file or directory");
  if (tag == NULL || tail == NULL || tail < tag) {
    return 0;
  }
  const char *name = tag + strlen(": fatal error: ");
  size_t len = (size_t)(tail - name);
  if (len == 0 || len >= sizeof m->name) {
    return 0;
  }
  memcpy(m->name, name, len);
  m->name[len] = '\0';
  /* where: the path and line before ":COL: fatal error" */
  size_t wlen = (size_t)(tag - line);
  if (wlen >= sizeof m->where) {
    wlen = sizeof m->where - 1;
  }
  memcpy(m->where, line, wlen);
  m->where[wlen] = '\0';
  char *col = strrchr(m->where, ':');
  if (col != NULL) {
    *col = '\0'; /* drop the column */
  }
  m->is_include = 1;
  return 1;
}

/* "... undefined reference to `NAME'" (GNU ld), or "error: implicit
 * declaration of function 'NAME'" (GCC, where our own -Werror code expands a
 * header macro that calls a firmware function nothing declares). The build
 * runs with LC_ALL=C, so the quotes are ASCII. */
static int parse_undefined(const char *line, struct missing *m)
{
  static const char *const tags[] = { "undefined reference to `", "error: implicit declaration of function '" };
  const char *name = NULL;
  for (size_t i = 0; i < sizeof tags / sizeof tags[0] && name == NULL; i++) {
    const char *tag = strstr(line, tags[i]);
    if (tag != NULL) {
      name = tag + strlen(tags[i]);
    }
  }
  if (name == NULL) {
    return 0;
  }
  size_t len = strcspn(name, "'");
  if (len == 0 || len >= sizeof m->name || name[len] != '\'') {
    return 0;
  }
  memcpy(m->name, name, len);
  m->name[len] = '\0';
  m->where[0] = '\0';
  m->is_include = 0;
  return 1;
}

static int is_ident(int c) { return isalnum(c) || c == '_'; }

/* The first line of file holding name as a whole word: its number, and in
 * macro the name of the #define on that line ("" if none). 0 if not found. */
static int find_word(const char *file, const char *name, char *macro, size_t macro_cap)
{
  FILE *f = fopen(file, "r");
  if (f == NULL) {
    return 0;
  }
  char line[4096];
  size_t nlen = strlen(name);
  int no = 0, found = 0;
  while (!found && fgets(line, sizeof line, f) != NULL) {
    no++;
    for (const char *p = strstr(line, name); p != NULL; p = strstr(p + 1, name)) {
      if ((p == line || !is_ident((unsigned char)p[-1])) && !is_ident((unsigned char)p[nlen])) {
        found = no;
        break;
      }
    }
  }
  fclose(f);
  macro[0] = '\0';
  if (found) {
    const char *s = line + strspn(line, " \t");
    if (*s == '#') {
      s += 1 + strspn(s + 1, " \t");
      if (strncmp(s, "define", 6) == 0 && (s[6] == ' ' || s[6] == '\t')) {
        s += 6 + strspn(s + 6, " \t");
        size_t len = 0;
        while (is_ident((unsigned char)s[len]) && len + 1 < macro_cap) {
          len++;
        }
        memcpy(macro, s, len);
        macro[len] = '\0';
      }
    }
  }
  return found;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Where the user's headers refer to name: lwipopts.h first, then the other
 * headers in the folder in name order. Fills file and returns the line. */
static int find_reference(const char *dir, const char *name, char *file, size_t file_cap, char *macro, size_t macro_cap)
{
  snprintf(file, file_cap, "%s/lwipopts.h", dir);
  int line = find_word(file, name, macro, macro_cap);
  if (line) {
    return line;
  }
  DIR *d = opendir(dir);
  if (d == NULL) {
    return 0;
  }
  char *names[256];
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL && n < 256;) {
    size_t len = strlen(e->d_name);
    if (len > 2 && strcmp(e->d_name + len - 2, ".h") == 0 && strcmp(e->d_name, "lwipopts.h") != 0) {
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof names[0], by_name);
  for (size_t i = 0; i < n; i++) {
    if (!line && names[i] != NULL) {
      snprintf(file, file_cap, "%s/%s", dir, names[i]);
      line = find_word(file, name, macro, macro_cap);
    }
    free(names[i]);
  }
  if (!line) {
    snprintf(file, file_cap, "%s/lwipopts.h", dir);
  }
  return line;
}

int lwipsim_build_diagnose(const char *log, const char *dir, const char *prefix, FILE *out)
{
  FILE *f = fopen(log, "r");
  if (f == NULL) {
    return 0;
  }
  static struct missing found[MAX_MISSING];
  int n = 0;
  char line[8192];
  while (fgets(line, sizeof line, f) != NULL && n < MAX_MISSING) {
    line[strcspn(line, "\r\n")] = '\0';
    struct missing m;
    if ((parse_missing_include(line, &m) || parse_undefined(line, &m)) && !seen(found, n, m.is_include, m.name)) {
      found[n++] = m;
    }
  }
  fclose(f);
  for (int i = 0; i < n; i++) {
    const struct missing *m = &found[i];
    if (m->is_include) {
      fprintf(out,
              "%s: %s: includes %s, which is not found; put a stand-in %s/shims/%s with what the header needs "
              "from it (docs/profiles.md, \"Shims\")\n",
              prefix, m->where, m->name, dir, m->name);
      continue;
    }
    char file[PATH_MAX + 300], macro[NAME_MAX_LEN];
    int at = find_reference(dir, m->name, file, sizeof file, macro, sizeof macro);
    if (at && macro[0] && strcmp(macro, m->name) != 0) {
      fprintf(out,
              "%s: %s:%d: %s refers to %s, which no code here defines; define it in %s/shims/%s.c "
              "(docs/profiles.md, \"Shims\")\n",
              prefix, file, at, macro, m->name, dir, m->name);
    } else if (at) {
      fprintf(out,
              "%s: %s:%d: refers to %s, which no code here defines; define it in %s/shims/%s.c "
              "(docs/profiles.md, \"Shims\")\n",
              prefix, file, at, m->name, dir, m->name);
    } else {
      fprintf(out,
              "%s: %s: the build needs %s, which no code here defines (not named in the header: an option "
              "lwIP or a shim turns into a call); define it in %s/shims/%s.c (docs/profiles.md, \"Shims\")\n",
              prefix, file, m->name, dir, m->name);
    }
  }
  return n;
}
