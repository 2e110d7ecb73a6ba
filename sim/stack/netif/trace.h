/* replay --pcapng-out: the run as one pcapng, on the capture's own clock.
 * Interface 0 holds what the peers sent as the device received it (after
 * rewriting, and the synthetic neighbour answers); interface 1 what the
 * simulated device sent. Events ride as packet comments on the frame
 * before them: every script action, each pool's first failure, asserts,
 * frames withheld as divergence with the reason, and a panic with its
 * message and the armed timers. */
#ifndef LWIPSIM_TRACE_H
#define LWIPSIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_pcapng_writer;
struct lwipsim_pcap_reader;

#define LWIPSIM_TRACE_PEERS 0
#define LWIPSIM_TRACE_DEVICE 1

/* Starts tracing into w (NULL: no tracing), which the trace then owns.
 * Times: the capture's first frame (read by then) is at capture_start_ms of
 * virtual time; without a capture, virtual time from the epoch. */
void lwipsim_trace_start(struct lwipsim_pcapng_writer *w, const struct lwipsim_pcap_reader *capture,
                         uint64_t capture_start_ms);
int lwipsim_trace_on(void);
void lwipsim_trace_frame(unsigned interface, const uint8_t *frame, uint32_t len);
void lwipsim_trace_withheld(const char *reason);
/* A run whose lwIP is elsewhere (the emulated chip, sim/stack/target): one
 * of its events ("N ms: text", as its run state holds them), in order with
 * the frames, since they are not in this process's run state. */
void lwipsim_trace_event(const char *event);
/* n events were overwritten in a run state's ring before they were given. */
void lwipsim_trace_events_lost(uint32_t n);
/* The run state was replaced (the chip's read back at the end): every event
 * it holds was already given to lwipsim_trace_event. */
void lwipsim_trace_events_taken(void);
/* The events after the last frame and the panic, then the file closed;
 * 0, or -1 with "PATH: write failed (REASON)" in err. */
int lwipsim_trace_finish(char *err, size_t errlen);
/* Closes without writing the rest: an abandoned run. */
void lwipsim_trace_abandon(void);

#endif
