#include "common/error_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lwipsim_set_err(char *err, size_t errlen, const char *fmt, ...)
{
  va_list ap;

  if (err == NULL || errlen == 0) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

void lwipsim_strip_newline(char *s)
{
  size_t n = strlen(s);

  while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
    s[--n] = '\0';
  }
}
