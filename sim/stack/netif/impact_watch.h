/* The run's side of the impact (sim/replay/impact.h): notices the run's
 * first failure, offers every frame of the replay to the impact counter and
 * writes its counts into the run state when the run ends. */
#ifndef LWIPSIM_IMPACT_WATCH_H
#define LWIPSIM_IMPACT_WATCH_H

#include <stdint.h>

#include "replay/frame_view.h"
#include "stack/state/run_state.h"

/* A new run (the netif was added). ipv6_built: the live stack has IPv6. */
void lwipsim_impact_watch_reset(const uint8_t device_mac[6], int ipv6_built);
/* A frame of the capture (live 0) or one the live stack sent (live 1), now
 * or, for frames read after a panic, at their own time (at_ms). */
void lwipsim_impact_watch_frame(const uint8_t *frame, uint32_t len, int live, uint64_t at_ms);
/* The same on a frame the netif has parsed (replay/frame_view.h). */
void lwipsim_impact_watch_frame_view(const struct lwipsim_frame_view *v, int live, uint64_t at_ms);
/* Latches the run's first failure if there is one by now: a pool
 * allocation refused, an lwIP assert, the heap budget refused, or a device
 * app's write refused (ERR_MEM). Called after every turn of the engine and
 * at every frame, so the common answer (nothing failed yet) is inline. */
void lwipsim_impact_watch_latch(void);
static inline void lwipsim_impact_watch_check(void)
{
  const struct lwipsim_run_state *s = lwipsim_state;
  /* one test of the five counters OR-ed, not five tests and branches (about
   * 380,000 checks in a replay of 50,000 frames) */
  if (((uint64_t)(unsigned)s->panicked | s->pool_failures | s->n_asserts | s->heap.failed |
       s->device.http_write_refused) != 0) {
    lwipsim_impact_watch_latch();
  }
}
/* The run is over: the counts go into the run state. Idempotent. */
void lwipsim_impact_watch_finish(void);

#endif
