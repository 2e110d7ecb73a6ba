#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "explore/explore.h"
#include "scenario/scenario.h"

uint64_t lwipsim_explore_next(uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static uint64_t between(uint64_t *rng, uint64_t lo, uint64_t hi)
{
  return hi <= lo ? lo : lo + lwipsim_explore_next(rng) % (hi - lo + 1);
}

int lwipsim_explore_parse_window(const char *s, struct lwipsim_explore_window *w, char *err, size_t errlen)
{
  const char *eq = strchr(s, '='), *colon = eq ? strchr(eq, ':') : NULL;
  memset(w, 0, sizeof *w);
  if (eq == NULL || colon == NULL || eq == s || (size_t)(eq - s) >= sizeof w->action) {
    snprintf(err, errlen, "--window %s: expected ACTION=LO:HI, e.g. reload=5s:15s", s);
    return -1;
  }
  memcpy(w->action, s, (size_t)(eq - s));
  char lo[64], hi[64];
  if ((size_t)(colon - eq - 1) >= sizeof lo || strlen(colon + 1) >= sizeof hi) {
    snprintf(err, errlen, "--window %s: expected ACTION=LO:HI, e.g. reload=5s:15s", s);
    return -1;
  }
  memcpy(lo, eq + 1, (size_t)(colon - eq - 1));
  lo[colon - eq - 1] = '\0';
  snprintf(hi, sizeof hi, "%s", colon + 1);
  if (lwipsim_parse_duration_ms(lo, &w->lo_ms) != 0 || lwipsim_parse_duration_ms(hi, &w->hi_ms) != 0 ||
      w->lo_ms > w->hi_ms) {
    snprintf(err, errlen, "--window %s: expected times LO <= HI with units, e.g. reload=5s:15s", s);
    return -1;
  }
  return 0;
}

/* One line of scenario.ini: [start, end) without the newline. */
struct line {
  const char *start, *end;
};

static int next_line(const char **p, struct line *l)
{
  if (**p == '\0') {
    return 0;
  }
  l->start = *p;
  const char *nl = strchr(*p, '\n');
  l->end = nl ? nl : *p + strlen(*p);
  *p = nl ? nl + 1 : l->end;
  return 1;
}

/* The line without blanks at its ends, into buf. */
static void trimmed(const struct line *l, char *buf, size_t cap)
{
  const char *s = l->start, *e = l->end;
  while (s < e && isspace((unsigned char)*s)) {
    s++;
  }
  while (e > s && isspace((unsigned char)e[-1])) {
    e--;
  }
  size_t n = (size_t)(e - s) < cap - 1 ? (size_t)(e - s) : cap - 1;
  memcpy(buf, s, n);
  buf[n] = '\0';
}

/* "KEY = VALUE" -> key and value, trimmed; 0 when the line is not one. */
static int key_value(char *text, char **key, char **value)
{
  char *eq = strchr(text, '=');
  if (eq == NULL || text[0] == ';' || text[0] == '#' || text[0] == '[') {
    return 0;
  }
  *eq = '\0';
  char *k = text, *v = eq + 1;
  size_t n = strlen(k);
  while (n > 0 && isspace((unsigned char)k[n - 1])) {
    k[--n] = '\0';
  }
  while (isspace((unsigned char)*v)) {
    v++;
  }
  *key = k;
  *value = v;
  return 1;
}

enum section { OTHER, SCENARIO, SCRIPT };

static enum section section_of(const char *text, enum section current)
{
  if (text[0] != '[') {
    return current;
  }
  return strcmp(text, "[scenario]") == 0 ? SCENARIO : strcmp(text, "[script]") == 0 ? SCRIPT : OTHER;
}

/* The window a [script] line's action has, or -1. */
static int window_of(const struct lwipsim_explore_space *space, const char *key, const char *value)
{
  if (strncmp(key, "on ", 3) == 0) {
    return -1; /* an event's action has no time to move */
  }
  size_t len = strcspn(value, " \t");
  for (size_t w = 0; w < space->n_windows; w++) {
    if (strlen(space->windows[w].action) == len && strncmp(space->windows[w].action, value, len) == 0) {
      return (int)w;
    }
  }
  return -1;
}

int lwipsim_explore_scan(const char *ini_text, const char *ini_path, struct lwipsim_explore_space *space,
                         struct lwipsim_explore_candidate *original, char *err, size_t errlen)
{
  memset(original, 0, sizeof *original);
  original->seed = 1; /* the scenario format's default */
  original->shift_peer = -1;
  space->n_timed = 0;
  enum section sec = OTHER;
  uint64_t duration_ms = 0;
  unsigned matched[LWIPSIM_EXPLORE_MAX_WINDOWS] = { 0 };
  struct line l;
  for (const char *p = ini_text; next_line(&p, &l);) {
    char text[1024], *key, *value;
    trimmed(&l, text, sizeof text);
    sec = section_of(text, sec);
    if (!key_value(text, &key, &value)) {
      continue;
    }
    uint64_t v;
    if (sec == SCENARIO && strcmp(key, "seed") == 0 && lwipsim_scenario_parse_uint(value, UINT32_MAX, &v) == 0) {
      original->seed = (uint32_t)v;
    } else if (sec == SCENARIO && strcmp(key, "duration") == 0) {
      lwipsim_parse_duration_ms(value, &duration_ms);
    } else if (sec == SCRIPT) {
      int w = window_of(space, key, value);
      if (w < 0) {
        continue;
      }
      if (space->n_timed == LWIPSIM_EXPLORE_MAX_TIMED) {
        snprintf(err, errlen, "%s: more than %d script lines in the windows; narrow them", ini_path,
                 LWIPSIM_EXPLORE_MAX_TIMED);
        return -1;
      }
      lwipsim_parse_duration_ms(key, &original->time_ms[space->n_timed]);
      space->timed_window[space->n_timed++] = (size_t)w;
      matched[w]++;
    }
  }
  for (size_t w = 0; w < space->n_windows; w++) {
    if (matched[w] == 0) {
      snprintf(err, errlen, "%s: --window %s: no timed script line runs '%s'", ini_path, space->windows[w].action,
               space->windows[w].action);
      return -1;
    }
    if (duration_ms > 0 && space->windows[w].hi_ms >= duration_ms) {
      snprintf(err, errlen, "%s: --window %s: ends at or after the scenario's end (%llu ms)", ini_path,
               space->windows[w].action, (unsigned long long)duration_ms);
      return -1;
    }
  }
  return 0;
}

/* One peer's conversation, moved up to max_shift_ms either way. */
static void move_conversation(const struct lwipsim_explore_space *space, uint64_t *rng,
                              struct lwipsim_explore_candidate *c)
{
  c->shift_peer = (int)(lwipsim_explore_next(rng) % space->n_flows);
  c->flow = space->flows[c->shift_peer];
  int64_t span = (int64_t)space->max_shift_ms * 1000;
  c->shift_us = (int64_t)between(rng, 0, (uint64_t)(2 * span)) - span;
}

void lwipsim_explore_random(const struct lwipsim_explore_space *space, uint64_t *rng,
                            struct lwipsim_explore_candidate *out)
{
  memset(out, 0, sizeof *out);
  out->seed = (uint32_t)lwipsim_explore_next(rng);
  for (size_t i = 0; i < space->n_timed; i++) {
    const struct lwipsim_explore_window *w = &space->windows[space->timed_window[i]];
    out->time_ms[i] = between(rng, w->lo_ms, w->hi_ms);
  }
  out->copies = space->n_queries > 0 ? (unsigned)between(rng, 0, space->max_copies) : 0;
  out->copies_seed = lwipsim_explore_next(rng);
  out->shift_peer = -1;
  if (space->n_flows > 0 && space->max_shift_ms > 0 && (lwipsim_explore_next(rng) & 1)) {
    move_conversation(space, rng, out);
  }
}

void lwipsim_explore_mutate(const struct lwipsim_explore_space *space, uint64_t *rng,
                            const struct lwipsim_explore_candidate *base, struct lwipsim_explore_candidate *out)
{
  *out = *base;
  /* the kinds this space has, in a fixed order: seed, times, copies, a conversation */
  unsigned kinds[4], n = 0;
  kinds[n++] = 0;
  if (space->n_timed > 0) {
    kinds[n++] = 1;
  }
  if (space->n_queries > 0 && space->max_copies > 0) {
    kinds[n++] = 2;
  }
  if (space->n_flows > 0 && space->max_shift_ms > 0) {
    kinds[n++] = 3;
  }
  unsigned kind = kinds[lwipsim_explore_next(rng) % n];
  if (kind == 3) {
    move_conversation(space, rng, out);
  } else if (kind == 0) {
    out->seed = (uint32_t)lwipsim_explore_next(rng);
  } else if (kind == 1 && space->n_timed > 0) {
    /* one line moves by up to a second either way, inside its window */
    size_t i = (size_t)(lwipsim_explore_next(rng) % space->n_timed);
    const struct lwipsim_explore_window *w = &space->windows[space->timed_window[i]];
    uint64_t lo = out->time_ms[i] > w->lo_ms + 1000 ? out->time_ms[i] - 1000 : w->lo_ms;
    uint64_t hi = out->time_ms[i] + 1000 < w->hi_ms ? out->time_ms[i] + 1000 : w->hi_ms;
    out->time_ms[i] = between(rng, lo, hi);
  } else {
    /* a few queries more or fewer, or the same number drawn again */
    unsigned step = (unsigned)between(rng, 0, 4);
    if (lwipsim_explore_next(rng) & 1) {
      out->copies = out->copies + step > space->max_copies ? space->max_copies : out->copies + step;
    } else {
      out->copies = out->copies > step ? out->copies - step : 0;
    }
    out->copies_seed = lwipsim_explore_next(rng);
  }
}

char *lwipsim_explore_ini(const struct lwipsim_explore_space *space, const char *ini_text,
                          const struct lwipsim_explore_candidate *c, const char *capture, const char *header)
{
  struct lwipsim_sb t = { 0 };
  if (header != NULL) {
    lwipsim_sb_printf(&t, "%s", header);
  }
  enum section sec = OTHER;
  int seed_written = 0;
  size_t timed = 0;
  char out[256];
  struct line l;
  for (const char *p = ini_text; next_line(&p, &l);) {
    char text[1024], *key, *value;
    trimmed(&l, text, sizeof text);
    enum section was = sec;
    sec = section_of(text, sec);
    if (was == SCENARIO && sec != SCENARIO && !seed_written) {
      snprintf(out, sizeof out, "seed = %u\n", c->seed); /* the file had none: the default moved */
      lwipsim_sb_printf(&t, "%s", out);
      seed_written = 1;
    }
    char copy[1024];
    memcpy(copy, text, sizeof copy);
    if (key_value(copy, &key, &value)) {
      if (sec == SCENARIO && strcmp(key, "seed") == 0) {
        snprintf(out, sizeof out, "seed = %u\n", c->seed);
        lwipsim_sb_printf(&t, "%s", out);
        seed_written = 1;
        continue;
      }
      if (sec == SCENARIO && strcmp(key, "capture") == 0 && capture != NULL) {
        lwipsim_sb_printf(&t, "%s", "capture = ");
        lwipsim_sb_printf(&t, "%s", capture);
        lwipsim_sb_printf(&t, "%s", "\n");
        continue;
      }
      /* the scan found the same lines in the same order */
      if (sec == SCRIPT && window_of(space, key, value) >= 0 && timed < space->n_timed) {
        snprintf(out, sizeof out, "%llums = ", (unsigned long long)c->time_ms[timed++]);
        lwipsim_sb_printf(&t, "%s", out);
        lwipsim_sb_printf(&t, "%s", value);
        lwipsim_sb_printf(&t, "%s", "\n");
        continue;
      }
    }
    lwipsim_sb_append(&t, l.start, (size_t)(l.end - l.start));
    lwipsim_sb_printf(&t, "%s", "\n");
  }
  if (sec == SCENARIO && !seed_written) {
    snprintf(out, sizeof out, "seed = %u\n", c->seed);
    lwipsim_sb_printf(&t, "%s", out);
  }
  return lwipsim_sb_take(&t);
}
