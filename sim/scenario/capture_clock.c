#include "scenario/capture_clock.h"

void lwipsim_capture_clock_init(struct lwipsim_capture_clock *c, uint64_t start_ms, uint64_t max_gap_ms)
{
  *c = (struct lwipsim_capture_clock){ .start_ms = start_ms, .max_gap_us = max_gap_ms * 1000u };
}

uint64_t lwipsim_capture_clock_due_ms(struct lwipsim_capture_clock *c, uint64_t time_us)
{
  /* A reader that went backwards would make the pause negative: treat it as none. */
  uint64_t pause = time_us > c->last_us ? time_us - c->last_us : 0;

  if (c->max_gap_us != 0 && pause > c->max_gap_us) {
    c->cut_us += pause - c->max_gap_us;
    c->gaps_cut++;
  }
  if (time_us > c->last_us) {
    c->last_us = time_us;
  }
  return c->start_ms + (c->last_us - c->cut_us) / 1000u;
}
