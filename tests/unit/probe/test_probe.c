#include "probe/test_probe.h"

#include <string.h>

#include "lwip/memp.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "stack/probe/assert_policy.h"
#include "stack/probe/probe.h"
#include "stack/state/run_state.h"

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
  lwipsim_probe_set_cap("SYS_TIMEOUT", 0);
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
  lwipsim_probe_set_cap("SYS_TIMEOUT", 0);
  ck_assert_uint_eq(p->used, base);
}
END_TEST

START_TEST(test_probe_timeline_follows_pbuf_pool)
{
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
  ck_assert_uint_eq(n, before + 4);
  ck_assert_uint_eq(t[n - 4].used, base + 1);
  ck_assert_uint_eq(t[n - 3].used, base + 2);
  ck_assert_uint_eq(t[n - 1].used, base);
  ck_assert_uint_ge(p->peak, base + 2);
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
  ck_assert_int_eq(lwipsim_probe_set_cap("TCP_PCB", 0), 0);
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
  return s;
}
