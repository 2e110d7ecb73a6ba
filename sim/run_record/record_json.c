#include <cjson/cJSON.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/decimal.h"
#include "common/options.h"
#include "replay/rewriter.h"
#include "run_record/json_out.h"
#include "run_record/record.h"

static const char *const outcome_names[] = { "ok", "pool-failure", "panic", "crash", "timeout", "harness-error" };

enum lwipsim_outcome lwipsim_record_outcome(const struct lwipsim_run_state *s, int crash_signal)
{
  if (s->harness_error[0] != '\0') {
    return LWIPSIM_OUTCOME_HARNESS_ERROR; /* whatever lwIP did, the run's account is not whole */
  }
  if (s->panicked) {
    return LWIPSIM_OUTCOME_PANIC; /* abort policy too: the assert is the story, SIGABRT its end */
  }
  if (s->timed_out) {
    return LWIPSIM_OUTCOME_TIMEOUT; /* the pools' figures cover only the part that ran */
  }
  if (crash_signal != 0) {
    return LWIPSIM_OUTCOME_CRASH;
  }
  for (uint32_t i = 0; i < s->n_pools; i++) {
    if (s->pools[i].failed > 0) {
      return LWIPSIM_OUTCOME_POOL_FAILURE;
    }
  }
  if (s->heap.failed > 0 || s->n_asserts > 0) {
    return LWIPSIM_OUTCOME_POOL_FAILURE;
  }
  return LWIPSIM_OUTCOME_OK;
}

const char *lwipsim_outcome_name(enum lwipsim_outcome o) { return outcome_names[o]; }

int lwipsim_outcome_exit_code(enum lwipsim_outcome o)
{
  switch (o) {
  case LWIPSIM_OUTCOME_OK: return LWIPSIM_EXIT_OK;
  case LWIPSIM_OUTCOME_POOL_FAILURE: return LWIPSIM_EXIT_POOL_FAILURE;
  case LWIPSIM_OUTCOME_PANIC:
  case LWIPSIM_OUTCOME_CRASH: return LWIPSIM_EXIT_PANIC;
  case LWIPSIM_OUTCOME_TIMEOUT: return LWIPSIM_EXIT_TIMEOUT;
  case LWIPSIM_OUTCOME_HARNESS_ERROR: return LWIPSIM_EXIT_HARNESS;
  }
  return LWIPSIM_EXIT_PANIC;
}

static void timer_names(struct lwipsim_jw *w, const char *key, const struct lwipsim_timer_list *l)
{
  lwipsim_jw_array(w, key);
  uint32_t n = l->count < LWIPSIM_MAX_TIMERS ? l->count : LWIPSIM_MAX_TIMERS;
  for (uint32_t i = 0; i < n; i++) {
    lwipsim_jw_string(w, NULL, l->names[i]);
  }
  lwipsim_jw_end(w);
}

static void timer_snapshot(struct lwipsim_jw *w, const char *key, const struct lwipsim_timer_list *l)
{
  if (!l->valid) {
    lwipsim_jw_null(w, key);
    return;
  }
  lwipsim_jw_object(w, key);
  lwipsim_jw_uint(w, "time_ms", l->time_ms);
  lwipsim_jw_uint(w, "count", l->count);
  timer_names(w, "armed_timers", l);
  lwipsim_jw_end(w);
}

/* The members of an assert's object (the panic adds its own after them). */
static void assert_members(struct lwipsim_jw *w, const struct lwipsim_assert_info *a)
{
  lwipsim_jw_string(w, "message", a->message);
  lwipsim_jw_string(w, "file", a->file);
  lwipsim_jw_int(w, "line", a->line);
  lwipsim_jw_uint(w, "time_ms", a->time_ms);
}

/* null, or {value, basis, terms: [{what, count}]} (computed by sim/analysis/bounds.c). */
static void worst_case(struct lwipsim_jw *w, const struct lwipsim_run_meta *meta, const char *pool)
{
  const struct lwipsim_bound *b = NULL;
  for (size_t i = 0; i < meta->n_worst_cases && b == NULL; i++) {
    if (strcmp(meta->worst_cases[i].pool, pool) == 0 && meta->worst_cases[i].bound.bounded) {
      b = &meta->worst_cases[i].bound;
    }
  }
  if (b == NULL) {
    lwipsim_jw_null(w, "worst_case");
    return;
  }
  lwipsim_jw_object(w, "worst_case");
  lwipsim_jw_uint(w, "value", b->value);
  lwipsim_jw_string(w, "basis", b->basis);
  /* script-dependent: the bound holds for at most this many reloads */
  if (b->reloads >= 0) {
    lwipsim_jw_int(w, "reloads", b->reloads);
    lwipsim_jw_string(w, "formula", b->formula);
  } else {
    lwipsim_jw_null(w, "reloads");
    lwipsim_jw_null(w, "formula");
  }
  lwipsim_jw_array(w, "terms");
  for (size_t k = 0; k < b->n_terms; k++) {
    lwipsim_jw_object(w, NULL);
    lwipsim_jw_string(w, "what", b->terms[k].what);
    lwipsim_jw_uint(w, "count", b->terms[k].count);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_end(w);
}

static void u64_or_null(struct lwipsim_jw *w, const char *key, int known, uint64_t v)
{
  if (known) {
    lwipsim_jw_uint(w, key, v);
  } else {
    lwipsim_jw_null(w, key);
  }
}

static void timeline_array(struct lwipsim_jw *w, const struct lwipsim_timeline_point *pts, size_t n)
{
  lwipsim_jw_array(w, "timeline");
  for (size_t k = 0; k < n; k++) {
    lwipsim_jw_array(w, NULL);
    lwipsim_jw_uint(w, NULL, pts[k].time_ms);
    lwipsim_jw_uint(w, NULL, pts[k].used);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
}

static void failure_sites(struct lwipsim_jw *w, const struct lwipsim_failure_site *sites, uint32_t n)
{
  lwipsim_jw_array(w, "failure_sites");
  for (uint32_t k = 0; k < n; k++) {
    lwipsim_jw_object(w, NULL);
    lwipsim_jw_string(w, "site", sites[k].name);
    lwipsim_jw_uint(w, "count", sites[k].count);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
}

/* lwIP's heap like a pool (stack/probe/heap_probe.c); null when it is not
 * counted (MEM_LIBC_MALLOC, MEM_USE_POOLS, a custom allocator without a
 * budget). */
static void heap_object(struct lwipsim_jw *w, const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  if (s->heap.kind == LWIPSIM_HEAP_KIND_NONE) {
    lwipsim_jw_null(w, "heap");
    return;
  }
  int memc = s->heap.kind == LWIPSIM_HEAP_KIND_MEMC;
  lwipsim_jw_object(w, "heap");
  lwipsim_jw_string(w, "kind", memc ? "mem.c" : "budget");
  /* a chip's record counts its own bytes: 4-byte pointers on both chips */
  lwipsim_jw_string(w, "bytes", meta->target != NULL ? "32-bit target" : "64-bit host");
  lwipsim_jw_uint(w, "size_bytes", s->heap.size_bytes);
  u64_or_null(w, "budget_bytes", !memc, s->heap.budget_bytes);
  u64_or_null(w, "capacity_bytes", s->heap.capacity_bytes > 0, s->heap.capacity_bytes);
  /* --cap HEAP=N / --profile-caps in a demand build (a budget's limit is the budget otherwise) */
  u64_or_null(w, "limit_bytes", memc ? s->heap.limit_bytes > 0 : s->heap.limit_bytes != s->heap.budget_bytes,
              s->heap.limit_bytes);
  lwipsim_jw_uint(w, "peak_bytes", s->heap.peak_bytes);
  lwipsim_jw_uint(w, "peak_ms", s->heap.peak_ms);
  u64_or_null(w, "largest_free_at_peak_bytes", s->heap.largest_free_at_peak >= 0,
              (uint64_t)s->heap.largest_free_at_peak);
  lwipsim_jw_uint(w, "failed", s->heap.failed);
  u64_or_null(w, "first_failure_ms", s->heap.failed > 0, s->heap.first_failure_ms);
  failure_sites(w, s->heap.sites, s->heap.n_sites < LWIPSIM_MAX_SITES ? s->heap.n_sites : LWIPSIM_MAX_SITES);
  lwipsim_jw_array(w, "failures");
  for (uint32_t k = 0; k < s->heap.n_failures && k < LWIPSIM_MAX_HEAP_FAILURES; k++) {
    const struct lwipsim_heap_failure *f = &s->heap.failures[k];
    lwipsim_jw_object(w, NULL);
    lwipsim_jw_uint(w, "time_ms", f->time_ms);
    lwipsim_jw_uint(w, "bytes", f->bytes);
    lwipsim_jw_uint(w, "used_bytes", f->used_bytes);
    u64_or_null(w, "largest_free_bytes", f->largest_free >= 0, (uint64_t)f->largest_free);
    lwipsim_jw_string(w, "site", f->site);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_uint(w, "trims", s->heap.trims);
  size_t n = 0;
  const struct lwipsim_timeline_point *pts = meta->heap_timeline ? meta->heap_timeline(&n) : NULL;
  if (meta->target != NULL) {
    lwipsim_jw_null(w, "timeline"); /* the chip keeps peaks, no timeline (as its pools) */
  } else {
    timeline_array(w, pts, pts ? n : 0);
  }
  lwipsim_jw_end(w);
}

static void pool_object(struct lwipsim_jw *w, const struct lwipsim_run_meta *meta, size_t i,
                        const struct lwipsim_pool_state *p)
{
  lwipsim_jw_object(w, NULL);
  lwipsim_jw_string(w, "name", p->name);
  if (p->size_limited) {
    lwipsim_jw_uint(w, "size", p->size);
  } else {
    lwipsim_jw_null(w, "size"); /* MEMP_MEM_MALLOC: no count limit */
  }
  lwipsim_jw_uint(w, "configured", p->size);
  lwipsim_jw_uint(w, "capacity", p->capacity);
  lwipsim_jw_uint(w, "elem_bytes", p->elem_bytes);
  lwipsim_jw_uint(w, "peak", p->peak);
  lwipsim_jw_uint(w, "peak_ms", p->peak_ms);
  lwipsim_jw_uint(w, "failed", p->failed);
  u64_or_null(w, "first_failure_ms", p->failed > 0, p->first_failure_ms);
  failure_sites(w, p->sites, p->n_sites);
  if (strcmp(p->name, "TCP_PCB") == 0) {
    /* tcp_alloc's kills: the run went on, but what was killed may matter */
    static const char *const kinds[LWIPSIM_RECYCLE_KINDS] = LWIPSIM_RECYCLE_KIND_NAMES;
    lwipsim_jw_object(w, "recycled");
    for (int k = 0; k < LWIPSIM_RECYCLE_KINDS; k++) {
      lwipsim_jw_uint(w, kinds[k], p->recycled[k]);
    }
    lwipsim_jw_end(w);
    lwipsim_jw_uint(w, "peak_without_time_wait", p->peak_without_time_wait);
  }
  worst_case(w, meta, p->name);
  if (meta->timeline == NULL) {
    lwipsim_jw_null(w, "timeline"); /* a record the parent built: the timelines ended with the child */
  } else {
    size_t n = 0;
    const struct lwipsim_timeline_point *pts = meta->timeline(i, &n);
    timeline_array(w, pts, n);
  }
  lwipsim_jw_end(w);
}

static void frames_object(struct lwipsim_jw *w, const struct lwipsim_run_state *s)
{
  lwipsim_jw_object(w, "frames");
  lwipsim_jw_uint(w, "read", s->frames.read);
  lwipsim_jw_uint(w, "injected", s->frames.injected);
  lwipsim_jw_uint(w, "reference", s->frames.reference);
  lwipsim_jw_uint(w, "skipped", s->frames.skipped_non_ethernet2);
  lwipsim_jw_uint(w, "not_for_device", s->frames.not_for_device);
  lwipsim_jw_uint(w, "malformed", s->frames.malformed);
  lwipsim_jw_uint(w, "dropped_link_down", s->frames.dropped_link_down);
  lwipsim_jw_uint(w, "dropped_no_pbuf", s->frames.dropped_no_pbuf);
  lwipsim_jw_uint(w, "after_end", s->frames.after_end);
  lwipsim_jw_uint(w, "transmitted", s->frames.transmitted);
  lwipsim_jw_uint(w, "synthetic_arp_replies", s->frames.synthetic_arp_replies);
  lwipsim_jw_uint(w, "synthetic_nd_replies", s->frames.synthetic_nd_replies);
  lwipsim_jw_uint(w, "synthetic_acks", s->frames.synthetic_acks);
  lwipsim_jw_end(w);
}

/* The device's netifs: the station (the capture's interface) and, with
 * [device] ap_mac, the access point. A crash before the netifs were added
 * leaves count 0: the station is listed anyway. */
static void interfaces_array(struct lwipsim_jw *w, const struct lwipsim_run_state *s)
{
  static const char *const names[LWIPSIM_STATE_INTERFACES] = { "sta", "ap" };
  lwipsim_jw_array(w, "interfaces");
  uint32_t n = s->interfaces.count == 0 ? 1 : s->interfaces.count;
  for (uint32_t i = 0; i < n && i < LWIPSIM_STATE_INTERFACES; i++) {
    const uint8_t *m = s->interfaces.mac[i];
    char mac[18];
    snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    lwipsim_jw_object(w, NULL);
    lwipsim_jw_string(w, "name", names[i]);
    lwipsim_jw_string(w, "mac", mac);
    lwipsim_jw_uint(w, "transmitted", s->interfaces.transmitted[i]);
    lwipsim_jw_uint(w, "netif_removed", s->interfaces.removed[i]);
    lwipsim_jw_uint(w, "netif_added", s->interfaces.added[i]);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
}

static void tx_match_object(struct lwipsim_jw *w, const struct lwipsim_run_state *s)
{
  lwipsim_jw_object(w, "tx_match");
  lwipsim_jw_uint(w, "reference", s->tx_match.reference);
  lwipsim_jw_uint(w, "transmitted", s->tx_match.transmitted);
  lwipsim_jw_uint(w, "matched", s->tx_match.matched);
  u64_or_null(w, "matched_permille", s->tx_match.reference > 0,
              s->tx_match.reference > 0 ? s->tx_match.matched * 1000 / s->tx_match.reference : 0);
  lwipsim_jw_object(w, "pure_acks");
  lwipsim_jw_uint(w, "reference", s->tx_match.pure_acks_reference);
  lwipsim_jw_uint(w, "transmitted", s->tx_match.pure_acks_transmitted);
  lwipsim_jw_end(w);
  lwipsim_jw_uint(w, "reference_ipv6_unbuilt", s->tx_match.reference_ipv6_unbuilt);
  lwipsim_jw_end(w);
}

static void last_events(struct lwipsim_jw *w, const struct lwipsim_run_state *s)
{
  lwipsim_jw_array(w, "last_events");
  uint32_t n = s->event_head < LWIPSIM_EVENT_RING ? s->event_head : LWIPSIM_EVENT_RING;
  for (uint32_t k = s->event_head - n; k < s->event_head; k++) {
    lwipsim_jw_string(w, NULL, s->events[k % LWIPSIM_EVENT_RING]);
  }
  lwipsim_jw_end(w);
}

static void crash_object(struct lwipsim_jw *w, const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  if (meta->crash_signal != 0) {
    lwipsim_jw_object(w, "crash");
    lwipsim_jw_int(w, "signal", meta->crash_signal);
    const char *abbrev = sigabbrev_np(meta->crash_signal);
    char name[32];
    snprintf(name, sizeof name, "SIG%s", abbrev ? abbrev : "?");
    lwipsim_jw_string(w, "signal_name", name);
  } else if (meta->fault) {
    lwipsim_jw_object(w, "crash");
    char pc[16];
    snprintf(pc, sizeof pc, "0x%08x", (unsigned)meta->fault_pc);
    lwipsim_jw_null(w, "signal");
    lwipsim_jw_string(w, "signal_name", "HardFault");
    lwipsim_jw_string(w, "fault_pc", pc);
    lwipsim_jw_string(w, "fault_symbol", meta->fault_symbol != NULL ? meta->fault_symbol : "");
  } else {
    lwipsim_jw_null(w, "crash");
    return;
  }
  lwipsim_jw_uint(w, "time_ms", s->now_ms);
  last_events(w, s);
  lwipsim_jw_end(w);
}

enum lwipsim_outcome lwipsim_record_run_outcome(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  /* a chip's HardFault is a crash as a signal is on the host */
  return lwipsim_record_outcome(s, meta->crash_signal != 0 ? meta->crash_signal : meta->fault);
}

char *lwipsim_record_text(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  enum lwipsim_outcome outcome = lwipsim_record_run_outcome(meta, s);
  struct lwipsim_jw jw = { 0 }, *w = &jw;
  lwipsim_jw_object(w, NULL);
  lwipsim_jw_uint(w, "lwipsim_record", 1);
  lwipsim_jw_string(w, "profile", meta->profile);
  lwipsim_jw_string(w, "lwip_version", meta->lwip_version);
  lwipsim_jw_string(w, "scenario", meta->scenario);
  lwipsim_jw_string(w, "assert_policy", meta->assert_policy);
  lwipsim_jw_string(w, "mode", meta->mode ? meta->mode : "faithful");
  if (meta->target != NULL) {
    lwipsim_jw_string(w, "target", meta->target);
    lwipsim_jw_object(w, "target_run");
    lwipsim_jw_uint(w, "instructions", meta->target_instructions);
    lwipsim_jw_uint(w, "cycles", meta->target_cycles);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_string(w, "outcome", lwipsim_outcome_name(outcome));
  lwipsim_jw_int(w, "exit_code", lwipsim_outcome_exit_code(outcome));
  lwipsim_jw_uint(w, "duration_ms", meta->duration_ms);
  lwipsim_jw_uint(w, "end_time_ms", s->now_ms);

  if (s->panicked) {
    lwipsim_jw_object(w, "panic");
    assert_members(w, &s->panic);
    lwipsim_jw_string(w, "arming", s->panic_arming);
    timer_names(w, "armed_timers", &s->panic_armed);
    lwipsim_jw_end(w);
  } else {
    lwipsim_jw_null(w, "panic");
  }
  crash_object(w, meta, s);
  if (outcome == LWIPSIM_OUTCOME_HARNESS_ERROR) {
    /* only in such records: every other record stays as it was */
    lwipsim_jw_string(w, "harness_error", s->harness_error);
  }

  lwipsim_jw_object(w, "asserts");
  lwipsim_jw_uint(w, "count", s->n_asserts);
  lwipsim_jw_array(w, "first");
  for (uint32_t i = 0; i < s->n_asserts && i < LWIPSIM_MAX_ASSERTS; i++) {
    lwipsim_jw_object(w, NULL);
    assert_members(w, &s->asserts[i]);
    lwipsim_jw_end(w);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_end(w);

  lwipsim_jw_array(w, "pools");
  for (uint32_t i = 0; i < s->n_pools; i++) {
    pool_object(w, meta, i, &s->pools[i]);
  }
  lwipsim_jw_end(w);

  lwipsim_jw_object(w, "sys_timeout");
  timer_snapshot(w, "at_peak", &s->sys_timeout_at_peak);
  timer_snapshot(w, "at_first_failure", &s->sys_timeout_at_first_failure);
  lwipsim_jw_end(w);

  heap_object(w, meta, s);
  frames_object(w, s);
  interfaces_array(w, s);
  lwipsim_jw_object(w, "device");
  lwipsim_jw_uint(w, "http_requests", s->device.http_requests);
  lwipsim_jw_uint(w, "http_answered", s->device.http_answered);
  lwipsim_jw_uint(w, "http_write_refused", s->device.http_write_refused);
  lwipsim_jw_uint(w, "http_write_retried", s->device.http_write_retried);
  lwipsim_jw_uint(w, "http_dropped", s->device.http_dropped);
  lwipsim_jw_uint(w, "mqtt_connects", s->device.mqtt_connects);
  lwipsim_jw_uint(w, "mqtt_connack_ok", s->device.mqtt_connack_ok);
  lwipsim_jw_uint(w, "mqtt_connack_refused", s->device.mqtt_connack_refused);
  lwipsim_jw_uint(w, "mqtt_disconnected", s->device.mqtt_disconnected);
  lwipsim_jw_uint(w, "mqtt_published", s->device.mqtt_published);
  lwipsim_jw_uint(w, "mqtt_publish_refused", s->device.mqtt_publish_refused);
  lwipsim_jw_uint(w, "mqtt_publish_skipped", s->device.mqtt_publish_skipped);
  lwipsim_jw_uint(w, "mqtt_pings", s->device.mqtt_pings);
  lwipsim_jw_end(w);
  lwipsim_record_impact(w, s);
  lwipsim_jw_object(w, "divergence");
  lwipsim_jw_uint(w, "inbound", s->divergence.inbound);
  lwipsim_jw_uint(w, "rewritten", s->divergence.rewritten);
  lwipsim_jw_uint(w, "diverged", s->divergence.diverged);
  /* integer per mille: a ratio that prints the same on every machine */
  lwipsim_jw_uint(w, "diverged_permille",
                  s->divergence.inbound ? s->divergence.diverged * 1000 / s->divergence.inbound : 0);
  lwipsim_jw_object(w, "by_reason");
  for (int i = 0; i < LWIPSIM_DIV_REASONS && i < LWIPSIM_MAX_DIV_REASONS; i++) {
    lwipsim_jw_uint(w, lwipsim_divergence_reason_name(i), s->divergence.by_reason[i]);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_end(w);
  tx_match_object(w, s);
  lwipsim_jw_object(w, "options");
  for (size_t i = 0; i < meta->n_options; i++) {
    lwipsim_jw_int(w, meta->options[i].name, meta->options[i].value);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_array(w, "sim_changed_options");
  for (size_t i = 0; i < meta->n_sim_changed_options; i++) {
    lwipsim_jw_string(w, NULL, meta->sim_changed_options[i]);
  }
  lwipsim_jw_end(w);
  lwipsim_jw_end(w);
  return lwipsim_jw_take(w);
}

/* A cJSON tree printed (report.json; the run record is written without a
 * tree, above). cJSON 1.7.15 prints every number with "%1.15g" and reads it
 * back with sscanf to check it (print_number), some 4,000 instructions a
 * number (issue 12). Nearly all are integers, which "%1.15g" prints as their
 * digits whenever they have at most 15 (below 1e15): those go out as raw
 * text with "%lld"'s bytes; any other number is left to cJSON. */
#define INT_TEXT 24 /* "-" and 15 digits, and the NUL, with room to spare */

static int plain_integer(const cJSON *n)
{
  double d = n->valuedouble;
  return cJSON_IsNumber(n) && d > -1e15 && d < 1e15 && d == (double)(long long)d && !(d == 0 && signbit(d));
}

static size_t count_integers(const cJSON *item)
{
  size_t n = 0;
  for (; item != NULL; item = item->next) {
    n += plain_integer(item) + count_integers(item->child);
  }
  return n;
}

/* to_raw: integers become raw text kept in *text; else they are numbers again */
static void integers_as_raw(cJSON *item, char **text, int to_raw)
{
  for (; item != NULL; item = item->next) {
    if (to_raw && plain_integer(item)) {
      char *end = *text + INT_TEXT - 1; /* the same bytes as "%lld", without printf */
      char *at = lwipsim_decimal_before(end, (long long)item->valuedouble);
      memmove(*text, at, (size_t)(end - at));
      (*text)[end - at] = '\0';
      item->type = (item->type & ~0xff) | cJSON_Raw; /* flags kept */
      item->valuestring = *text;
      *text += INT_TEXT;
    } else if (!to_raw && cJSON_IsRaw(item)) {
      item->type = (item->type & ~0xff) | cJSON_Number;
      item->valuestring = NULL;
    }
    integers_as_raw(item->child, text, to_raw);
  }
}

char *lwipsim_record_print(const cJSON *record)
{
  /* the tree is lent for the printing and given back as it came */
  cJSON *r = (cJSON *)(uintptr_t)record;
  char *ints = malloc(count_integers(r) * INT_TEXT + 1), *at = ints;
  if (ints == NULL) {
    return cJSON_Print(record);
  }
  integers_as_raw(r, &at, 1);
  char *text = cJSON_Print(r);
  integers_as_raw(r, &at, 0);
  free(ints);
  return text;
}
