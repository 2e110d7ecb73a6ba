#include "stack/netif/impact_watch.h"

#include <string.h>

#include "replay/impact.h"
#include "stack/port/clock.h"
#include "stack/state/run_state.h"

_Static_assert(LWIPSIM_IMPACT_SERVICES <= LWIPSIM_MAX_IMPACT, "run_state.h: LWIPSIM_MAX_IMPACT too small");

/* The two starts the counter keeps apart (impact.h): the first failure the
 * record's outcome counts, and the first failure of any kind, which is also
 * a write lwIP refused a device app (ERR_MEM: an `ok` run can have those). */
enum { START_OUTCOME, START_ANY };

static struct lwipsim_impact *impact;
static unsigned failed;
static uint64_t started_ms[LWIPSIM_IMPACT_STARTS];
static const char *cause[LWIPSIM_IMPACT_STARTS];

void lwipsim_impact_watch_reset(const uint8_t device_mac[6], int ipv6_built)
{
  lwipsim_impact_free(impact);
  impact = lwipsim_impact_new(device_mac, ipv6_built);
  failed = 0;
}

/* The failure the outcome counts, in the record's words; NULL when none. */
static const char *outcome_cause(const struct lwipsim_run_state *s)
{
  if (s->panicked) {
    return "panic";
  }
  if (s->pool_failures > 0) {
    return "pool-failure";
  }
  if (s->n_asserts > 0) {
    return "assert";
  }
  return s->heap.failed > 0 ? "heap" : NULL;
}

static void latch(unsigned start, const char *why)
{
  if (why != NULL && !(failed & (1u << start))) {
    failed |= 1u << start;
    started_ms[start] = lwipsim_clock_now_ms();
    cause[start] = why;
  }
}

/* Checked at every frame and after every turn, so a failure is seen in the
 * virtual millisecond it happened. */
void lwipsim_impact_watch_latch(void)
{
  if (failed == ((1u << START_OUTCOME) | (1u << START_ANY))) {
    return; /* both starts latched: nothing left to see */
  }
  const struct lwipsim_run_state *s = lwipsim_state;
  const char *why = outcome_cause(s);
  latch(START_OUTCOME, why);
  latch(START_ANY, why != NULL ? why : s->device.http_write_refused > 0 ? "write-refused" : NULL);
}

void lwipsim_impact_watch_frame(const uint8_t *frame, uint32_t len, int live, uint64_t at_ms)
{
  if (impact == NULL) {
    return;
  }
  lwipsim_impact_watch_check();
  lwipsim_impact_frame(impact, frame, len, live, at_ms, failed);
}

void lwipsim_impact_watch_frame_view(const struct lwipsim_frame_view *v, int live, uint64_t at_ms)
{
  if (impact == NULL) {
    return;
  }
  lwipsim_impact_watch_check();
  lwipsim_impact_frame_view(impact, v, live, at_ms, failed);
}

void lwipsim_impact_watch_finish(void)
{
  struct lwipsim_run_state *s = lwipsim_state;
  if (impact == NULL || s->impact.finished) {
    return;
  }
  lwipsim_impact_watch_check();
  unsigned start = (failed & (1u << START_OUTCOME)) ? START_OUTCOME : START_ANY;
  const struct lwipsim_impact_counts *c = lwipsim_impact_finish(impact, start);
  s->impact.failed = failed != 0;
  if (s->impact.failed) {
    s->impact.after_ms = started_ms[start];
    strncpy(s->impact.cause, cause[start], sizeof s->impact.cause - 1);
  }
  for (int i = 0; i < LWIPSIM_IMPACT_SERVICES; i++) {
    s->impact.of[i] = c->of[i];
    s->impact.missing[i] = c->missing[i];
  }
  s->impact.finished = 1;
}
