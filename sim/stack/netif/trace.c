#include "stack/netif/trace.h"

#include <stdio.h>
#include <string.h>

#include "capture/pcap_reader.h"
#include "capture/pcapng_writer.h"
#include "stack/port/clock.h"
#include "stack/state/run_state.h"

static struct lwipsim_pcapng_writer *writer;
static const struct lwipsim_pcap_reader *clock_capture;
static uint64_t capture_start_us;
static uint32_t events_seen; /* the run state's event_head already taken */
static char failed_pools[LWIPSIM_MAX_POOLS][LWIPSIM_NAME_LEN];
static unsigned n_failed_pools;

void lwipsim_trace_start(struct lwipsim_pcapng_writer *w, const struct lwipsim_pcap_reader *capture,
                         uint64_t capture_start_ms)
{
  writer = w;
  clock_capture = capture;
  capture_start_us = capture_start_ms * 1000u;
  events_seen = lwipsim_state != NULL ? lwipsim_state->event_head : 0;
  n_failed_pools = 0;
}

int lwipsim_trace_on(void) { return writer != NULL; }

/* "pool NAME empty ...": a comment only the first time NAME fails. */
static int first_failure_of(const char *text)
{
  const char *name = text + strlen("pool ");
  size_t len = strcspn(name, " ");
  for (unsigned i = 0; i < n_failed_pools; i++) {
    if (strlen(failed_pools[i]) == len && strncmp(failed_pools[i], name, len) == 0) {
      return 0;
    }
  }
  if (n_failed_pools < LWIPSIM_MAX_POOLS && len < LWIPSIM_NAME_LEN) {
    memcpy(failed_pools[n_failed_pools], name, len);
    failed_pools[n_failed_pools++][len] = '\0';
  }
  return 1;
}

/* One event ("N ms: text") as a comment, when a reader of the capture
 * wants it beside the frames. */
static void note_event(const char *e)
{
  const char *text = strstr(e, " ms: ");
  text = text != NULL ? text + 5 : e;
  if (strncmp(text, "device: ", 8) == 0 || strncmp(text, "assert ", 7) == 0 ||
      (strncmp(text, "pool ", 5) == 0 && first_failure_of(text))) {
    lwipsim_pcapng_comment(writer, e);
  }
}

void lwipsim_trace_event(const char *event)
{
  if (writer != NULL) {
    note_event(event);
  }
}

void lwipsim_trace_events_lost(uint32_t n)
{
  if (writer == NULL) {
    return;
  }
  char note[96];
  snprintf(note, sizeof note, "(%u events not shown: more than %d between two frames)", n, LWIPSIM_EVENT_RING);
  lwipsim_pcapng_comment(writer, note);
}

void lwipsim_trace_events_taken(void)
{
  if (lwipsim_state != NULL) {
    events_seen = lwipsim_state->event_head;
  }
}

/* The run state's new events. */
static void take_events(void)
{
  const struct lwipsim_run_state *s = lwipsim_state;
  if (s->event_head - events_seen > LWIPSIM_EVENT_RING) {
    lwipsim_trace_events_lost(s->event_head - events_seen - LWIPSIM_EVENT_RING);
    events_seen = s->event_head - LWIPSIM_EVENT_RING;
  }
  for (; events_seen != s->event_head; events_seen++) {
    note_event(s->events[events_seen % LWIPSIM_EVENT_RING]);
  }
}

void lwipsim_trace_frame(unsigned interface, const uint8_t *frame, uint32_t len)
{
  if (writer == NULL) {
    return;
  }
  take_events(); /* they came before this frame: on the one before */
  /* the capture's own clock: its first frame's stamp at capture_start (the
   * engine reads that frame before any is sent or received) */
  uint64_t first = lwipsim_pcap_first_time_us(clock_capture);
  uint64_t base = first > capture_start_us ? first - capture_start_us : 0;
  lwipsim_pcapng_packet(writer, interface, base + lwipsim_clock_now_ms() * 1000u, frame, len);
}

void lwipsim_trace_withheld(const char *reason)
{
  if (writer == NULL) {
    return;
  }
  take_events();
  char note[128];
  snprintf(note, sizeof note, "%llu ms: a captured frame withheld as divergence (%s)",
           (unsigned long long)lwipsim_clock_now_ms(), reason);
  lwipsim_pcapng_comment(writer, note);
}

static void panic_comment(void)
{
  const struct lwipsim_run_state *s = lwipsim_state;
  if (!s->panicked) {
    return;
  }
  char note[2048];
  int n = snprintf(note, sizeof note,
                   "%llu ms: panic: %s (%s:%d); armed timers (%u):", (unsigned long long)s->panic.time_ms,
                   s->panic.message, s->panic.file, s->panic.line, (unsigned)s->panic_armed.count);
  for (uint32_t i = 0; i < s->panic_armed.count && i < LWIPSIM_MAX_TIMERS && n > 0 && (size_t)n < sizeof note; i++) {
    n += snprintf(note + n, sizeof note - (size_t)n, "%s %s", i ? "," : "", s->panic_armed.names[i]);
  }
  lwipsim_pcapng_comment(writer, note);
}

int lwipsim_trace_finish(char *err, size_t errlen)
{
  if (writer == NULL) {
    return 0;
  }
  take_events();
  panic_comment();
  int rc = lwipsim_pcapng_finish(writer, err, errlen);
  writer = NULL;
  return rc;
}

void lwipsim_trace_abandon(void)
{
  lwipsim_pcapng_close(writer);
  writer = NULL;
}
