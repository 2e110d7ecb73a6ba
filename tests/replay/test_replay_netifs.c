/* The second interface and netif-remove/add against the real lwIP (issue
 * 10). scenarios/apsta-mdns was recorded live on micropython-rp2-v1.25.0
 * with the station and the access point up and the mDNS responder on both
 * (MicroPython's cyw43 hook adds it to each netif); its pool of 22
 * (LWIP_NUM_SYS_TIMEOUT_INTERNAL 10 + 12 for one mDNS netif) runs out.
 * tests/scenarios/apsta-mdns-sta-only is the same capture and script with
 * mDNS on the station only. */
#include "test_replay_netifs.h"

#include <string.h>

#include "test_common.h"

#define PROFILE "micropython-rp2-v1.25.0"
#define BOTH "scenarios/apsta-mdns"
#define STA_ONLY "tests/scenarios/apsta-mdns-sta-only"

static const cJSON *sys_timeout(const struct tc_replay *r) { return tc_pool(r->record, "SYS_TIMEOUT"); }

static long worst(const struct tc_replay *r, const char *pool)
{
  return tc_int(cJSON_GetObjectItemCaseSensitive(tc_pool(r->record, pool), "worst_case"), "value");
}

static const cJSON *at_peak(const struct tc_replay *r)
{
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(r->record, "sys_timeout");
  return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "at_peak"), "armed_timers");
}

static long itf_tx(const struct tc_replay *r, const char *name)
{
  return tc_int(tc_named(r->record, "interfaces", name), "transmitted");
}

/* The demand (pools compiled large) SYS_TIMEOUT peak: 17 with mDNS on the
 * station, 24 on both, each reached at 3.003 s while both responders
 * announce. The 7 more are the access point's responder: its
 * mdns_probe_and_announce and its 1 s, 250 ms and 25TTL multicast timers
 * for IPv4 and for IPv6 (1 + 3 x 2); its two delayed-answer timers never
 * arm, because no query reaches the AP (no peer on its link). The bound
 * grows by the full per-netif terms, 1 + 5 x 2 = 11 (25 -> 36), and the
 * all-systems and mDNS groups count per netif (IGMP_GROUP 3 -> 4, each
 * peak equal to its bound). */
START_TEST(test_netifs_mdns_on_both_adds_the_per_netif_timers)
{
  struct tc_replay one, two;
  tc_replay(&one, PROFILE, tc_source_path(STA_ONLY), "--demand", NULL);
  tc_replay(&two, PROFILE, tc_source_path(BOTH), "--demand", NULL);
  ck_assert_msg(one.record != NULL && two.record != NULL, "no record: %s %s", one.err, two.err);
  ck_assert_int_eq(one.exit_code, 0);
  ck_assert_int_eq(two.exit_code, 0);
  ck_assert_int_eq(tc_int(sys_timeout(&one), "peak"), 17);
  ck_assert_int_eq(tc_int(sys_timeout(&two), "peak"), 24);
  ck_assert_int_eq(tc_int(sys_timeout(&one), "peak_ms"), 3003);
  ck_assert_int_eq(tc_int(sys_timeout(&two), "peak_ms"), 3003);
  static const char *const per_netif[] = { "mdns_probe_and_announce",
                                           "mdns_multicast_timeout_reset_ipv4",
                                           "mdns_multicast_timeout_reset_ipv6",
                                           "mdns_multicast_probe_timeout_reset_ipv4",
                                           "mdns_multicast_probe_timeout_reset_ipv6",
                                           "mdns_multicast_timeout_25ttl_reset_ipv4",
                                           "mdns_multicast_timeout_25ttl_reset_ipv6" };
  for (size_t i = 0; i < sizeof per_netif / sizeof per_netif[0]; i++) {
    ck_assert_msg(tc_count_prefix(at_peak(&one), per_netif[i]) == 1, "%s on sta only", per_netif[i]);
    ck_assert_msg(tc_count_prefix(at_peak(&two), per_netif[i]) == 2, "%s on both", per_netif[i]);
  }
  ck_assert_int_eq(tc_count_prefix(at_peak(&two), "mdns_send_"), 0);
  ck_assert_int_eq(worst(&one, "SYS_TIMEOUT"), 25);
  ck_assert_int_eq(worst(&two, "SYS_TIMEOUT"), 36);
  ck_assert_int_eq(tc_int(tc_pool(one.record, "IGMP_GROUP"), "peak"), 3);
  ck_assert_int_eq(tc_int(tc_pool(two.record, "IGMP_GROUP"), "peak"), 4);
  ck_assert_int_eq(worst(&one, "IGMP_GROUP"), 3);
  ck_assert_int_eq(worst(&two, "IGMP_GROUP"), 4);
  /* the bound names the two netifs */
  const cJSON *terms = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(tc_pool(two.record, "SYS_TIMEOUT"), "worst_case"), "terms");
  ck_assert_ptr_nonnull(strstr(tc_str(cJSON_GetArrayItem(terms, 2), "what"), "(2 netifs"));
  ck_assert_int_eq(tc_int(cJSON_GetArrayItem(terms, 3), "count"), 20);
  tc_replay_free(&one);
  tc_replay_free(&two);
}
END_TEST

/* As compiled, the 22-slot pool runs out at 2.850 s (MicroPython's assert
 * is a no-op: the run goes on), arming mdns_probe_and_announce and TCP's
 * timer; the station sends two frames fewer than with mDNS on the station
 * only, and the replay still fits its live recording frame for frame. */
START_TEST(test_netifs_apsta_runs_out_as_compiled)
{
  struct tc_replay one, two;
  tc_replay(&one, PROFILE, tc_source_path(STA_ONLY), NULL);
  tc_replay(&two, PROFILE, tc_source_path(BOTH), NULL);
  ck_assert_msg(one.record != NULL && two.record != NULL, "no record: %s %s", one.err, two.err);
  ck_assert_int_eq(one.exit_code, 0);
  ck_assert_int_eq(two.exit_code, 3);
  const cJSON *st = sys_timeout(&two);
  ck_assert_int_eq(tc_int(st, "size"), 22);
  ck_assert_int_eq(tc_int(st, "failed"), 2);
  ck_assert_int_eq(tc_int(st, "first_failure_ms"), 2850);
  const cJSON *sites = cJSON_GetObjectItemCaseSensitive(st, "failure_sites");
  ck_assert_str_eq(tc_str(cJSON_GetArrayItem(sites, 0), "site"), "mdns_probe_and_announce");
  ck_assert_int_eq(itf_tx(&one, "sta"), 145);
  ck_assert_int_eq(itf_tx(&two, "sta"), 143);
  const cJSON *div = cJSON_GetObjectItemCaseSensitive(two.record, "divergence");
  ck_assert_int_eq(tc_int(div, "diverged"), 0);
  const cJSON *tx = cJSON_GetObjectItemCaseSensitive(two.record, "tx_match");
  ck_assert_int_eq(tc_int(tx, "reference"), 121);
  ck_assert_int_eq(tc_int(tx, "matched"), 121);
  tc_replay_free(&one);
  tc_replay_free(&two);
}
END_TEST

/* Per-interface counts: the access point sends 8 frames with only its
 * address and link-local address (IGMP and MLD reports, IPv6 DAD), 27 with
 * the responder on it as well; the station's count is frames.transmitted,
 * and the transmit match sees the station's frames only: 123 in both demand
 * runs, whatever the AP sent. */
START_TEST(test_netifs_counts_each_interface)
{
  struct tc_replay one, two;
  tc_replay(&one, PROFILE, tc_source_path(STA_ONLY), "--demand", NULL);
  tc_replay(&two, PROFILE, tc_source_path(BOTH), "--demand", NULL);
  ck_assert_msg(one.record != NULL && two.record != NULL, "no record: %s %s", one.err, two.err);
  const cJSON *itfs = cJSON_GetObjectItemCaseSensitive(two.record, "interfaces");
  ck_assert_int_eq(cJSON_GetArraySize(itfs), 2);
  ck_assert_str_eq(tc_str(tc_named(two.record, "interfaces", "ap"), "mac"), "2a:cd:c1:03:9e:27");
  ck_assert_int_eq(itf_tx(&one, "ap"), 8);
  ck_assert_int_eq(itf_tx(&two, "ap"), 27);
  ck_assert_int_eq(itf_tx(&one, "sta"), 145);
  ck_assert_int_eq(itf_tx(&two, "sta"), 145);
  ck_assert_int_eq(tc_int(cJSON_GetObjectItemCaseSensitive(two.record, "frames"), "transmitted"), 145);
  ck_assert_int_eq(tc_int(cJSON_GetObjectItemCaseSensitive(one.record, "tx_match"), "transmitted"), 123);
  ck_assert_int_eq(tc_int(cJSON_GetObjectItemCaseSensitive(two.record, "tx_match"), "transmitted"), 123);
  tc_replay_free(&one);
  tc_replay_free(&two);
}
END_TEST

/* netif-remove at 10 s, netif-add at 12 s, mDNS started again at 12.5 s
 * (circuitpython-9.0.5, IPv4): the run goes on to its end. netif_remove
 * freed the netif's groups (IGMP_GROUP 0 at 10 s, 2 again once mDNS is
 * back) but left mDNS and DHCP attached: at 13.337 s, the SYS_TIMEOUT peak
 * (11), the old responder's 25TTL timer is armed beside the new one's, and
 * DHCP's UDP PCB is still held at the end (UDP_PCB 2: DHCP's and mDNS's)
 * though the re-added netif runs no DHCP. The bound counts the responder
 * netif-add left behind: 6 cyclic + 1 + 5 + 4 + 3 = 19. */
START_TEST(test_netifs_remove_add_leaves_what_lwip_leaves)
{
  struct tc_replay r;
  tc_replay(&r, "circuitpython-9.0.5", tc_source_path("tests/scenarios/netif-readd"), NULL);
  ck_assert_msg(r.record != NULL, "no record: %s", r.err);
  ck_assert_int_eq(r.exit_code, 0);
  ck_assert_int_eq(tc_int(r.record, "end_time_ms"), 60000);
  const cJSON *sta = tc_named(r.record, "interfaces", "sta");
  ck_assert_int_eq(tc_int(sta, "netif_removed"), 1);
  ck_assert_int_eq(tc_int(sta, "netif_added"), 1);
  ck_assert_int_eq(tc_int(sys_timeout(&r), "peak"), 11);
  ck_assert_int_eq(tc_int(sys_timeout(&r), "peak_ms"), 13337);
  ck_assert_int_eq(tc_count_prefix(at_peak(&r), "mdns_multicast_timeout_25ttl_reset_ipv4"), 2);
  ck_assert_int_eq(worst(&r, "SYS_TIMEOUT"), 19);
  const cJSON *igmp = cJSON_GetObjectItemCaseSensitive(tc_pool(r.record, "IGMP_GROUP"), "timeline");
  int zero_at_10s = 0;
  for (int i = 0; i < cJSON_GetArraySize(igmp); i++) {
    const cJSON *pt = cJSON_GetArrayItem(igmp, i);
    zero_at_10s |= cJSON_GetArrayItem(pt, 0)->valuedouble == 10000 && cJSON_GetArrayItem(pt, 1)->valuedouble == 0;
  }
  ck_assert_msg(zero_at_10s, "IGMP_GROUP did not drop to 0 at netif-remove");
  const cJSON *last = cJSON_GetArrayItem(igmp, cJSON_GetArraySize(igmp) - 1);
  ck_assert_int_eq((int)cJSON_GetArrayItem(last, 1)->valuedouble, 2);
  const cJSON *udp = cJSON_GetObjectItemCaseSensitive(tc_pool(r.record, "UDP_PCB"), "timeline");
  last = cJSON_GetArrayItem(udp, cJSON_GetArraySize(udp) - 1);
  ck_assert_int_eq((int)cJSON_GetArrayItem(last, 1)->valuedouble, 2);
  tc_replay_free(&r);
}
END_TEST

/* The same without starting mDNS again: the old responder's 25TTL timer
 * fires at 32.440 s on the re-added netif, whose client data netif_add
 * cleared, and lwIP reads a NULL responder: a crash inside lwIP, reported
 * as a finding (SIGSEGV, exit 4), with the netif-add among the last events. */
START_TEST(test_netifs_remove_add_with_mdns_left_crashes_in_lwip)
{
  struct tc_replay r;
  tc_replay(&r, "circuitpython-9.0.5", tc_source_path("tests/scenarios/netif-readd-mdns-left"), NULL);
  ck_assert_msg(r.record != NULL, "no record: %s", r.err);
  ck_assert_int_eq(r.exit_code, 4);
  const cJSON *crash = cJSON_GetObjectItemCaseSensitive(r.record, "crash");
  ck_assert_str_eq(tc_str(crash, "signal_name"), "SIGSEGV");
  ck_assert_int_eq(tc_int(crash, "time_ms"), 32440);
  ck_assert_int_eq(
      tc_count_prefix(cJSON_GetObjectItemCaseSensitive(crash, "last_events"), "12000 ms: device: netif-add"), 1);
  tc_replay_free(&r);
}
END_TEST

Suite *netifs_suite(void)
{
  Suite *s = suite_create("netifs");
  TCase *tc = tcase_create("two interfaces, netif-remove/add");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_netifs_mdns_on_both_adds_the_per_netif_timers);
  tcase_add_test(tc, test_netifs_apsta_runs_out_as_compiled);
  tcase_add_test(tc, test_netifs_counts_each_interface);
  tcase_add_test(tc, test_netifs_remove_add_leaves_what_lwip_leaves);
  tcase_add_test(tc, test_netifs_remove_add_with_mdns_left_crashes_in_lwip);
  suite_add_tcase(s, tc);
  return s;
}
