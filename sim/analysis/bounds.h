/* Analytic worst case per memp pool: how many elements lwIP's own code can
 * hold at once for a profile's options and a device script, or "unbounded"
 * when the count is chosen by peers. Pure functions of (options, lwIP
 * version, script summary): no lwIP headers, unit-tested by hand-made option
 * sets (tests/unit/analysis). The record's `worst_case` (docs/run-record.md). */
#ifndef LWIPSIM_ANALYSIS_BOUNDS_H
#define LWIPSIM_ANALYSIS_BOUNDS_H

#include <stddef.h>
#include <stdint.h>

#include "run_record/record.h"

#include "analysis/script_summary.h"
#include "common/options.h"

struct lwipsim_bound_input {
  const struct lwipsim_option *options;
  size_t n_options;
  const char *lwip_version; /* "2.2.1" */
  /* Handler names of lwIP's lwip_cyclic_timers[] as compiled, in table order
   * (index 0 is tcp_tmr when LWIP_TCP). */
  const char *const *cyclic_timers;
  size_t n_cyclic_timers;
  const struct lwipsim_script_summary *script;
};

/* Fills *out for the pool lwIP names POOL (SYS_TIMEOUT, UDP_PCB, ...).
 * Returns out->bounded. */
int lwipsim_bound_pool(const char *pool, const struct lwipsim_bound_input *in, struct lwipsim_bound *out);

/* Every pool this module can bound, into out (at most max), in one fixed
 * order: what the runner hands the record serializer before the run.
 * Returns the count. */
size_t lwipsim_bound_all(const struct lwipsim_bound_input *in, struct lwipsim_worst_case *out, size_t max);

#endif
