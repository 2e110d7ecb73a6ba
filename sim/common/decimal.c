#include "common/decimal.h"

char *lwipsim_decimal_before(char *end, long long v)
{
  /* the magnitude in unsigned arithmetic: LLONG_MIN has no positive twin */
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do {
    *--end = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) {
    *--end = '-';
  }
  return end;
}
