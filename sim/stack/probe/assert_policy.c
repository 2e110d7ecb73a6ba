#include "stack/probe/assert_policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack/port/clock.h"
#include "stack/port/platform.h"
#include "stack/probe/probe.h"
#include "stack/state/events.h"
#include "stack/state/run_state.h"

static enum lwipsim_assert_policy policy = LWIPSIM_ASSERT_ABORT;
static void (*panic_handler)(void);

static const char *const names[] = { "panic", "silent", "abort" };

int lwipsim_assert_policy_parse(const char *name, enum lwipsim_assert_policy *out)
{
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = (enum lwipsim_assert_policy)i;
      return 0;
    }
  }
  return -1;
}

const char *lwipsim_assert_policy_name(enum lwipsim_assert_policy p) { return names[p]; }

static void apply_policy(const char *message, const char *file, int line);

void lwipsim_assert_set_policy(enum lwipsim_assert_policy p, void (*on_panic)(void))
{
  policy = p;
  panic_handler = on_panic;
  lwipsim_port_set_assert_handler(apply_policy);
}

/* lwIP's __FILE__ is an absolute path into wherever lwIP was unpacked; the
 * record keeps the part from src/ on, so it is the same on every machine. */
static const char *lwip_relative(const char *file)
{
  const char *best = NULL;
  for (const char *p = strstr(file, "/src/"); p != NULL; p = strstr(p + 1, "/src/")) {
    best = p + 1;
  }
  return best ? best : file;
}

static void fill(struct lwipsim_assert_info *a, const char *message, const char *file, int line)
{
  memset(a, 0, sizeof *a);
  strncpy(a->message, message, sizeof a->message - 1);
  strncpy(a->file, lwip_relative(file), sizeof a->file - 1);
  a->line = line;
  a->time_ms = lwipsim_clock_now_ms();
}

static void apply_policy(const char *message, const char *file, int line)
{
  struct lwipsim_run_state *s = lwipsim_state;
  lwipsim_event_add("assert %s:%d: %s", lwip_relative(file), line, message);
  if (policy == LWIPSIM_ASSERT_SILENT) {
    if (s->n_asserts < LWIPSIM_MAX_ASSERTS) {
      fill(&s->asserts[s->n_asserts], message, file, line);
    }
    s->n_asserts++;
    return;
  }
  if (s->panicked) {
    return; /* an assert while writing up the panic: the first one is the story */
  }
  fill(&s->panic, message, file, line);
  lwipsim_probe_walk_timers(&s->panic_armed);
  strncpy(s->panic_arming, lwipsim_probe_arming_name(), sizeof s->panic_arming - 1);
  s->panicked = 1;
  if (policy == LWIPSIM_ASSERT_ABORT) {
    /* lwIP's own default: say it, then abort(). The parent sees the signal and
     * the recorded assert. */
    fprintf(stderr, "Assertion \"%s\" failed at line %d in %s\n", message, line, lwip_relative(file));
    fflush(NULL);
    abort();
  }
  if (panic_handler != NULL) {
    panic_handler();
  }
  _exit(4);
}
