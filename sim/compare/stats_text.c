#include "compare/stats_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* A serial log's lines are short; a longer one is other text, read to its
 * end and skipped (never one of stats_display's, which are under 40). */
#define LINE_MAX_LEN 512

static const char *const fields[] = { "avail", "used", "max", "err" };

struct reader {
  FILE *f;
  const char *path;
  unsigned lineno;
  char line[LINE_MAX_LEN];
  int pending; /* line holds a line not yet taken */
  char *err;
  size_t errlen;
};

static int fail(struct reader *r, unsigned line, const char *fmt, ...)
{
  int n = snprintf(r->err, r->errlen, "%s:%u: ", r->path, line);
  if (n >= 0 && (size_t)n < r->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
  }
  return -1;
}

/* The next line, trimmed of blanks at both ends and of a serial line's \r;
 * NULL at the end of the file. */
static char *next_line(struct reader *r)
{
  if (r->pending) {
    r->pending = 0;
    return r->line;
  }
  if (fgets(r->line, sizeof r->line, r->f) == NULL) {
    return NULL;
  }
  r->lineno++;
  size_t len = strlen(r->line);
  if (len == sizeof r->line - 1 && r->line[len - 1] != '\n') {
    int c;
    while ((c = fgetc(r->f)) != EOF && c != '\n') {
    }
    r->line[0] = '\0'; /* too long to be lwIP's: other text */
    return r->line;
  }
  while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r' || r->line[len - 1] == ' ' ||
                     r->line[len - 1] == '\t')) {
    r->line[--len] = '\0';
  }
  char *s = r->line;
  while (*s == ' ' || *s == '\t') {
    s++;
  }
  memmove(r->line, s, strlen(s) + 1);
  return r->line;
}

/* "NAME: N" with NAME the field expected; 0, or -1 with the message. */
static int read_field(struct reader *r, const char *block, const char *after, const char *field, uint32_t *out)
{
  char *line = next_line(r);
  if (line == NULL) {
    return fail(r, r->lineno, "the file ends inside MEM %s, after '%s'; the stats dump is cut short", block, after);
  }
  size_t flen = strlen(field);
  if (strncmp(line, field, flen) != 0 || line[flen] != ':') {
    return fail(r, r->lineno, "MEM %s: expected '%s: N' after '%s', found '%.60s'", block, field, after, line);
  }
  const char *p = line + flen + 1;
  while (*p == ' ' || *p == '\t') {
    p++;
  }
  uint64_t v = 0;
  const char *digits = p;
  for (; *p >= '0' && *p <= '9'; p++) {
    v = v * 10 + (uint64_t)(*p - '0');
    if (v > UINT32_MAX) {
      return fail(r, r->lineno, "MEM %s: %s '%s' is larger than lwIP's counters hold", block, field, digits);
    }
  }
  if (p == digits || *p != '\0') {
    return fail(r, r->lineno, "MEM %s: %s '%s' is not a number", block, field, digits);
  }
  *out = (uint32_t)v;
  return 0;
}

/* A "MEM <name>" line whose next line starts with "avail:" opens a block;
 * other "MEM ..." text in a log is not one. */
static int block_name(const char *line, char *name, size_t cap)
{
  if (strncmp(line, "MEM ", 4) != 0 || line[4] == '\0' || strlen(line + 4) >= cap) {
    return 0;
  }
  for (const char *p = line + 4; *p != '\0'; p++) {
    if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f) {
      return 0;
    }
  }
  snprintf(name, cap, "%s", line + 4);
  return 1;
}

static int read_block(struct reader *r, const char *name, unsigned at, struct lwipsim_stats_entry *e)
{
  memset(e, 0, sizeof *e);
  snprintf(e->name, sizeof e->name, "%s", name);
  e->line = at;
  uint32_t *values[] = { &e->avail, &e->used, &e->max, &e->err };
  char after[LWIPSIM_STATS_NAME_MAX + 8];
  snprintf(after, sizeof after, "MEM %s", name);
  for (size_t i = 0; i < 4; i++) {
    if (read_field(r, name, i == 0 ? after : fields[i - 1], fields[i], values[i]) != 0) {
      return -1;
    }
  }
  return 0;
}

const struct lwipsim_stats_entry *lwipsim_stats_find(const struct lwipsim_stats_dump *dump, const char *name)
{
  for (size_t i = 0; i < dump->n; i++) {
    if (strcmp(dump->entries[i].name, name) == 0) {
      return &dump->entries[i];
    }
  }
  return NULL;
}

static int add_entry(struct reader *r, struct lwipsim_stats_dumps *out, const struct lwipsim_stats_entry *e)
{
  struct lwipsim_stats_dump *d = out->n > 0 ? &out->dump[out->n - 1] : NULL;
  if (d == NULL || lwipsim_stats_find(d, e->name) != NULL || d->n == LWIPSIM_STATS_MAX_ENTRIES) {
    if (out->n == LWIPSIM_STATS_MAX_DUMPS) {
      return fail(r, e->line, "more than %d stats dumps; compare at most %d at a time", LWIPSIM_STATS_MAX_DUMPS,
                  LWIPSIM_STATS_MAX_DUMPS);
    }
    d = &out->dump[out->n++];
    d->n = 0;
    d->line = e->line;
  }
  d->entries[d->n++] = *e;
  return 0;
}

int lwipsim_stats_read(const char *path, struct lwipsim_stats_dumps *out, char *err, size_t errlen)
{
  out->n = 0;
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "%s: not a regular file; give the saved serial log", path);
    return -1;
  }
  struct reader r = { .f = fopen(path, "r"), .path = path, .err = err, .errlen = errlen };
  if (r.f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  int rc = 0;
  char name[LWIPSIM_STATS_NAME_MAX];
  for (char *line; rc == 0 && (line = next_line(&r)) != NULL;) {
    if (!block_name(line, name, sizeof name)) {
      continue;
    }
    unsigned at = r.lineno;
    char *next = next_line(&r);
    if (next == NULL) {
      if (out->n > 0) { /* after a dump's blocks: its next one, cut off */
        rc = fail(&r, at, "the file ends after 'MEM %s'; the stats dump is cut short", name);
      }
      break;
    }
    r.pending = 1; /* the block's first field, or other text */
    if (strncmp(next, "avail:", 6) != 0) {
      continue;
    }
    struct lwipsim_stats_entry e;
    rc = read_block(&r, name, at, &e);
    if (rc == 0) {
      rc = add_entry(&r, out, &e);
    }
  }
  if (rc == 0 && ferror(r.f)) {
    snprintf(err, errlen, "%s: cannot read (%s)", path, strerror(errno));
    rc = -1;
  }
  fclose(r.f);
  if (rc == 0 && out->n == 0) {
    snprintf(err, errlen,
             "%s: no lwIP stats in it (no 'MEM <pool>' block of stats_display()); paste the output of "
             "stats_display() from a build with LWIP_STATS, MEM_STATS and MEMP_STATS",
             path);
    rc = -1;
  }
  return rc;
}
