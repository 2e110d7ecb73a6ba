#include "common/utf8_text.h"

/* Length of the UTF-8 sequence starting at p (1-4), or 0 when it is not a
 * well-formed one (RFC 3629 section 4's table). */
static size_t sequence_length(const unsigned char *p)
{
  unsigned char b = p[0];

  if (b < 0x80) {
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    return (p[1] & 0xC0) == 0x80 ? 2 : 0;
  }
  if (b >= 0xE0 && b <= 0xEF) {
    unsigned char lo = b == 0xE0 ? 0xA0 : 0x80; /* overlong */
    unsigned char hi = b == 0xED ? 0x9F : 0xBF; /* surrogates */
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    unsigned char lo = b == 0xF0 ? 0x90 : 0x80; /* overlong */
    unsigned char hi = b == 0xF4 ? 0x8F : 0xBF; /* above U+10FFFF */
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

int lwipsim_utf8_text_check(const char *s, size_t *bad_at)
{
  const unsigned char *p = (const unsigned char *)s;

  while (*p != '\0') {
    size_t n = sequence_length(p);

    /* a NUL inside a sequence fails the continuation test, so p never runs
     * past the terminator */
    if (n == 0 || (n == 1 && *p < 0x20 && *p != '\t') || *p == 0x7F) {
      if (bad_at != NULL) {
        *bad_at = (size_t)(p - (const unsigned char *)s);
      }
      return -1;
    }
    p += n;
  }
  return 0;
}
