/* The capture as the replay reads it: one frame ahead, each stamped with the
 * virtual time it is due (scenario/capture_clock.h). The host engine
 * (stack/engine) and the emulated chip's (stack/target) walk the same one. */
#ifndef LWIPSIM_FRAME_CURSOR_H
#define LWIPSIM_FRAME_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include "capture/pcap_reader.h"
#include "scenario/capture_clock.h"
#include "stack/port/clock.h"

struct lwipsim_frame_cursor {
  struct lwipsim_pcap_reader *reader; /* NULL: a scenario without a capture */
  struct lwipsim_frame frame;
  int have;
  int offered;                        /* the current frame went to lwIP (a panic may come from it) */
  uint64_t due_ms;                    /* virtual time the current frame is replayed */
  struct lwipsim_capture_clock clock; /* capture offsets to virtual time */
};

/* The next frame (have = 0 at the end); 0, or -1 with the reader's one-line
 * message. A pause cut to capture_max_gap is an event of the run. */
int lwipsim_frame_cursor_advance(struct lwipsim_frame_cursor *c, char *err, size_t errlen);

/* When the current frame is due; LWIPSIM_TIME_NEVER when there is none.
 * Inline: the engine asks at every turn. */
static inline uint64_t lwipsim_frame_cursor_due_ms(const struct lwipsim_frame_cursor *c)
{
  return c->have ? c->due_ms : LWIPSIM_TIME_NEVER;
}

/* After the device stopped (a panic): the frames still due by end_ms, past
 * the one it stopped on, to the impact watch only, so the record says what
 * the stop cost. A corrupt tail ends it quietly. */
void lwipsim_frame_cursor_read_rest(struct lwipsim_frame_cursor *c, uint64_t end_ms);

/* At the scenario's end: the frames left are read and counted as after_end
 * (a capture corrupt further on is still an input error). 0 or -1. */
int lwipsim_frame_cursor_drain(struct lwipsim_frame_cursor *c, char *err, size_t errlen);

#endif
