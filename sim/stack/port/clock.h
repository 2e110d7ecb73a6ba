/* Virtual time: the only clock lwIP sees. Never the wall clock. */
#ifndef LWIPSIM_CLOCK_H
#define LWIPSIM_CLOCK_H

#include <stdint.h>

#define LWIPSIM_TIME_NEVER UINT64_MAX

/* The time itself; written only by clock.c. Read through the inline below:
 * the probe, the replay and lwIP's sys_now() ask it several times a frame. */
extern uint64_t lwipsim_clock_ms;
static inline uint64_t lwipsim_clock_now_ms(void) { return lwipsim_clock_ms; }
/* Time only moves forward; an earlier value is ignored (returns -1). */
int lwipsim_clock_set_ms(uint64_t t);
void lwipsim_clock_reset(void);

/* Earliest of the candidate event times, LWIPSIM_TIME_NEVER when all are.
 * Inline: the engine asks at every turn. */
static inline uint64_t lwipsim_clock_next_event(uint64_t frame_ms, uint64_t action_ms, uint64_t timer_ms)
{
  uint64_t t = frame_ms < action_ms ? frame_ms : action_ms;
  return timer_ms < t ? timer_ms : t;
}

/* Absolute time of lwIP's next timeout given sys_timeouts_sleeptime()'s
 * answer, or LWIPSIM_TIME_NEVER for its "infinite" (SYS_TIMEOUTS_SLEEPTIME_INFINITE,
 * 0xFFFFFFFF in lwIP's timeouts.h, checked in clock.c). Inline: every turn. */
#define LWIPSIM_SLEEPTIME_INFINITE 0xFFFFFFFFu
static inline uint64_t lwipsim_clock_timer_due_ms(uint32_t sleeptime_ms)
{
  return sleeptime_ms == LWIPSIM_SLEEPTIME_INFINITE ? LWIPSIM_TIME_NEVER : lwipsim_clock_ms + sleeptime_ms;
}

#endif
