/* Pool probe: counts every memp pool through link-time wraps of memp_malloc
 * and memp_free (lwIP's code is untouched), keeps a bounded timeline of used
 * counts (stack/state/timeline.h), names the armed timers at each new
 * SYS_TIMEOUT peak and at each failure. */
#ifndef LWIPSIM_PROBE_H
#define LWIPSIM_PROBE_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_timer_list;

/* Fills lwipsim_state->pools from lwIP's pool table and empties the
 * timelines, whose buckets cover duration_ms (the run's length). Call before
 * lwip_init(). */
void lwipsim_probe_init(uint64_t duration_ms);

/* No runtime cap on a pool. 0 is a size like any other (every allocation
 * fails), so "none" needs a value no pool can have. */
#define LWIPSIM_PROBE_NO_CAP UINT32_MAX

/* Runtime cap: allocations beyond cap fail as if the pool were that size.
 * LWIPSIM_PROBE_NO_CAP removes the cap. Used by demand and sweep runs.
 * Returns -1 for an unknown pool name. */
int lwipsim_probe_set_cap(const char *pool_name, uint32_t cap);

/* Caps every pool at the profile's own size: a demand build then behaves as
 * the profile's build does (tests/replay checks that it does). */
void lwipsim_probe_cap_to_profile(void);

const struct lwipsim_timeline_point *lwipsim_probe_timeline(size_t pool, size_t *n);

/* The handler being armed right now ("?" when unknown). */
const char *lwipsim_probe_arming_name(void);

/* Walks lwIP's armed-timeout list into out, naming each handler. */
void lwipsim_probe_walk_timers(struct lwipsim_timer_list *out);

#endif
