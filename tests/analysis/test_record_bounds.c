/* The record's `options` and `pools[].worst_case` from real runs of the built
 * runners: the values the profile's lwIP resolved, and a SYS_TIMEOUT bound
 * that holds against what demand runs measure. Runs `lwipsim` through the
 * tests' common helpers (tests/common). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

#define BUNDLED "scenarios/mdns-http-reload"

static const cJSON *option(const cJSON *record, const char *name)
{
  return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(record, "options"), name);
}

static const cJSON *worst_case(const cJSON *record, const char *pool)
{
  const cJSON *p = tc_pool(record, pool);
  ck_assert_ptr_nonnull(p);
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(p, "worst_case");
  ck_assert_ptr_nonnull(w); /* the key is always there, null or an object */
  return w;
}

/* value, after checking the terms add up to it; -1 for null. */
static int worst_value(const cJSON *record, const char *pool)
{
  const cJSON *w = worst_case(record, pool);
  if (cJSON_IsNull(w)) {
    return -1;
  }
  double sum = 0;
  const cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(w, "terms"))
  {
    ck_assert_ptr_nonnull(tc_str(t, "what"));
    sum += tc_num(t, "count");
  }
  ck_assert_double_eq(sum, tc_num(w, "value"));
  ck_assert_ptr_nonnull(tc_str(w, "basis"));
  return (int)tc_num(w, "value");
}

START_TEST(test_options_are_the_profiles_own)
{
  struct tc_replay faithful, demand;
  tc_replay(&faithful, "circuitpython-9.0.5", tc_source_path(BUNDLED), NULL);
  tc_replay(&demand, "circuitpython-9.0.5", tc_source_path(BUNDLED), "--demand", NULL);
  ck_assert_ptr_nonnull(faithful.record);
  ck_assert_ptr_nonnull(demand.record);
  /* CircuitPython 9.0.5: (8 + 3 * (LWIP_IPV4 + LWIP_IPV6)) = 11, core formula
   * TCP + REASS + ARP + 2 DHCP + IGMP + DNS = 7 (facts section 4). */
  ck_assert_double_eq(option(faithful.record, "MEMP_NUM_SYS_TIMEOUT")->valuedouble, 11);
  ck_assert_double_eq(option(faithful.record, "LWIP_NUM_SYS_TIMEOUT_INTERNAL")->valuedouble, 7);
  ck_assert_double_eq(option(faithful.record, "PBUF_POOL_SIZE")->valuedouble, 24);
  ck_assert_double_eq(option(faithful.record, "MEMP_NUM_TCP_SEG")->valuedouble, 32);
  ck_assert_double_eq(option(faithful.record, "LWIP_ACD")->valuedouble, 0);
  ck_assert_double_eq(option(faithful.record, "MDNS_MAX_STORED_PKTS")->valuedouble, 4);
  /* The demand build compiles pools with 250, the record still says 11. */
  ck_assert_double_eq(tc_num(tc_pool(demand.record, "SYS_TIMEOUT"), "capacity"), 250);
  char *a = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(faithful.record, "options"));
  char *b = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(demand.record, "options"));
  ck_assert_str_eq(a, b);
  /* Keys sorted, every value a number. */
  const cJSON *prev = NULL, *o;
  cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(faithful.record, "options"))
  {
    ck_assert(cJSON_IsNumber(o));
    if (prev != NULL) {
      ck_assert_int_lt(strcmp(prev->string, o->string), 0);
    }
    prev = o;
  }
  free(a);
  free(b);
  tc_replay_free(&faithful);
  tc_replay_free(&demand);
}
END_TEST

START_TEST(test_sys_timeout_bound_holds_against_demand)
{
  struct tc_replay demand;
  tc_replay(&demand, "circuitpython-9.0.5", tc_source_path(BUNDLED), "--demand", NULL);
  ck_assert_ptr_nonnull(demand.record);
  double peak = tc_num(tc_pool(demand.record, "SYS_TIMEOUT"), "peak");
  ck_assert_double_eq(peak, 13); /* the bundled scenario's measured need */
  /* 6 cyclic + tcp_tmr + mDNS (1 + 5) + 4 stored questions + 3 x 2 reloads */
  ck_assert_int_eq(worst_value(demand.record, "SYS_TIMEOUT"), 23);
  ck_assert_int_ge(worst_value(demand.record, "SYS_TIMEOUT"), (int)peak);
  /* the scenario's device takes its address by DHCP: dhcp + mDNS */
  ck_assert_int_eq(worst_value(demand.record, "UDP_PCB"), 2);
  ck_assert_double_le(tc_num(tc_pool(demand.record, "UDP_PCB"), "peak"), 2);
  ck_assert_int_eq(worst_value(demand.record, "TCP_PCB_LISTEN"), 1);
  ck_assert_int_eq(worst_value(demand.record, "TCP_PCB"), -1); /* peers choose */
  ck_assert_int_eq(worst_value(demand.record, "PBUF_POOL"), -1);
  ck_assert_int_eq(worst_value(demand.record, "IGMP_GROUP"), 2);
  ck_assert_double_le(tc_num(tc_pool(demand.record, "IGMP_GROUP"), "peak"), 2);
  tc_replay_free(&demand);
}
END_TEST

/* Six reloads two seconds apart while browsers query: each removal leaves
 * its 30 s 25TTL timer armed, and a 1 s multicast timer too (two
 * mdns_multicast_timeout_reset_ipv4 at the peak), which is why the bound
 * counts more than the 25TTL one per removal. The bound still holds. */
START_TEST(test_sys_timeout_bound_holds_against_a_reload_storm)
{
  struct tc_replay demand;
  tc_replay(&demand, "circuitpython-9.0.5", tc_source_path("tests/scenarios/mdns-reload-storm"), "--demand", NULL);
  ck_assert_ptr_nonnull(demand.record);
  const cJSON *pool = tc_pool(demand.record, "SYS_TIMEOUT");
  double peak = tc_num(pool, "peak");
  ck_assert_double_eq(peak, 17);
  /* 6 cyclic + tcp_tmr + mDNS (1 + 5) + 4 stored questions + 3 x 6 removals */
  ck_assert_int_eq(worst_value(demand.record, "SYS_TIMEOUT"), 35);
  ck_assert_int_ge(worst_value(demand.record, "SYS_TIMEOUT"), (int)peak);
  const cJSON *armed = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(demand.record, "sys_timeout"), "at_peak"),
      "armed_timers");
  int ttl = 0, one_s = 0;
  const cJSON *t;
  cJSON_ArrayForEach(t, armed)
  {
    ttl += strcmp(t->valuestring, "mdns_multicast_timeout_25ttl_reset_ipv4") == 0;
    one_s += strcmp(t->valuestring, "mdns_multicast_timeout_reset_ipv4") == 0;
  }
  ck_assert_int_eq(ttl, 6);   /* five left by removals, one of the live responder */
  ck_assert_int_eq(one_s, 2); /* one left by a removal */
  tc_replay_free(&demand);
}
END_TEST

START_TEST(test_lwip_213_options_and_bound)
{
  struct tc_replay demand;
  tc_replay(&demand, "lwip-2.1.3-mdns", tc_source_path(BUNDLED), "--demand", NULL);
  ck_assert_ptr_nonnull(demand.record);
  /* 2.1.3 has no LWIP_ACD and no MDNS_MAX_STORED_PKTS; AUTOIP is its term. */
  ck_assert_ptr_null(option(demand.record, "LWIP_ACD"));
  ck_assert_ptr_null(option(demand.record, "MDNS_MAX_STORED_PKTS"));
  ck_assert_double_eq(option(demand.record, "LWIP_AUTOIP")->valuedouble, 0);
  /* 6 cyclic + tcp_tmr + one mdns_probe: reloads leak nothing in 2.1.3 */
  ck_assert_int_eq(worst_value(demand.record, "SYS_TIMEOUT"), 8);
  ck_assert_double_le(tc_num(tc_pool(demand.record, "SYS_TIMEOUT"), "peak"), 8);
  tc_replay_free(&demand);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("record_bounds");
  TCase *tc = tcase_create("record");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_options_are_the_profiles_own);
  tcase_add_test(tc, test_sys_timeout_bound_holds_against_demand);
  tcase_add_test(tc, test_sys_timeout_bound_holds_against_a_reload_storm);
  tcase_add_test(tc, test_lwip_213_options_and_bound);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
