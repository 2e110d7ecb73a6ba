/* lwIP options as the profile's lwIP resolved them (after opt.h's defaults):
 * name/value pairs, so the bound logic can read them without lwIP's headers. */
#ifndef LWIPSIM_ANALYSIS_OPTIONS_H
#define LWIPSIM_ANALYSIS_OPTIONS_H

#include <stddef.h>

struct lwipsim_option {
  const char *name; /* as lwIP spells it: MEMP_NUM_SYS_TIMEOUT */
  long long value;
};

/* The value of NAME, or fallback when the profile's lwIP does not define it. */
long long lwipsim_option_get(const struct lwipsim_option *opts, size_t n, const char *name, long long fallback);

/* Sorts by name (strcmp), so the record lists them in one stable order. */
void lwipsim_options_sort(struct lwipsim_option *opts, size_t n);

#endif
