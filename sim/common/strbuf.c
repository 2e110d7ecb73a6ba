#include "common/strbuf.h"

#include "common/decimal.h"
#include "common/read_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  /* printed straight into the room left when it fits (most calls): a
   * second pass only when it did not */
  size_t room = b->s != NULL && !b->oom ? b->cap - b->len : 0;
  va_start(ap, fmt);
  int n = room > 0 ? vsnprintf(b->s + b->len, room, fmt, ap) : vsnprintf(probe, sizeof probe, fmt, ap);
  va_end(ap);
  if (n <= 0) {
    if (b->s != NULL && room > 0) {
      b->s[b->len] = '\0';
    }
    return;
  }
  if ((size_t)n < room) {
    b->len += (size_t)n;
    return;
  }
  if (room > 0) {
    b->s[b->len] = '\0'; /* what the cut-off print left is not part of the text */
  }
  if (reserve(b, (size_t)n) != 0) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void lwipsim_sb_fixed1(struct lwipsim_sb *b, double v)
{
  /* |v| = m * 2^e exactly, from its bits; 10 |v| rounded to an integer q,
   * half to even, as glibc's printf rounds the exact value in the default
   * rounding mode */
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  int biased = (int)(bits >> 52 & 0x7ff);
  if (biased == 0x7ff || v >= 1e15 || v <= -1e15) {
    lwipsim_sb_printf(b, "%.1f", v); /* not finite, or more digits than q holds */
    return;
  }
  uint64_t m = bits & (((uint64_t)1 << 52) - 1);
  int e = biased == 0 ? -1074 : biased - 1075;
  m |= biased == 0 ? 0 : (uint64_t)1 << 52;
  uint64_t q;
  if (e >= 0) {
    q = (m << e) * 10; /* an integer below 1e15: no overflow */
  } else if (e < -60) {
    q = 0; /* 10 |v| < 10 * 2^53 * 2^-61 < 0.04: rounds to 0 */
  } else {
    /* 10 m < 2^57: the remainder and the half fit in 64 bits */
    uint64_t t = m * 10, mask = ((uint64_t)1 << -e) - 1, half = (uint64_t)1 << (-e - 1), rem = t & mask;
    q = t >> -e;
    q += rem > half || (rem == half && (q & 1) != 0);
  }
  char text[LWIPSIM_DECIMAL_MAX + 3], *at = text + sizeof text;
  *--at = (char)('0' + q % 10);
  *--at = '.';
  at = lwipsim_decimal_before(at, (long long)(q / 10)); /* below 1e15 */
  if (bits >> 63) {                                     /* -0.0 too, as printf says it */
    *--at = '-';
  }
  lwipsim_sb_append(b, at, (size_t)(text + sizeof text - at));
}

void lwipsim_sb_long(struct lwipsim_sb *b, long long v)
{
  char text[LWIPSIM_DECIMAL_MAX], *end = text + sizeof text;
  char *at = lwipsim_decimal_before(end, v);
  lwipsim_sb_append(b, at, (size_t)(end - at));
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
  return lwipsim_write_file(path, b->s, b->len);
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
