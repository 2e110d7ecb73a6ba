/* What the suites of lwipsim_unit_lwip share: the test case every lwIP suite
 * makes its tests in, with the pool leak check of lwIP's own
 * lwip_check_ensure_no_alloc (test/unit/lwip_check.h) as its checked
 * teardown. */
#ifndef LWIPSIM_UNIT_LWIP_H
#define LWIPSIM_UNIT_LWIP_H

#include <check.h>

/* The probe's timelines cover this much virtual time in the unit tests
 * (buckets of 10 s: stack/state/timeline.h). */
#define LWIPSIM_UNIT_DURATION_MS 3000000u

/* A test case whose checked setup snapshots every memp pool's `used` (the
 * probe's counters in lwipsim_state) and whose checked teardown fails the
 * test, naming the pool and the counts, when a pool holds more or fewer
 * elements than at setup. A suite adds its own checked fixture after this
 * one: the snapshot is taken before it and the check made after it. */
TCase *lwipsim_unit_tcase(const char *name);

/* For the running test only: the check leaves pool alone. For a test that
 * leaves elements allocated by design; why says which and is printed with
 * the test's name, so an exemption is never silent. */
void lwipsim_unit_leak_exempt(const char *pool, const char *why);

#endif
