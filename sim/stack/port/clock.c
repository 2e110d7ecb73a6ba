#include "stack/port/clock.h"

#include "lwip/arch.h"
#include "lwip/timeouts.h"
#include "stack/state/run_state.h"

uint64_t lwipsim_clock_ms;

int lwipsim_clock_set_ms(uint64_t t)
{
  if (t < lwipsim_clock_ms) {
    return -1;
  }
  lwipsim_clock_ms = t;
  if (lwipsim_state != NULL) {
    lwipsim_state->now_ms = t;
  }
  return 0;
}

void lwipsim_clock_reset(void)
{
  lwipsim_clock_ms = 0;
  if (lwipsim_state != NULL) {
    lwipsim_state->now_ms = 0;
  }
}

uint64_t lwipsim_clock_next_event(uint64_t frame_ms, uint64_t action_ms, uint64_t timer_ms)
{
  uint64_t t = frame_ms;
  if (action_ms < t) {
    t = action_ms;
  }
  if (timer_ms < t) {
    t = timer_ms;
  }
  return t;
}

uint64_t lwipsim_clock_timer_due_ms(uint32_t sleeptime_ms)
{
  if (sleeptime_ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE) {
    return LWIPSIM_TIME_NEVER;
  }
  return lwipsim_clock_ms + sleeptime_ms;
}

/* lwIP's millisecond clock wraps at 2^32 like a device's would after 49 days;
 * lwIP's TIME_LESS_THAN copes with that. */
u32_t sys_now(void) { return (u32_t)lwipsim_clock_ms; }
