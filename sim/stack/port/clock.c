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

_Static_assert(SYS_TIMEOUTS_SLEEPTIME_INFINITE == LWIPSIM_SLEEPTIME_INFINITE,
               "clock.h: lwIP's 'no timeout' sleep time is not the one lwipsim_clock_timer_due_ms knows");

/* lwIP's millisecond clock wraps at 2^32 like a device's would after 49 days;
 * lwIP's TIME_LESS_THAN copes with that. */
u32_t sys_now(void) { return (u32_t)lwipsim_clock_ms; }
