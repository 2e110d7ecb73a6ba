/* When each captured frame is due in virtual time: the scenario's
 * capture_start plus the frame's capture offset, with pauses longer than the
 * scenario's capture_max_gap shortened to that gap (docs/scenario-format.md).
 * Stitched captures (one of the shared captures jumps 280 days between two
 * frames) would otherwise make a run step through months of idle timers. */
#ifndef LWIPSIM_CAPTURE_CLOCK_H
#define LWIPSIM_CAPTURE_CLOCK_H

#include <stdint.h>

struct lwipsim_capture_clock {
  uint64_t start_ms;   /* virtual time of the first frame */
  uint64_t max_gap_us; /* 0: keep the capture's own spacing */
  uint64_t cut_us;     /* capture time removed so far by shortened pauses */
  uint64_t last_us;    /* capture offset of the previous frame */
  uint64_t gaps_cut;   /* how many pauses were shortened */
};

void lwipsim_capture_clock_init(struct lwipsim_capture_clock *c, uint64_t start_ms, uint64_t max_gap_ms);

/* Virtual time (ms) of the next frame, whose offset from the capture's first
 * frame is time_us. Call once per frame, in capture order (offsets never go
 * backwards; the pcap reader guarantees it). */
uint64_t lwipsim_capture_clock_due_ms(struct lwipsim_capture_clock *c, uint64_t time_us);

#endif
