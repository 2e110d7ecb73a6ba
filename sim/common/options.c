#include "common/options.h"

#include <stdlib.h>
#include <string.h>

long long lwipsim_option_get(const struct lwipsim_option *opts, size_t n, const char *name, long long fallback)
{
  for (size_t i = 0; i < n; i++) {
    if (strcmp(opts[i].name, name) == 0) {
      return opts[i].value;
    }
  }
  return fallback;
}

static int by_name(const void *a, const void *b)
{
  return strcmp(((const struct lwipsim_option *)a)->name, ((const struct lwipsim_option *)b)->name);
}

void lwipsim_options_sort(struct lwipsim_option *opts, size_t n)
{
  if (n > 1) {
    qsort(opts, n, sizeof *opts, by_name);
  }
}
