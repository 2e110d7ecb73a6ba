/* The second interface and netif-remove/add (issue 10): "[device] ap_mac",
 * the trailing "on sta|ap" of an action, and what the script summary and the
 * SYS_TIMEOUT / IGMP_GROUP bounds make of a second netif. Each valid form is
 * parsed and each invalid one refused with its exact line. */
#include "scenario/test_scenario_netifs.h"
#include "scenario/test_scenario_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/bounds.h"
#include "analysis/script_summary.h"
#include "scenario/scenario.h"
#include "scenario/scenario_action.h"
#include "test_common.h"

START_TEST(test_netifs_on_interface)
{
  struct lwipsim_action a = parse_ok("netif-remove");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_NETIF_REMOVE);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_STA);
  ck_assert_int_eq(a.itf_given, 0);
  a = parse_ok("netif-add on ap");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_NETIF_ADD);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  ck_assert_int_eq(a.itf_given, 1);
  a = parse_ok("static 192.168.4.1/24 gw 192.168.4.1 on ap");
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  ck_assert_uint_eq(a.addr[0], 192);
  ck_assert_uint_eq(a.prefix_len, 24);
  ck_assert_uint_eq(a.gw[3], 1);
  a = parse_ok("dhcp on sta");
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_STA);
  ck_assert_int_eq(a.itf_given, 1);
  /* "ipv6-linklocal on" on the access point */
  a = parse_ok("ipv6-linklocal on on ap");
  ck_assert_int_eq(a.on, 1);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  a = parse_ok("http-listen 80 page 1000 keepalive on ap");
  ck_assert_uint_eq(a.port, 80);
  ck_assert_uint_eq(a.page_bytes, 1000);
  ck_assert_int_eq(a.keepalive, 1);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  a = parse_ok("igmp-join 239.1.2.3 on ap");
  ck_assert_uint_eq(a.addr[3], 3);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  /* mdns-start: "on ap" after the free-text instance is the interface,
   * "on" followed by another word stays in the instance name */
  a = parse_ok("mdns-start picow _http._tcp 80 Pico W on ap");
  ck_assert_str_eq(a.instance, "Pico W");
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);
  a = parse_ok("mdns-start picow _http._tcp 80 Lights on porch");
  ck_assert_str_eq(a.instance, "Lights on porch");
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_STA);
  a = parse_ok("mdns-stop on ap");
  ck_assert_int_eq(a.kind, LWIPSIM_ACT_MDNS_STOP);
  ck_assert_int_eq(a.itf, LWIPSIM_ITF_AP);

  parse_bad("netif-up on wlan0", "netif-up: unknown interface 'wlan0'; write 'on sta' (the default) or 'on ap'");
  parse_bad("udp-send 10.77.0.1:514 10 on ap", "udp-send does not take an interface (lwIP routes it, or it acts on "
                                               "the whole device); remove 'on ap'");
  parse_bad("reload on sta",
            "reload does not take an interface (lwIP routes it, or it acts on the whole device); remove 'on sta'");
  parse_bad("netif-remove now", "netif-remove takes no arguments, but 'now' follows it");
  parse_bad("netif-add on", "netif-add takes no arguments, but 'on' follows it");
  parse_bad("netif-add ap on ap", "netif-add takes no arguments, but 'ap' follows it");
  ck_assert_str_eq(lwipsim_interface_name(LWIPSIM_ITF_AP), "ap");
  ck_assert_str_eq(lwipsim_action_name(LWIPSIM_ACT_NETIF_ADD), "netif-add");
}
END_TEST

static char dir[64], path[128], err[1024];

static int load_text(struct lwipsim_scenario *sc, const char *text)
{
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
  return lwipsim_scenario_load(dir, sc, err, sizeof err);
}

static void load_bad(const char *text, int line, const char *problem)
{
  struct lwipsim_scenario sc;
  char want[1200];
  ck_assert_int_eq(load_text(&sc, text), -1);
  snprintf(want, sizeof want, "%s:%d: %s", path, line, problem);
  ck_assert_str_eq(err, want);
}

START_TEST(test_netifs_ap_mac)
{
  snprintf(dir, sizeof dir, "/tmp/lwipsim_test_netifs_XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  struct lwipsim_scenario sc;
  ck_assert_msg(load_text(&sc, "[scenario]\nduration = 10s\n[script]\n0s = netif-up on ap\n0s = mdns-start a on ap\n"
                               "[device]\nap_mac = 2a:cd:c1:03:9e:27\n") == 0,
                "%s", err);
  ck_assert_int_eq(sc.has_ap_mac, 1);
  ck_assert_uint_eq(sc.ap_mac[0], 0x2a);
  ck_assert_uint_eq(sc.ap_mac[5], 0x27);
  ck_assert_int_eq(sc.actions[1].itf, LWIPSIM_ITF_AP);
  lwipsim_scenario_free(&sc);

  load_bad("[scenario]\nduration = 10s\n[script]\n0s = netif-up\n2s = mdns-start a on ap\n", 5,
           "mdns-start on ap, but [device] has no ap_mac; add 'ap_mac = XX:XX:XX:XX:XX:XX' to [device] for the "
           "access-point interface");
  load_bad("[scenario]\nduration = 10s\n[script]\non dhcp-bound = netif-remove on ap\n", 4,
           "netif-remove on ap, but [device] has no ap_mac; add 'ap_mac = XX:XX:XX:XX:XX:XX' to [device] for the "
           "access-point interface");
  load_bad("[scenario]\nduration = 10s\n[device]\nap_mac = 2a:cd:c1:03:9e\n", 4,
           "bad ap_mac '2a:cd:c1:03:9e'; write six hex pairs separated by ':', e.g. 28:cd:c1:03:9e:27");
  load_bad("[scenario]\nduration = 10s\n[device]\nmac = 28:cd:c1:03:9e:26\nap_mac = 28:cd:c1:03:9e:26\n", 5,
           "ap_mac is the station's mac; the access point needs a MAC of its own (the CYW43 derives one per "
           "interface)");
  load_bad("[scenario]\nduration = 10s\n[device]\nap_mac = 2a:cd:c1:03:9e:27\nap_mac = 2a:cd:c1:03:9e:28\n", 5,
           "duplicate key 'ap_mac' (already set on line 4); only [script] may repeat keys");
  load_bad("[scenario]\nduration = 10s\n[device]\nsta_mac = 2a:cd:c1:03:9e:27\n", 4,
           "unknown key 'sta_mac' in [device]; valid keys: mac, timers, ap_mac");
  unlink(path);
  rmdir(dir);
}
END_TEST

/* What the bounds make of the script: mDNS per mDNS netif, all-systems per
 * netif, and a netif-add while mDNS ran on that netif as a responder left
 * behind. Options: lwIP 2.2 with IPv4 and IPv6 (5 timers per IP version). */
START_TEST(test_netifs_summary_and_bounds)
{
  snprintf(dir, sizeof dir, "/tmp/lwipsim_test_netifs_XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  static const char *const base = "[scenario]\nduration = 60s\n[device]\nap_mac = 2a:cd:c1:03:9e:27\n[script]\n"
                                  "0s = netif-up\n0s = netif-up on ap\n0s = dhcp\n1s = mdns-start a\n";
  char text[1024];
  struct lwipsim_scenario sc;
  struct lwipsim_script_summary one, two, readd;

  ck_assert_msg(load_text(&sc, base) == 0, "%s", err);
  lwipsim_script_summarize(&sc, &one);
  lwipsim_scenario_free(&sc);
  snprintf(text, sizeof text, "%s1s = mdns-start a on ap\n", base);
  ck_assert_msg(load_text(&sc, text) == 0, "%s", err);
  lwipsim_script_summarize(&sc, &two);
  lwipsim_scenario_free(&sc);
  snprintf(text, sizeof text,
           "%s1s = mdns-start a on ap\n10s = netif-remove on ap\n12s = netif-add on ap\n"
           "12s = mdns-start a on ap\n20s = netif-remove\n",
           base);
  ck_assert_msg(load_text(&sc, text) == 0, "%s", err);
  lwipsim_script_summarize(&sc, &readd);
  lwipsim_scenario_free(&sc);
  unlink(path);
  rmdir(dir);

  ck_assert_uint_eq(one.interfaces, 2);
  ck_assert_uint_eq(one.mdns_netifs, 1);
  ck_assert_uint_eq(two.mdns_netifs, 2);
  ck_assert_uint_eq(two.dhcp_netifs, 1);
  ck_assert_uint_eq(two.mdns_removals, 0);
  /* netif-add on ap while mDNS ran there: one responder left behind; the
   * station's netif-remove alone leaves mDNS attached (no count) */
  ck_assert_uint_eq(readd.mdns_netifs, 2);
  ck_assert_uint_eq(readd.mdns_removals, 1);

  static const char *const cyclic[] = { "tcp_tmr",  "ip_reass_tmr", "etharp_tmr", "dhcp_coarse_tmr", "dhcp_fine_tmr",
                                        "igmp_tmr", "dns_tmr",      "nd6_tmr",    "ip6_reass_tmr",   "mld6_tmr" };
  static const struct lwipsim_option opts[] = {
    { "LWIP_IPV4", 1 }, { "LWIP_IPV6", 1 },           { "LWIP_TCP", 1 },
    { "LWIP_IGMP", 1 }, { "LWIP_MDNS_RESPONDER", 1 }, { "MDNS_MAX_STORED_PKTS", 4 },
  };
  struct lwipsim_bound_input in = { .options = opts,
                                    .n_options = sizeof opts / sizeof opts[0],
                                    .lwip_version = "2.2.1",
                                    .cyclic_timers = cyclic,
                                    .n_cyclic_timers = sizeof cyclic / sizeof cyclic[0] };
  struct lwipsim_bound b1, b2, b3, g2;
  in.script = &one;
  lwipsim_bound_pool("SYS_TIMEOUT", &in, &b1);
  in.script = &two;
  lwipsim_bound_pool("SYS_TIMEOUT", &in, &b2);
  lwipsim_bound_pool("IGMP_GROUP", &in, &g2);
  in.script = &readd;
  lwipsim_bound_pool("SYS_TIMEOUT", &in, &b3);
  /* 9 cyclic (no tcp_tmr: no TCP action) + 1 + 5 x 2 + 4 stored questions */
  ck_assert_uint_eq(b1.value, 9 + 1 + 10 + 4);
  /* the second mDNS netif: one more mdns_probe_and_announce and 5 per IP version */
  ck_assert_uint_eq(b2.value, b1.value + 1 + 10);
  /* the responder netif-add left behind: 3 per IP version */
  ck_assert_uint_eq(b3.value, b2.value + 6);
  ck_assert_ptr_nonnull(strstr(b3.terms[b3.n_terms - 1].what, "(measured: tests/scenarios/mdns-reload-storm)"));
  ck_assert_ptr_nonnull(strstr(b2.terms[1].what, "2 netifs"));
  /* all-systems on each of the two netifs, 224.0.0.251 on each mDNS netif */
  ck_assert_uint_eq(g2.value, 2 + 2);
}
END_TEST

Suite *scenario_netifs_suite(void)
{
  Suite *s = suite_create("scenario_netifs");
  TCase *tc = tcase_create("netifs");
  tcase_add_test(tc, test_netifs_on_interface);
  tcase_add_test(tc, test_netifs_ap_mac);
  tcase_add_test(tc, test_netifs_summary_and_bounds);
  suite_add_tcase(s, tc);
  return s;
}
