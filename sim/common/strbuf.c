#include "common/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Room for more bytes and the NUL; 0, or -1 with b->oom set. */
static int reserve(struct lwipsim_sb *b, size_t more)
{
  if (b->oom) {
    return -1;
  }
  if (b->len + more + 1 <= b->cap) {
    return 0;
  }
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1) {
    cap *= 2;
  }
  char *s = realloc(b->s, cap);
  if (s == NULL) {
    b->oom = 1;
    return -1;
  }
  b->s = s;
  b->cap = cap;
  return 0;
}

void lwipsim_sb_append(struct lwipsim_sb *b, const char *s, size_t n)
{
  if (reserve(b, n) != 0) {
    return;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void lwipsim_sb_printf(struct lwipsim_sb *b, const char *fmt, ...)
{
  va_list ap;
  char probe[1]; /* measuring into a real buffer: GCC's sanitizer builds reject a NULL one */
  va_start(ap, fmt);
  int n = vsnprintf(probe, sizeof probe, fmt, ap);
  va_end(ap);
  if (n <= 0) {
    return;
  }
  if (reserve(b, (size_t)n) != 0) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void lwipsim_sb_esc(struct lwipsim_sb *b, const char *s)
{
  for (; s != NULL && *s; s++) {
    switch (*s) {
    case '&': lwipsim_sb_printf(b, "&amp;"); break;
    case '<': lwipsim_sb_printf(b, "&lt;"); break;
    case '>': lwipsim_sb_printf(b, "&gt;"); break;
    case '"': lwipsim_sb_printf(b, "&quot;"); break;
    case '\'': lwipsim_sb_printf(b, "&#39;"); break;
    default: lwipsim_sb_append(b, s, 1);
    }
  }
}

int lwipsim_sb_write_file(const struct lwipsim_sb *b, const char *path)
{
  if (b->oom) {
    errno = ENOMEM;
    return -1;
  }
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return -1;
  }
  size_t n = b->len ? fwrite(b->s, 1, b->len, f) : 0;
  int closed = fclose(f);
  int rc = n == b->len && closed == 0 ? 0 : -1;
  if (rc != 0) {
    int saved = errno;
    unlink(path); /* a cut-off report must not pass for one */
    errno = saved;
  }
  return rc;
}

char *lwipsim_sb_take(struct lwipsim_sb *b)
{
  if (b->oom) {
    lwipsim_sb_free(b);
    return NULL;
  }
  char *s = b->s != NULL ? b->s : calloc(1, 1);
  memset(b, 0, sizeof *b);
  return s;
}

void lwipsim_sb_free(struct lwipsim_sb *b)
{
  free(b->s);
  memset(b, 0, sizeof *b);
}
