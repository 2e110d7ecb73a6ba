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

static cJSON *timer_names(const struct lwipsim_timer_list *l)
{
  cJSON *a = cJSON_CreateArray();
  uint32_t n = l->count < LWIPSIM_MAX_TIMERS ? l->count : LWIPSIM_MAX_TIMERS;
  for (uint32_t i = 0; i < n; i++) {
    cJSON_AddItemToArray(a, cJSON_CreateString(l->names[i]));
  }
  return a;
}

static cJSON *timer_snapshot(const struct lwipsim_timer_list *l)
{
  if (!l->valid) {
    return cJSON_CreateNull();
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "time_ms", (double)l->time_ms);
  cJSON_AddNumberToObject(o, "count", l->count);
  cJSON_AddItemToObject(o, "armed_timers", timer_names(l));
  return o;
}

static cJSON *assert_object(const struct lwipsim_assert_info *a)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "message", a->message);
  cJSON_AddStringToObject(o, "file", a->file);
  cJSON_AddNumberToObject(o, "line", a->line);
  cJSON_AddNumberToObject(o, "time_ms", (double)a->time_ms);
  return o;
}

/* null, or {value, basis, terms: [{what, count}]} (computed by sim/analysis/bounds.c). */
static cJSON *worst_case(const struct lwipsim_run_meta *meta, const char *pool)
{
  const struct lwipsim_bound *found = NULL;
  for (size_t i = 0; i < meta->n_worst_cases && found == NULL; i++) {
    if (strcmp(meta->worst_cases[i].pool, pool) == 0 && meta->worst_cases[i].bound.bounded) {
      found = &meta->worst_cases[i].bound;
    }
  }
  if (found == NULL) {
    return cJSON_CreateNull();
  }
  const struct lwipsim_bound b = *found;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "value", b.value);
  cJSON_AddStringToObject(o, "basis", b.basis);
  /* script-dependent: the bound holds for at most this many reloads */
  if (b.reloads >= 0) {
    cJSON_AddNumberToObject(o, "reloads", b.reloads);
    cJSON_AddStringToObject(o, "formula", b.formula);
  } else {
    cJSON_AddNullToObject(o, "reloads");
    cJSON_AddNullToObject(o, "formula");
  }
  cJSON *terms = cJSON_AddArrayToObject(o, "terms");
  for (size_t k = 0; k < b.n_terms; k++) {
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "what", b.terms[k].what);
    cJSON_AddNumberToObject(t, "count", b.terms[k].count);
    cJSON_AddItemToArray(terms, t);
  }
  return o;
}

static void add_u64_or_null(cJSON *o, const char *key, int known, uint64_t v)
{
  if (known) {
    cJSON_AddNumberToObject(o, key, (double)v);
  } else {
    cJSON_AddNullToObject(o, key);
  }
}

static cJSON *timeline_array(const struct lwipsim_timeline_point *pts, size_t n)
{
  cJSON *tl = cJSON_CreateArray();
  for (size_t k = 0; k < n; k++) {
    cJSON *pt = cJSON_CreateArray();
    cJSON_AddItemToArray(pt, cJSON_CreateNumber((double)pts[k].time_ms));
    cJSON_AddItemToArray(pt, cJSON_CreateNumber((double)pts[k].used));
    cJSON_AddItemToArray(tl, pt);
  }
  return tl;
}

/* lwIP's heap like a pool (stack/probe/heap_probe.c); null when it is not
 * counted (MEM_LIBC_MALLOC, MEM_USE_POOLS, a custom allocator without a
 * budget). */
static cJSON *heap_object(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  if (s->heap.kind == LWIPSIM_HEAP_KIND_NONE) {
    return cJSON_CreateNull();
  }
  int memc = s->heap.kind == LWIPSIM_HEAP_KIND_MEMC;
  cJSON *h = cJSON_CreateObject();
  cJSON_AddStringToObject(h, "kind", memc ? "mem.c" : "budget");
  /* a chip's record counts its own bytes: 4-byte pointers on both chips */
  cJSON_AddStringToObject(h, "bytes", meta->target != NULL ? "32-bit target" : "64-bit host");
  cJSON_AddNumberToObject(h, "size_bytes", (double)s->heap.size_bytes);
  add_u64_or_null(h, "budget_bytes", !memc, s->heap.budget_bytes);
  add_u64_or_null(h, "capacity_bytes", s->heap.capacity_bytes > 0, s->heap.capacity_bytes);
  /* --cap HEAP=N / --profile-caps in a demand build (a budget's limit is the budget otherwise) */
  add_u64_or_null(h, "limit_bytes", memc ? s->heap.limit_bytes > 0 : s->heap.limit_bytes != s->heap.budget_bytes,
                  s->heap.limit_bytes);
  cJSON_AddNumberToObject(h, "peak_bytes", (double)s->heap.peak_bytes);
  cJSON_AddNumberToObject(h, "peak_ms", (double)s->heap.peak_ms);
  add_u64_or_null(h, "largest_free_at_peak_bytes", s->heap.largest_free_at_peak >= 0,
                  (uint64_t)s->heap.largest_free_at_peak);
  cJSON_AddNumberToObject(h, "failed", (double)s->heap.failed);
  add_u64_or_null(h, "first_failure_ms", s->heap.failed > 0, s->heap.first_failure_ms);
  cJSON *sites = cJSON_AddArrayToObject(h, "failure_sites");
  for (uint32_t k = 0; k < s->heap.n_sites && k < LWIPSIM_MAX_SITES; k++) {
    cJSON *site = cJSON_CreateObject();
    cJSON_AddStringToObject(site, "site", s->heap.sites[k].name);
    cJSON_AddNumberToObject(site, "count", s->heap.sites[k].count);
    cJSON_AddItemToArray(sites, site);
  }
  cJSON *fails = cJSON_AddArrayToObject(h, "failures");
  for (uint32_t k = 0; k < s->heap.n_failures && k < LWIPSIM_MAX_HEAP_FAILURES; k++) {
    const struct lwipsim_heap_failure *f = &s->heap.failures[k];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "time_ms", (double)f->time_ms);
    cJSON_AddNumberToObject(o, "bytes", (double)f->bytes);
    cJSON_AddNumberToObject(o, "used_bytes", (double)f->used_bytes);
    add_u64_or_null(o, "largest_free_bytes", f->largest_free >= 0, (uint64_t)f->largest_free);
    cJSON_AddStringToObject(o, "site", f->site);
    cJSON_AddItemToArray(fails, o);
  }
  cJSON_AddNumberToObject(h, "trims", (double)s->heap.trims);
  size_t n = 0;
  const struct lwipsim_timeline_point *pts = meta->heap_timeline ? meta->heap_timeline(&n) : NULL;
  if (meta->target != NULL) {
    cJSON_AddNullToObject(h, "timeline"); /* the chip keeps peaks, no timeline (as its pools) */
  } else {
    cJSON_AddItemToObject(h, "timeline", timeline_array(pts, pts ? n : 0));
  }
  return h;
}

static cJSON *pool_object(const struct lwipsim_run_meta *meta, size_t i, const struct lwipsim_pool_state *p)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", p->name);
  if (p->size_limited) {
    cJSON_AddNumberToObject(o, "size", p->size);
  } else {
    cJSON_AddNullToObject(o, "size"); /* MEMP_MEM_MALLOC: no count limit */
  }
  cJSON_AddNumberToObject(o, "configured", p->size);
  cJSON_AddNumberToObject(o, "capacity", p->capacity);
  cJSON_AddNumberToObject(o, "elem_bytes", p->elem_bytes);
  cJSON_AddNumberToObject(o, "peak", p->peak);
  cJSON_AddNumberToObject(o, "peak_ms", (double)p->peak_ms);
  cJSON_AddNumberToObject(o, "failed", p->failed);
  if (p->failed > 0) {
    cJSON_AddNumberToObject(o, "first_failure_ms", (double)p->first_failure_ms);
  } else {
    cJSON_AddNullToObject(o, "first_failure_ms");
  }
  cJSON *sites = cJSON_AddArrayToObject(o, "failure_sites");
  for (uint32_t k = 0; k < p->n_sites; k++) {
    cJSON *site = cJSON_CreateObject();
    cJSON_AddStringToObject(site, "site", p->sites[k].name);
    cJSON_AddNumberToObject(site, "count", p->sites[k].count);
    cJSON_AddItemToArray(sites, site);
  }
  if (strcmp(p->name, "TCP_PCB") == 0) {
    /* tcp_alloc's kills: the run went on, but what was killed may matter */
    static const char *const kinds[LWIPSIM_RECYCLE_KINDS] = LWIPSIM_RECYCLE_KIND_NAMES;
    cJSON *rec = cJSON_AddObjectToObject(o, "recycled");
    for (int k = 0; k < LWIPSIM_RECYCLE_KINDS; k++) {
      cJSON_AddNumberToObject(rec, kinds[k], p->recycled[k]);
    }
    cJSON_AddNumberToObject(o, "peak_without_time_wait", p->peak_without_time_wait);
  }
  cJSON_AddItemToObject(o, "worst_case", worst_case(meta, p->name));
  if (meta->timeline == NULL) {
    cJSON_AddNullToObject(o, "timeline"); /* a record the parent built: the timelines ended with the child */
  } else {
    size_t n = 0;
    const struct lwipsim_timeline_point *pts = meta->timeline(i, &n);
    cJSON *tl = cJSON_AddArrayToObject(o, "timeline");
    for (size_t k = 0; k < n; k++) {
      cJSON *pt = cJSON_CreateArray();
      cJSON_AddItemToArray(pt, cJSON_CreateNumber((double)pts[k].time_ms));
      cJSON_AddItemToArray(pt, cJSON_CreateNumber(pts[k].used));
      cJSON_AddItemToArray(tl, pt);
    }
  }
  return o;
}

static cJSON *frames_object(const struct lwipsim_run_state *s)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "read", (double)s->frames.read);
  cJSON_AddNumberToObject(o, "injected", (double)s->frames.injected);
  cJSON_AddNumberToObject(o, "reference", (double)s->frames.reference);
  cJSON_AddNumberToObject(o, "skipped", (double)s->frames.skipped_non_ethernet2);
  cJSON_AddNumberToObject(o, "not_for_device", (double)s->frames.not_for_device);
  cJSON_AddNumberToObject(o, "malformed", (double)s->frames.malformed);
  cJSON_AddNumberToObject(o, "dropped_link_down", (double)s->frames.dropped_link_down);
  cJSON_AddNumberToObject(o, "dropped_no_pbuf", (double)s->frames.dropped_no_pbuf);
  cJSON_AddNumberToObject(o, "after_end", (double)s->frames.after_end);
  cJSON_AddNumberToObject(o, "transmitted", (double)s->frames.transmitted);
  cJSON_AddNumberToObject(o, "synthetic_arp_replies", (double)s->frames.synthetic_arp_replies);
  cJSON_AddNumberToObject(o, "synthetic_nd_replies", (double)s->frames.synthetic_nd_replies);
  cJSON_AddNumberToObject(o, "synthetic_acks", (double)s->frames.synthetic_acks);
  return o;
}

/* The device's netifs: the station (the capture's interface) and, with
 * [device] ap_mac, the access point. A crash before the netifs were added
 * leaves count 0: the station is listed anyway. */
static cJSON *interfaces_array(const struct lwipsim_run_state *s)
{
  static const char *const names[LWIPSIM_STATE_INTERFACES] = { "sta", "ap" };
  cJSON *a = cJSON_CreateArray();
  uint32_t n = s->interfaces.count == 0 ? 1 : s->interfaces.count;
  for (uint32_t i = 0; i < n && i < LWIPSIM_STATE_INTERFACES; i++) {
    cJSON *o = cJSON_CreateObject();
    const uint8_t *m = s->interfaces.mac[i];
    char mac[18];
    snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    cJSON_AddStringToObject(o, "name", names[i]);
    cJSON_AddStringToObject(o, "mac", mac);
    cJSON_AddNumberToObject(o, "transmitted", (double)s->interfaces.transmitted[i]);
    cJSON_AddNumberToObject(o, "netif_removed", (double)s->interfaces.removed[i]);
    cJSON_AddNumberToObject(o, "netif_added", (double)s->interfaces.added[i]);
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

static cJSON *tx_match_object(const struct lwipsim_run_state *s)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "reference", (double)s->tx_match.reference);
  cJSON_AddNumberToObject(o, "transmitted", (double)s->tx_match.transmitted);
  cJSON_AddNumberToObject(o, "matched", (double)s->tx_match.matched);
  if (s->tx_match.reference > 0) {
    cJSON_AddNumberToObject(o, "matched_permille", (double)(s->tx_match.matched * 1000 / s->tx_match.reference));
  } else {
    cJSON_AddNullToObject(o, "matched_permille");
  }
  cJSON *acks = cJSON_AddObjectToObject(o, "pure_acks");
  cJSON_AddNumberToObject(acks, "reference", (double)s->tx_match.pure_acks_reference);
  cJSON_AddNumberToObject(acks, "transmitted", (double)s->tx_match.pure_acks_transmitted);
  cJSON_AddNumberToObject(o, "reference_ipv6_unbuilt", (double)s->tx_match.reference_ipv6_unbuilt);
  return o;
}

static cJSON *last_events(const struct lwipsim_run_state *s)
{
  cJSON *a = cJSON_CreateArray();
  uint32_t n = s->event_head < LWIPSIM_EVENT_RING ? s->event_head : LWIPSIM_EVENT_RING;
  for (uint32_t k = s->event_head - n; k < s->event_head; k++) {
    cJSON_AddItemToArray(a, cJSON_CreateString(s->events[k % LWIPSIM_EVENT_RING]));
  }
  return a;
}

cJSON *lwipsim_record_build(const struct lwipsim_run_meta *meta, const struct lwipsim_run_state *s)
{
  /* a chip's HardFault is a crash as a signal is on the host */
  enum lwipsim_outcome outcome = lwipsim_record_outcome(s, meta->crash_signal != 0 ? meta->crash_signal : meta->fault);
  cJSON *r = cJSON_CreateObject();
  cJSON_AddNumberToObject(r, "lwipsim_record", 1);
  cJSON_AddStringToObject(r, "profile", meta->profile);
  cJSON_AddStringToObject(r, "lwip_version", meta->lwip_version);
  cJSON_AddStringToObject(r, "scenario", meta->scenario);
  cJSON_AddStringToObject(r, "assert_policy", meta->assert_policy);
  cJSON_AddStringToObject(r, "mode", meta->mode ? meta->mode : "faithful");
  if (meta->target != NULL) {
    cJSON_AddStringToObject(r, "target", meta->target);
    cJSON *run = cJSON_AddObjectToObject(r, "target_run");
    cJSON_AddNumberToObject(run, "instructions", (double)meta->target_instructions);
    cJSON_AddNumberToObject(run, "cycles", (double)meta->target_cycles);
  }
  cJSON_AddStringToObject(r, "outcome", lwipsim_outcome_name(outcome));
  cJSON_AddNumberToObject(r, "exit_code", lwipsim_outcome_exit_code(outcome));
  cJSON_AddNumberToObject(r, "duration_ms", (double)meta->duration_ms);
  cJSON_AddNumberToObject(r, "end_time_ms", (double)s->now_ms);

  if (s->panicked) {
    cJSON *p = assert_object(&s->panic);
    cJSON_AddStringToObject(p, "arming", s->panic_arming);
    cJSON_AddItemToObject(p, "armed_timers", timer_names(&s->panic_armed));
    cJSON_AddItemToObject(r, "panic", p);
  } else {
    cJSON_AddNullToObject(r, "panic");
  }
  if (meta->crash_signal != 0) {
    cJSON *c = cJSON_CreateObject();
    cJSON_AddNumberToObject(c, "signal", meta->crash_signal);
    const char *abbrev = sigabbrev_np(meta->crash_signal);
    char name[32];
    snprintf(name, sizeof name, "SIG%s", abbrev ? abbrev : "?");
    cJSON_AddStringToObject(c, "signal_name", name);
    cJSON_AddNumberToObject(c, "time_ms", (double)s->now_ms);
    cJSON_AddItemToObject(c, "last_events", last_events(s));
    cJSON_AddItemToObject(r, "crash", c);
  } else if (meta->fault) {
    cJSON *c = cJSON_CreateObject();
    char pc[16];
    snprintf(pc, sizeof pc, "0x%08x", (unsigned)meta->fault_pc);
    cJSON_AddNullToObject(c, "signal");
    cJSON_AddStringToObject(c, "signal_name", "HardFault");
    cJSON_AddStringToObject(c, "fault_pc", pc);
    cJSON_AddStringToObject(c, "fault_symbol", meta->fault_symbol != NULL ? meta->fault_symbol : "");
    cJSON_AddNumberToObject(c, "time_ms", (double)s->now_ms);
    cJSON_AddItemToObject(c, "last_events", last_events(s));
    cJSON_AddItemToObject(r, "crash", c);
  } else {
    cJSON_AddNullToObject(r, "crash");
  }
  if (outcome == LWIPSIM_OUTCOME_HARNESS_ERROR) {
    /* only in such records: every other record stays as it was */
    cJSON_AddStringToObject(r, "harness_error", s->harness_error);
  }

  cJSON *asserts = cJSON_AddObjectToObject(r, "asserts");
  cJSON_AddNumberToObject(asserts, "count", s->n_asserts);
  cJSON *first = cJSON_AddArrayToObject(asserts, "first");
  for (uint32_t i = 0; i < s->n_asserts && i < LWIPSIM_MAX_ASSERTS; i++) {
    cJSON_AddItemToArray(first, assert_object(&s->asserts[i]));
  }

  cJSON *pools = cJSON_AddArrayToObject(r, "pools");
  for (uint32_t i = 0; i < s->n_pools; i++) {
    cJSON_AddItemToArray(pools, pool_object(meta, i, &s->pools[i]));
  }

  cJSON *st = cJSON_AddObjectToObject(r, "sys_timeout");
  cJSON_AddItemToObject(st, "at_peak", timer_snapshot(&s->sys_timeout_at_peak));
  cJSON_AddItemToObject(st, "at_first_failure", timer_snapshot(&s->sys_timeout_at_first_failure));

  cJSON_AddItemToObject(r, "heap", heap_object(meta, s));

  cJSON_AddItemToObject(r, "frames", frames_object(s));
  cJSON_AddItemToObject(r, "interfaces", interfaces_array(s));
  cJSON *dev = cJSON_AddObjectToObject(r, "device");
  cJSON_AddNumberToObject(dev, "http_requests", (double)s->device.http_requests);
  cJSON_AddNumberToObject(dev, "http_answered", (double)s->device.http_answered);
  cJSON_AddNumberToObject(dev, "http_write_refused", (double)s->device.http_write_refused);
  cJSON_AddNumberToObject(dev, "http_write_retried", (double)s->device.http_write_retried);
  cJSON_AddNumberToObject(dev, "http_dropped", (double)s->device.http_dropped);
  cJSON_AddNumberToObject(dev, "mqtt_connects", (double)s->device.mqtt_connects);
  cJSON_AddNumberToObject(dev, "mqtt_connack_ok", (double)s->device.mqtt_connack_ok);
  cJSON_AddNumberToObject(dev, "mqtt_connack_refused", (double)s->device.mqtt_connack_refused);
  cJSON_AddNumberToObject(dev, "mqtt_disconnected", (double)s->device.mqtt_disconnected);
  cJSON_AddNumberToObject(dev, "mqtt_published", (double)s->device.mqtt_published);
  cJSON_AddNumberToObject(dev, "mqtt_publish_refused", (double)s->device.mqtt_publish_refused);
  cJSON_AddNumberToObject(dev, "mqtt_publish_skipped", (double)s->device.mqtt_publish_skipped);
  cJSON_AddNumberToObject(dev, "mqtt_pings", (double)s->device.mqtt_pings);
  cJSON_AddItemToObject(r, "impact", lwipsim_record_impact(s));
  cJSON *div = cJSON_AddObjectToObject(r, "divergence");
  cJSON_AddNumberToObject(div, "inbound", (double)s->divergence.inbound);
  cJSON_AddNumberToObject(div, "rewritten", (double)s->divergence.rewritten);
  cJSON_AddNumberToObject(div, "diverged", (double)s->divergence.diverged);
  /* integer per mille: a ratio that prints the same on every machine */
  cJSON_AddNumberToObject(div, "diverged_permille",
                          s->divergence.inbound ? (double)(s->divergence.diverged * 1000 / s->divergence.inbound) : 0);
  cJSON *why = cJSON_AddObjectToObject(div, "by_reason");
  for (int i = 0; i < LWIPSIM_DIV_REASONS && i < LWIPSIM_MAX_DIV_REASONS; i++) {
    cJSON_AddNumberToObject(why, lwipsim_divergence_reason_name(i), (double)s->divergence.by_reason[i]);
  }
  cJSON_AddItemToObject(r, "tx_match", tx_match_object(s));
  cJSON *resolved = cJSON_AddObjectToObject(r, "options");
  for (size_t i = 0; i < meta->n_options; i++) {
    cJSON_AddNumberToObject(resolved, meta->options[i].name, (double)meta->options[i].value);
  }
  cJSON *opts = cJSON_AddArrayToObject(r, "sim_changed_options");
  for (size_t i = 0; i < meta->n_sim_changed_options; i++) {
    cJSON_AddItemToArray(opts, cJSON_CreateString(meta->sim_changed_options[i]));
  }
  return r;
}

/* cJSON 1.7.15 prints every number with "%1.15g" and reads it back with
 * sscanf to check it (print_number), some 4,000 instructions a number: most
 * of a replay's cost after lwIP's own (issue 12). A record's numbers are
 * nearly all integers, which "%1.15g" prints as their digits whenever they
 * have at most 15 (below 1e15): those go out as raw text printed with
 * "%lld", the same bytes; any other number is left to cJSON. */
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
