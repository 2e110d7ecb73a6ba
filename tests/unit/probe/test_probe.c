#include "probe/test_probe.h"

#include <string.h>

#include "lwip/memp.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwipsim_unit_lwip.h"
#include "stack/port/clock.h"
#include "stack/probe/assert_policy.h"
#include "stack/probe/probe.h"
#include "stack/state/run_state.h"
#include "stack/state/timeline.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "run_record/record.h"

/* Named so the probe's symbol lookup has something distinctive to find. */
static void lwipsim_test_probe_handler(void *arg) { (void)arg; }

static struct lwipsim_pool_state *pool(const char *name)
{
  for (uint32_t i = 0; i < lwipsim_state->n_pools; i++) {
    if (strcmp(lwipsim_state->pools[i].name, name) == 0) {
      return &lwipsim_state->pools[i];
    }
  }
  ck_abort_msg("no pool %s", name);
  return NULL;
}

static int count_named(const struct lwipsim_timer_list *l, const char *name)
{
  int n = 0;
  for (uint32_t i = 0; i < l->count && i < LWIPSIM_MAX_TIMERS; i++) {
    n += strcmp(l->names[i], name) == 0;
  }
  return n;
}

/* As lwIP's own tests check after each test: nothing of ours left armed. */
static void untimeout_all(int n)
{
  for (int i = 0; i < n; i++) {
    sys_untimeout(lwipsim_test_probe_handler, (void *)(intptr_t)i);
  }
}

static void setup(void)
{
  lwipsim_assert_set_policy(LWIPSIM_ASSERT_SILENT, NULL);
  lwipsim_state->n_asserts = 0;
  lwipsim_probe_set_cap("SYS_TIMEOUT", LWIPSIM_PROBE_NO_CAP);
}

START_TEST(test_probe_pools_are_lwips)
{
  struct lwipsim_pool_state *p = pool("SYS_TIMEOUT");
  /* circuitpython-9.0.5: (8 + 3 * (LWIP_IPV4 + LWIP_IPV6)) */
  ck_assert_uint_eq(p->size, 11);
  ck_assert_int_eq(p->size_limited, 1);
  ck_assert_uint_eq(p->elem_bytes, memp_pools[MEMP_SYS_TIMEOUT]->size);
  ck_assert_uint_eq(pool("PBUF_POOL")->size, 24);
}
END_TEST

START_TEST(test_probe_counts_peak_and_failure)
{
  struct lwipsim_pool_state *p = pool("SYS_TIMEOUT");
  uint32_t base = p->used, failed = p->failed;
  int free_slots = (int)(p->size - base);
  ck_assert_int_gt(free_slots, 0);
  for (int i = 0; i < free_slots; i++) {
    sys_timeout(1000, lwipsim_test_probe_handler, (void *)(intptr_t)i);
  }
  ck_assert_uint_eq(p->used, p->size);
  ck_assert_uint_eq(p->peak, p->size);
  ck_assert_uint_eq(p->failed, failed);
  /* one more than fits: lwIP's own assert fires (recorded, policy silent) */
  sys_timeout(1000, lwipsim_test_probe_handler, (void *)(intptr_t)free_slots);
  ck_assert_uint_eq(p->failed, failed + 1);
  ck_assert_uint_eq(lwipsim_state->n_asserts, 1);
  ck_assert_str_eq(lwipsim_state->asserts[0].message, "sys_timeout: timeout != NULL, pool MEMP_SYS_TIMEOUT is empty");
  ck_assert_str_eq(p->sites[p->n_sites - 1].name, "lwipsim_test_probe_handler");
  /* the list at the failure names our handler once per armed entry */
  ck_assert_int_eq(count_named(&lwipsim_state->sys_timeout_at_first_failure, "lwipsim_test_probe_handler"), free_slots);
  ck_assert_int_eq(count_named(&lwipsim_state->sys_timeout_at_peak, "lwipsim_test_probe_handler"), free_slots);
  untimeout_all(free_slots + 1);
  ck_assert_uint_eq(p->used, base);
}
END_TEST

START_TEST(test_probe_names_cyclic_timers)
{
  struct lwipsim_timer_list l;
  lwipsim_probe_walk_timers(&l);
  /* the core's cyclic timers of this profile, named by their handlers */
  ck_assert_int_eq(count_named(&l, "etharp_tmr"), 1);
  ck_assert_int_eq(count_named(&l, "dhcp_coarse_tmr"), 1);
  ck_assert_int_eq(count_named(&l, "igmp_tmr"), 1);
  ck_assert_int_eq(count_named(&l, "lwip_cyclic_timer"), 0);
  ck_assert_uint_eq(l.count, pool("SYS_TIMEOUT")->used);
}
END_TEST

START_TEST(test_probe_runtime_cap_fails_like_a_smaller_pool)
{
  struct lwipsim_pool_state *p = pool("SYS_TIMEOUT");
  uint32_t base = p->used, failed = p->failed;
  ck_assert_int_eq(lwipsim_probe_set_cap("SYS_TIMEOUT", base + 2), 0);
  for (int i = 0; i < 3; i++) {
    sys_timeout(1000, lwipsim_test_probe_handler, (void *)(intptr_t)i);
  }
  ck_assert_uint_eq(p->used, base + 2);
  ck_assert_uint_eq(p->failed, failed + 1);
  ck_assert_int_eq(lwipsim_probe_set_cap("NO_SUCH_POOL", 3), -1);
  untimeout_all(3);
  lwipsim_probe_set_cap("SYS_TIMEOUT", LWIPSIM_PROBE_NO_CAP);
  ck_assert_uint_eq(p->used, base);
}
END_TEST

/* Two allocations and two frees in a bucket of their own: the timeline
 * keeps the bucket's highest point and its last one, nothing in between. */
START_TEST(test_probe_timeline_follows_pbuf_pool)
{
  /* into a bucket no earlier test wrote to (buckets of 10 s) */
  ck_assert_int_eq(lwipsim_clock_set_ms(lwipsim_clock_now_ms() + LWIPSIM_UNIT_DURATION_MS / 300), 0);
  uint64_t now = lwipsim_clock_now_ms();
  size_t before;
  lwipsim_probe_timeline(MEMP_PBUF_POOL, &before);
  struct lwipsim_pool_state *p = pool("PBUF_POOL");
  uint32_t base = p->used;
  struct pbuf *a = pbuf_alloc(PBUF_RAW, 100, PBUF_POOL);
  struct pbuf *b = pbuf_alloc(PBUF_RAW, 100, PBUF_POOL);
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_nonnull(b);
  ck_assert_uint_eq(p->used, base + 2);
  pbuf_free(a);
  pbuf_free(b);
  size_t n;
  const struct lwipsim_timeline_point *t = lwipsim_probe_timeline(MEMP_PBUF_POOL, &n);
  ck_assert_uint_eq(n, before + 2);
  ck_assert_uint_eq(t[n - 2].time_ms, now);
  ck_assert_uint_eq(t[n - 2].used, base + 2);
  ck_assert_uint_eq(t[n - 1].time_ms, now);
  ck_assert_uint_eq(t[n - 1].used, base);
  ck_assert_uint_ge(p->peak, base + 2);
}
END_TEST

/* The report's thinning (sim/report/report_build.c plot_series), written
 * again here on every change: per bucket the first point at the highest
 * level and the last point. The timeline must keep exactly these. */
static size_t reference_thin(const struct lwipsim_timeline_point *in, size_t n, uint64_t duration,
                             struct lwipsim_timeline_point *out)
{
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    uint64_t b = in[i].time_ms >= duration ? 300 : in[i].time_ms * 300 / duration;
    size_t hi = i, j = i;
    while (j < n && (in[j].time_ms >= duration ? 300 : in[j].time_ms * 300 / duration) == b) {
      if (in[j].used > in[hi].used) {
        hi = j;
      }
      j++;
    }
    out[k++] = in[hi];
    if (j - 1 != hi) {
      out[k++] = in[j - 1];
    }
    i = j;
  }
  return k;
}

/* A pseudo-random walk of 200,000 changes over a long run: at most two
 * points per bucket, exactly the reference's, and the peak point among them. */
START_TEST(test_timeline_is_bounded_and_keeps_high_and_last)
{
  enum { CHANGES = 200000 };
  static struct lwipsim_timeline tl;
  static struct lwipsim_timeline_point all[CHANGES], want[LWIPSIM_TIMELINE_MAX_POINTS];
  const uint64_t duration = 1000000000ull; /* 10^6 s */
  lwipsim_timeline_init(&tl, duration);
  uint32_t x = 12345, used = 0, peak = 0;
  uint64_t t = 0, peak_ms = 0;
  for (size_t i = 0; i < CHANGES; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    t += x % 12000; /* some steps stay in the same millisecond */
    used = (x & 0x100) ? used + 1 : (used ? used - 1 : 0);
    all[i] = (struct lwipsim_timeline_point){ t, used };
    lwipsim_timeline_add(&tl, t, used);
    if (used > peak) {
      peak = used;
      peak_ms = t;
    }
  }
  ck_assert_uint_gt(t, duration); /* the walk runs past the end: bucket 300 */
  size_t n;
  const struct lwipsim_timeline_point *got = lwipsim_timeline_points(&tl, &n);
  size_t k = reference_thin(all, CHANGES, duration, want);
  ck_assert_uint_le(n, LWIPSIM_TIMELINE_MAX_POINTS);
  ck_assert_uint_eq(n, k);
  int has_peak = 0;
  for (size_t i = 0; i < n; i++) {
    ck_assert_uint_eq(got[i].time_ms, want[i].time_ms);
    ck_assert_uint_eq(got[i].used, want[i].used);
    has_peak |= got[i].time_ms == peak_ms && got[i].used == peak;
  }
  ck_assert(has_peak);
  ck_assert_uint_eq(got[n - 1].used, used); /* the level the run ended at */
  /* reading does not close the open bucket: a later change in it still counts */
  lwipsim_timeline_add(&tl, t, used + 100);
  lwipsim_timeline_points(&tl, &n);
  ck_assert_uint_eq(got[n - 1].used, used + 100);
}
END_TEST

/* A change at every millisecond of short runs whose length 300 does not
 * divide: each bucket's first and last instants are hit, so the add's
 * shortcut (no division inside the open bucket) must end each bucket exactly
 * where the division does. */
START_TEST(test_timeline_bucket_edges_match_the_division)
{
  static const uint64_t durations[] = { 1009, 299, 301, 7, 600 };
  static struct lwipsim_timeline tl;
  static struct lwipsim_timeline_point all[2 * 1100], want[LWIPSIM_TIMELINE_MAX_POINTS];
  for (size_t d = 0; d < sizeof durations / sizeof durations[0]; d++) {
    lwipsim_timeline_init(&tl, durations[d]);
    size_t k = 0;
    uint32_t x = 777;
    for (uint64_t t = 0; t < durations[d] + 50; t++) {
      for (int twice = 0; twice < 2; twice++) { /* two changes in some milliseconds */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        if (twice && (x & 1)) {
          continue;
        }
        all[k] = (struct lwipsim_timeline_point){ t, x % 9 };
        lwipsim_timeline_add(&tl, t, x % 9);
        k++;
      }
    }
    size_t n;
    const struct lwipsim_timeline_point *got = lwipsim_timeline_points(&tl, &n);
    size_t w = reference_thin(all, k, durations[d], want);
    ck_assert_uint_eq(n, w);
    for (size_t i = 0; i < n; i++) {
      ck_assert_uint_eq(got[i].time_ms, want[i].time_ms);
      ck_assert_uint_eq(got[i].used, want[i].used);
    }
  }
}
END_TEST

/* No duration: one bucket; a single change is one point. */
START_TEST(test_timeline_without_duration_is_one_bucket)
{
  static struct lwipsim_timeline tl;
  lwipsim_timeline_init(&tl, 0);
  size_t n;
  lwipsim_timeline_points(&tl, &n);
  ck_assert_uint_eq(n, 0);
  lwipsim_timeline_add(&tl, 5, 1);
  const struct lwipsim_timeline_point *p = lwipsim_timeline_points(&tl, &n);
  ck_assert_uint_eq(n, 1);
  ck_assert_uint_eq(p[0].time_ms, 5);
  for (uint32_t i = 0; i < 1000; i++) {
    lwipsim_timeline_add(&tl, 10 + i, i % 7);
  }
  p = lwipsim_timeline_points(&tl, &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(p[0].time_ms, 16); /* first time at 6 */
  ck_assert_uint_eq(p[0].used, 6);
  ck_assert_uint_eq(p[1].time_ms, 1009);
  ck_assert_uint_eq(p[1].used, 999 % 7);
}
END_TEST

/* tcp_alloc gets five tries at an empty TCP_PCB pool, killing something
 * before each retry. With nothing to kill, the connection is refused: one
 * failure, not five; with a PCB in TIME_WAIT to kill, none. */
START_TEST(test_probe_tcp_alloc_counts_refusals_not_attempts)
{
  struct lwipsim_pool_state *p = pool("TCP_PCB");
  uint32_t failed = p->failed, recycled = p->recycled[0];
  ck_assert_int_eq(lwipsim_probe_set_cap("TCP_PCB", p->used + 1), 0);
  struct tcp_pcb *a = tcp_new();
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_null(tcp_new()); /* a CLOSED PCB is in no list: nothing to kill */
  ck_assert_uint_eq(p->failed, failed + 1);
  ck_assert_uint_eq(p->recycled[0], recycled);
  ck_assert_uint_gt(p->n_sites, 0);
  ck_assert_str_eq(p->sites[p->n_sites - 1].name, "tcp_alloc");
  tcp_abort(a);
  ck_assert_int_eq(lwipsim_probe_set_cap("TCP_PCB", LWIPSIM_PROBE_NO_CAP), 0);
}
END_TEST

/* The record's size bound (docs/run-record.md): 20 pools, every one with a
 * full timeline (602 points at 11-digit times, the longest scenario's) and
 * every failure site slot filled with a 63-character name, still print under
 * 256 KiB. More buckets, a fatter point or more pools than the documented 20
 * break it here. */
static struct lwipsim_timeline full_timeline;

static const struct lwipsim_timeline_point *full_points(size_t pool, size_t *n)
{
  (void)pool;
  return lwipsim_timeline_points(&full_timeline, n);
}

START_TEST(test_record_with_full_timelines_stays_under_256k)
{
  static struct lwipsim_run_state s;
  const uint64_t duration = 10000000000ull; /* LWIPSIM_MAX_DURATION_MS */
  lwipsim_timeline_init(&full_timeline, duration);
  for (uint64_t b = 0; b <= 300; b++) {
    uint64_t t = b == 300 ? duration : (duration * b + 299) / 300; /* the bucket's first millisecond */
    lwipsim_timeline_add(&full_timeline, t + 10, 250);
    lwipsim_timeline_add(&full_timeline, t + 20, 249);
  }
  size_t n;
  lwipsim_timeline_points(&full_timeline, &n);
  ck_assert_uint_eq(n, LWIPSIM_TIMELINE_MAX_POINTS);
  s.n_pools = 20;
  for (uint32_t i = 0; i < s.n_pools; i++) {
    struct lwipsim_pool_state *p = &s.pools[i];
    snprintf(p->name, sizeof p->name, "SOCKET_SETGETSOCKOPT_DATA_%02u", i % 100u); /* lwIP's longest name, and more */
    p->size = p->capacity = p->peak = p->failed = 250;
    p->peak_ms = p->first_failure_ms = duration;
    p->size_limited = 1;
    p->n_sites = LWIPSIM_MAX_SITES;
    for (uint32_t k = 0; k < LWIPSIM_MAX_SITES; k++) {
      memset(p->sites[k].name, 'f', LWIPSIM_NAME_LEN - 1);
      p->sites[k].count = 4000000000u;
    }
  }
  s.now_ms = duration;
  struct lwipsim_run_meta meta = { .profile = "p",
                                   .lwip_version = "2.2.1",
                                   .scenario = "s",
                                   .assert_policy = "panic",
                                   .duration_ms = duration,
                                   .timeline = full_points };
  char *text = lwipsim_record_text(&meta, &s);
  ck_assert_ptr_nonnull(text);
  size_t len = strlen(text);
  printf("record with 20 full pools: %zu bytes\n", len);
  ck_assert_uint_le(len, 256u * 1024u);
  /* The record is written without cJSON (run_record/json_out.c) in cJSON's
   * format, so cJSON reads it and prints it back byte for byte. */
  cJSON *rec = cJSON_Parse(text);
  ck_assert_ptr_nonnull(rec);
  char *again = cJSON_Print(rec);
  ck_assert_str_eq(again, text);
  cJSON_free(again);
  cJSON_Delete(rec);
  free(text);
}
END_TEST

Suite *probe_suite(void)
{
  Suite *s = suite_create("probe");
  TCase *tc = lwipsim_unit_tcase("probe");
  tcase_add_checked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_probe_pools_are_lwips);
  tcase_add_test(tc, test_probe_counts_peak_and_failure);
  tcase_add_test(tc, test_probe_names_cyclic_timers);
  tcase_add_test(tc, test_probe_runtime_cap_fails_like_a_smaller_pool);
  tcase_add_test(tc, test_probe_timeline_follows_pbuf_pool);
  tcase_add_test(tc, test_probe_tcp_alloc_counts_refusals_not_attempts);
  suite_add_tcase(s, tc);
  TCase *tl = tcase_create("timeline");
  tcase_add_test(tl, test_timeline_is_bounded_and_keeps_high_and_last);
  tcase_add_test(tl, test_timeline_bucket_edges_match_the_division);
  tcase_add_test(tl, test_timeline_without_duration_is_one_bucket);
  tcase_add_test(tl, test_record_with_full_timelines_stays_under_256k);
  suite_add_tcase(s, tl);
  return s;
}
