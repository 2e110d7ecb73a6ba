#include "stack/state/events.h"

#include <stdarg.h>
#include <stdio.h>

#include "stack/state/run_state.h"

struct lwipsim_run_state *lwipsim_state;

void lwipsim_event_add(const char *fmt, ...)
{
  if (lwipsim_state == NULL) {
    return;
  }
  char *slot = lwipsim_state->events[lwipsim_state->event_head % LWIPSIM_EVENT_RING];
  int n = snprintf(slot, LWIPSIM_EVENT_LEN, "%llu ms: ", (unsigned long long)lwipsim_state->now_ms);
  if (n < 0 || n >= LWIPSIM_EVENT_LEN) {
    n = 0;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(slot + n, (size_t)(LWIPSIM_EVENT_LEN - n), fmt, ap);
  va_end(ap);
  /* lwIP's diagnostics end in a newline; the record wants one line each */
  for (char *p = slot; *p; p++) {
    if (*p == '\n' || *p == '\r') {
      *p = (p[1] == '\0') ? '\0' : ' ';
    }
  }
  lwipsim_state->event_head++;
}
