/* Internal to sim/analysis: building a bound term by term. */
#ifndef LWIPSIM_ANALYSIS_BOUNDS_PRIV_H
#define LWIPSIM_ANALYSIS_BOUNDS_PRIV_H

#include "analysis/bounds.h"

/* Adds a term (skipped when count is 0) and its count to b->value. */
void lwipsim_bound_term(struct lwipsim_bound *b, long long count, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

long long lwipsim_bound_opt(const struct lwipsim_bound_input *in, const char *name, long long fallback);

/* lwIP version "MAJOR.MINOR.REV" -> MAJOR*100+MINOR (2.2.1 -> 202); -1 if unreadable. */
int lwipsim_bound_version(const char *v);

int lwipsim_bound_sys_timeout(const struct lwipsim_bound_input *in, struct lwipsim_bound *b);

#endif
