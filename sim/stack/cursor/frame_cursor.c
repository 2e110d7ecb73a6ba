#include "stack/cursor/frame_cursor.h"

#include "stack/netif/impact_watch.h"
#include "stack/port/clock.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

int lwipsim_frame_cursor_advance(struct lwipsim_frame_cursor *c, char *err, size_t errlen)
{
  c->have = 0;
  c->offered = 0;
  if (c->reader == NULL) {
    return 0;
  }
  int rc = lwipsim_pcap_next(c->reader, &c->frame, err, errlen);
  if (rc < 0) {
    return -1;
  }
  c->have = rc == 1;
  if (c->have) {
    uint64_t cut = c->clock.gaps_cut;
    c->due_ms = lwipsim_capture_clock_due_ms(&c->clock, c->frame.time_us);
    if (c->clock.gaps_cut != cut) {
      lwipsim_event_add("capture pause before frame %llu shortened to capture_max_gap",
                        (unsigned long long)lwipsim_pcap_frame_count(c->reader));
    }
  }
  return 0;
}

void lwipsim_frame_cursor_read_rest(struct lwipsim_frame_cursor *c, uint64_t end_ms)
{
  char err[256];
  if (c->have && c->offered && lwipsim_frame_cursor_advance(c, err, sizeof err) != 0) {
    return;
  }
  while (c->have && c->due_ms <= end_ms) {
    lwipsim_impact_watch_frame(c->frame.data, c->frame.caplen, 0, c->due_ms);
    if (lwipsim_frame_cursor_advance(c, err, sizeof err) != 0) {
      return; /* a corrupt tail: the record says what the run did reach */
    }
  }
}

int lwipsim_frame_cursor_drain(struct lwipsim_frame_cursor *c, char *err, size_t errlen)
{
  while (c->have) {
    lwipsim_state->frames.after_end++;
    if (lwipsim_frame_cursor_advance(c, err, errlen) != 0) {
      return -1;
    }
  }
  return 0;
}
