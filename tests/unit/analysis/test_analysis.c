/* The worst-case bounds (sim/analysis) from hand-made option sets: lwIP 2.1.3
 * vs 2.2.1, IPv4 only vs dual stack, 0/1/2 mDNS removals. Expected numbers
 * are worked out from shared/facts/lwip-sys-timeout.md sections 2a-2c, not
 * read back from the code. */
#include "analysis/test_analysis.h"

#include <stdio.h>
#include <string.h>

#include "analysis/bounds.h"
#include "analysis/script_needs.h"
#include "analysis/script_summary.h"
#include "common/options.h"
#include "scenario/scenario.h"

/* CircuitPython 9.0.5-like: IPv4, DHCP, DNS, IGMP, mDNS (facts 4). */
static struct lwipsim_option ipv4_opts[] = {
  { "LWIP_IPV4", 1 },
  { "LWIP_IPV6", 0 },
  { "LWIP_TCP", 1 },
  { "LWIP_DHCP", 1 },
  { "LWIP_DNS", 1 },
  { "LWIP_DNS_SECURE", 7 },
  { "LWIP_IGMP", 1 },
  { "LWIP_MDNS_RESPONDER", 1 },
  { "MDNS_MAX_STORED_PKTS", 4 },
  { "IP_REASSEMBLY", 1 },
  { "IP_REASS_MAX_PBUFS", 10 },
  { "LWIP_IPV6_REASS", 0 },
};
/* The 2.2.1 table for those options (timeouts.c:77-116): TCP first. */
static const char *const ipv4_cyclic[] = { "tcp_tmr",       "ip_reass_tmr", "etharp_tmr", "dhcp_coarse_tmr",
                                           "dhcp_fine_tmr", "igmp_tmr",     "dns_tmr" };

/* The same plus IPv6 with reassembly and MLD. */
static struct lwipsim_option dual_opts[] = {
  { "LWIP_IPV4", 1 },
  { "LWIP_IPV6", 1 },
  { "LWIP_TCP", 1 },
  { "LWIP_DHCP", 1 },
  { "LWIP_DNS", 1 },
  { "LWIP_DNS_SECURE", 7 },
  { "LWIP_IGMP", 1 },
  { "LWIP_MDNS_RESPONDER", 1 },
  { "MDNS_MAX_STORED_PKTS", 4 },
  { "IP_REASSEMBLY", 1 },
  { "IP_REASS_MAX_PBUFS", 10 },
  { "LWIP_IPV6_REASS", 1 },
  { "LWIP_IPV6_MLD", 1 },
};
static const char *const dual_cyclic[] = { "tcp_tmr",  "ip_reass_tmr", "etharp_tmr", "dhcp_coarse_tmr", "dhcp_fine_tmr",
                                           "igmp_tmr", "dns_tmr",      "nd6_tmr",    "ip6_reass_tmr",   "mld6_tmr" };

/* The bundled scenario's device: mDNS + HTTP, static address. */
static struct lwipsim_script_summary mdns_http(uint32_t removals)
{
  return (struct lwipsim_script_summary){ .mdns_netifs = 1, .mdns_removals = removals, .http_listen = 1 };
}

static struct lwipsim_bound_input input(const struct lwipsim_option *o, size_t n, const char *version,
                                        const char *const *cyclic, size_t n_cyclic,
                                        const struct lwipsim_script_summary *s)
{
  return (struct lwipsim_bound_input){ .options = o,
                                       .n_options = n,
                                       .lwip_version = version,
                                       .cyclic_timers = cyclic,
                                       .n_cyclic_timers = n_cyclic,
                                       .script = s };
}

#define INPUT(opts, version, cyclic, script) \
  input(opts, sizeof opts / sizeof opts[0], version, cyclic, sizeof cyclic / sizeof cyclic[0], script)

/* The bound's value, after checking the terms add up to it. */
static int bounded_value(const char *pool, const struct lwipsim_bound_input *in)
{
  struct lwipsim_bound b;
  if (!lwipsim_bound_pool(pool, in, &b)) {
    return -1;
  }
  uint32_t sum = 0;
  for (size_t i = 0; i < b.n_terms; i++) {
    ck_assert_uint_gt(b.terms[i].count, 0);
    ck_assert_uint_gt(strlen(b.terms[i].what), 0);
    sum += b.terms[i].count;
  }
  ck_assert_uint_eq(sum, b.value);
  ck_assert_uint_gt(strlen(b.basis), 20);
  return (int)b.value;
}

START_TEST(test_sys_timeout_221_ipv4_by_removals)
{
  /* 6 cyclic + tcp_tmr + (1 + 5) mDNS + 4 stored TC questions + 3 per removal */
  static const int expected[] = { 17, 20, 23 };
  for (uint32_t r = 0; r < 3; r++) {
    struct lwipsim_script_summary s = mdns_http(r);
    struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &s);
    ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), expected[r]);
  }
}
END_TEST

START_TEST(test_sys_timeout_221_dual_stack_by_removals)
{
  /* 9 cyclic + tcp_tmr + (1 + 5 x 2) + 4 + 3 x 2 per removal */
  static const int expected[] = { 25, 31, 37 };
  for (uint32_t r = 0; r < 3; r++) {
    struct lwipsim_script_summary s = mdns_http(r);
    struct lwipsim_bound_input in = INPUT(dual_opts, "2.2.1", dual_cyclic, &s);
    ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), expected[r]);
  }
}
END_TEST

START_TEST(test_sys_timeout_213_no_leak)
{
  /* 2.1.3: one mdns_probe per netif, cancelled on removal: reloads add nothing. */
  for (uint32_t r = 0; r < 3; r++) {
    struct lwipsim_script_summary s = mdns_http(r);
    struct lwipsim_bound_input v4 = INPUT(ipv4_opts, "2.1.3", ipv4_cyclic, &s);
    struct lwipsim_bound_input dual = INPUT(dual_opts, "2.1.3", dual_cyclic, &s);
    ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &v4), 6 + 1 + 1);
    ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &dual), 9 + 1 + 1);
  }
}
END_TEST

START_TEST(test_sys_timeout_terms_name_the_table)
{
  struct lwipsim_script_summary s = mdns_http(2);
  struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &s);
  struct lwipsim_bound b;
  ck_assert(lwipsim_bound_pool("SYS_TIMEOUT", &in, &b));
  ck_assert_uint_eq(b.terms[0].count, 6);
  ck_assert_ptr_nonnull(strstr(b.terms[0].what, "ip_reass_tmr, etharp_tmr, dhcp_coarse_tmr"));
  ck_assert_ptr_null(strstr(b.terms[0].what, "tcp_tmr")); /* armed on demand, its own term */
  ck_assert_uint_eq(b.terms[b.n_terms - 1].count, 6);
  ck_assert_ptr_nonnull(strstr(b.basis, "2 mDNS removals"));
}
END_TEST

START_TEST(test_sys_timeout_without_apps)
{
  /* No mDNS, no TCP in the script: only lwip_init's cyclic timers. */
  struct lwipsim_script_summary s = { .dhcp = 1 };
  struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &s);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), 6);
  /* mDNS in the script but not compiled: the device cannot start it. */
  struct lwipsim_option no_mdns[] = { { "LWIP_TCP", 1 }, { "LWIP_MDNS_RESPONDER", 0 } };
  struct lwipsim_script_summary m = mdns_http(2);
  struct lwipsim_bound_input in2 = INPUT(no_mdns, "2.2.1", ipv4_cyclic, &m);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in2), 7);
}
END_TEST

START_TEST(test_sys_timeout_unknown_version_is_null)
{
  struct lwipsim_script_summary s = mdns_http(0);
  struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.0.3", ipv4_cyclic, &s);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), -1);
  in.lwip_version = "garbage";
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), -1);
}
END_TEST

START_TEST(test_pcb_bounds)
{
  struct lwipsim_script_summary s = mdns_http(2);
  struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &s);
  ck_assert_int_eq(bounded_value("UDP_PCB", &in), 1); /* mDNS only: DNS ports are random */
  ck_assert_int_eq(bounded_value("TCP_PCB_LISTEN", &in), 1);
  ck_assert_int_eq(bounded_value("TCP_PCB", &in), -1); /* clients are the peers' choice */
  ck_assert_int_eq(bounded_value("IGMP_GROUP", &in), 2);
  ck_assert_int_eq(bounded_value("REASSDATA", &in), 10);
  ck_assert_int_eq(bounded_value("IP6_REASSDATA", &in), -1); /* not compiled */
  ck_assert_int_eq(bounded_value("PBUF_POOL", &in), -1);
  ck_assert_int_eq(bounded_value("TCP_SEG", &in), -1);

  struct lwipsim_option dns_fixed_port[] = {
    { "LWIP_IPV4", 1 }, { "LWIP_TCP", 1 },        { "LWIP_DHCP", 1 },
    { "LWIP_DNS", 1 },  { "LWIP_DNS_SECURE", 3 }, { "LWIP_MDNS_RESPONDER", 1 }
  };
  struct lwipsim_script_summary client = { .mdns_netifs = 1, .dhcp = 1, .tcp_connects = 3 };
  struct lwipsim_bound_input c = INPUT(dns_fixed_port, "2.2.1", ipv4_cyclic, &client);
  ck_assert_int_eq(bounded_value("UDP_PCB", &c), 3); /* DHCP + DNS + mDNS */
  ck_assert_int_eq(bounded_value("TCP_PCB", &c), 3);
  ck_assert_int_eq(bounded_value("TCP_PCB_LISTEN", &c), 0);
}
END_TEST

static void add(struct lwipsim_scenario *sc, struct lwipsim_action *acts, enum lwipsim_action_kind kind)
{
  acts[sc->n_actions].kind = kind;
  sc->n_actions++;
}

START_TEST(test_script_summary_counts_removals)
{
  struct lwipsim_action acts[16];
  struct lwipsim_scenario sc;
  struct lwipsim_script_summary s;
  memset(acts, 0, sizeof acts);
  memset(&sc, 0, sizeof sc);
  sc.actions = acts;
  add(&sc, acts, LWIPSIM_ACT_NETIF_UP);
  add(&sc, acts, LWIPSIM_ACT_MDNS_START);
  add(&sc, acts, LWIPSIM_ACT_MDNS_START); /* a rename, not a removal */
  add(&sc, acts, LWIPSIM_ACT_HTTP_LISTEN);
  add(&sc, acts, LWIPSIM_ACT_RELOAD);
  add(&sc, acts, LWIPSIM_ACT_RELOAD);
  lwipsim_script_summarize(&sc, &s);
  ck_assert_uint_eq(s.mdns_netifs, 1);
  ck_assert_uint_eq(s.mdns_removals, 2);
  ck_assert_int_eq(s.http_listen, 1);
  ck_assert_int_eq(s.dhcp, 0);

  add(&sc, acts, LWIPSIM_ACT_MDNS_STOP); /* removal 3 */
  add(&sc, acts, LWIPSIM_ACT_RELOAD);    /* mDNS stays off: no removal */
  add(&sc, acts, LWIPSIM_ACT_MDNS_STOP); /* already off */
  add(&sc, acts, LWIPSIM_ACT_DHCP);
  add(&sc, acts, LWIPSIM_ACT_TCP_CONNECT);
  add(&sc, acts, LWIPSIM_ACT_TCP_CONNECT);
  lwipsim_script_summarize(&sc, &s);
  ck_assert_uint_eq(s.mdns_removals, 3);
  ck_assert_int_eq(s.dhcp, 1);
  ck_assert_uint_eq(s.tcp_connects, 2);
}
END_TEST

START_TEST(test_options_sort_and_get)
{
  struct lwipsim_option o[] = { { "MEMP_NUM_UDP_PCB", 4 }, { "LWIP_IPV4", 1 }, { "MEMP_NUM_SYS_TIMEOUT", 11 } };
  lwipsim_options_sort(o, 3);
  ck_assert_str_eq(o[0].name, "LWIP_IPV4");
  ck_assert_str_eq(o[1].name, "MEMP_NUM_SYS_TIMEOUT");
  ck_assert_str_eq(o[2].name, "MEMP_NUM_UDP_PCB");
  ck_assert_int_eq(lwipsim_option_get(o, 3, "MEMP_NUM_SYS_TIMEOUT", -1), 11);
  ck_assert_int_eq(lwipsim_option_get(o, 3, "LWIP_ACD", -1), -1);
}
END_TEST

/* An IPv4-only build without mDNS or DHCP, TCP on. */
static const struct lwipsim_option no_mdns_opts[] = {
  { "LWIP_IPV4", 1 }, { "LWIP_IPV6", 0 }, { "LWIP_TCP", 1 }, { "LWIP_DHCP", 0 }, { "LWIP_MDNS_RESPONDER", 0 },
};

static void add_at(struct lwipsim_scenario *sc, struct lwipsim_action *acts, enum lwipsim_action_kind kind, int line)
{
  add(sc, acts, kind);
  acts[sc->n_actions - 1].line = line;
}

START_TEST(test_script_needs_names_first_line)
{
  struct lwipsim_action acts[8];
  struct lwipsim_scenario sc;
  char err[512];
  memset(acts, 0, sizeof acts);
  memset(&sc, 0, sizeof sc);
  snprintf(sc.path, sizeof sc.path, "scenarios/x/scenario.ini");
  sc.actions = acts;
  add_at(&sc, acts, LWIPSIM_ACT_NETIF_UP, 5);
  add_at(&sc, acts, LWIPSIM_ACT_IPV6_LINKLOCAL, 6); /* skipped by the device, never an error */
  add_at(&sc, acts, LWIPSIM_ACT_HTTP_LISTEN, 7);
  add_at(&sc, acts, LWIPSIM_ACT_RELOAD, 8);
  ck_assert_int_eq(lwipsim_script_check_needs(&sc, no_mdns_opts, 5, "my-board", err, sizeof err), 0);

  /* sorted by time, so a later line can come first: the earliest line is named */
  add_at(&sc, acts, LWIPSIM_ACT_DHCP, 10);
  add_at(&sc, acts, LWIPSIM_ACT_MDNS_START, 9);
  ck_assert_int_eq(lwipsim_script_check_needs(&sc, no_mdns_opts, 5, "my-board", err, sizeof err), -1);
  ck_assert_str_eq(err, "scenarios/x/scenario.ini:9: mdns-start needs LWIP_MDNS_RESPONDER, which is 0 in profile "
                        "my-board; use a profile that enables it, or remove the action");
  sc.n_actions--;
  ck_assert_int_eq(lwipsim_script_check_needs(&sc, no_mdns_opts, 5, "my-board", err, sizeof err), -1);
  ck_assert_str_eq(err, "scenarios/x/scenario.ini:10: dhcp needs LWIP_DHCP, which is 0 in profile my-board; use a "
                        "profile that enables it, or remove the action");
}
END_TEST

START_TEST(test_script_needs_table)
{
  /* IPv4 is named before DHCP: opt.h turns DHCP off without it */
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_DHCP)[0], "LWIP_IPV4");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_DHCP)[1], "LWIP_DHCP");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_TCP_CONNECT)[0], "LWIP_TCP");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_HTTP_CLOSE)[0], "LWIP_TCP");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_MDNS_STOP)[0], "LWIP_MDNS_RESPONDER");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_STATIC)[0], "LWIP_IPV4");
  ck_assert_ptr_null(lwipsim_action_needs(LWIPSIM_ACT_IPV6_LINKLOCAL)[0]);
  ck_assert_ptr_null(lwipsim_action_needs(LWIPSIM_ACT_RELOAD)[0]);
  /* an option the build's table lacks counts as on */
  struct lwipsim_action a = { .kind = LWIPSIM_ACT_MDNS_START, .line = 4 };
  struct lwipsim_scenario sc = { .actions = &a, .n_actions = 1 };
  ck_assert_int_eq(lwipsim_script_check_needs(&sc, no_mdns_opts, 1, "p", NULL, 0), 0);
}
END_TEST

/* lwIP's MQTT client: one mqtt_cyclic_timer per connected client (the
 * device has one), tcp_tmr while its connection exists, one TCP PCB per
 * connect (each waits in TIME_WAIT after the device closes it). */
START_TEST(test_mqtt_bounds)
{
  struct lwipsim_action acts[8];
  struct lwipsim_scenario sc;
  struct lwipsim_script_summary s;
  memset(acts, 0, sizeof acts);
  memset(&sc, 0, sizeof sc);
  sc.actions = acts;
  add(&sc, acts, LWIPSIM_ACT_NETIF_UP);
  add(&sc, acts, LWIPSIM_ACT_DHCP);
  add(&sc, acts, LWIPSIM_ACT_MQTT_CONNECT);
  add(&sc, acts, LWIPSIM_ACT_MQTT_PUBLISH);
  add(&sc, acts, LWIPSIM_ACT_MQTT_DISCONNECT);
  add(&sc, acts, LWIPSIM_ACT_MQTT_CONNECT);
  lwipsim_script_summarize(&sc, &s);
  ck_assert_uint_eq(s.mqtt_connects, 2);
  ck_assert_uint_eq(s.mqtt_clients, 1);
  ck_assert_int_eq(s.event_connections, 0);

  struct lwipsim_bound_input in = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &s);
  /* 6 cyclic + tcp_tmr + mqtt_cyclic_timer; no mDNS started */
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), 8);
  struct lwipsim_bound b;
  lwipsim_bound_pool("SYS_TIMEOUT", &in, &b);
  ck_assert_str_eq(b.terms[b.n_terms - 1].what,
                   "MQTT: mqtt_cyclic_timer, one per connected client (mqtt.c:1073, re-armed at :620)");
  ck_assert_ptr_nonnull(strstr(b.basis, "mqtt.c"));
  ck_assert_int_eq(bounded_value("TCP_PCB", &in), 2);
  /* the same on lwIP 2.1.3, whose client arms the same one timer */
  in.lwip_version = "2.1.3";
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), 8);

  /* an http-get alone keeps tcp_tmr armed while its PCB is active or in TIME_WAIT */
  struct lwipsim_script_summary get = { .dhcp = 1, .http_gets = 1 };
  struct lwipsim_bound_input g = INPUT(ipv4_opts, "2.2.1", ipv4_cyclic, &get);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &g), 7);

  /* without TCP the client does not exist (mqtt.c compiles to nothing) */
  struct lwipsim_option no_tcp[] = { { "LWIP_IPV4", 1 }, { "LWIP_TCP", 0 }, { "LWIP_DHCP", 1 } };
  static const char *const no_tcp_cyclic[] = { "ip_reass_tmr", "etharp_tmr", "dhcp_coarse_tmr", "dhcp_fine_tmr" };
  struct lwipsim_bound_input t = INPUT(no_tcp, "2.2.1", no_tcp_cyclic, &s);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &t), 4);

  /* "on dhcp-bound = mqtt-connect": as often as DHCP binds, so the PCB count is the traffic's */
  acts[5].trigger = LWIPSIM_TRIGGER_DHCP_BOUND;
  lwipsim_script_summarize(&sc, &s);
  ck_assert_int_eq(s.event_connections, 1);
  ck_assert_int_eq(bounded_value("TCP_PCB", &in), -1);
  ck_assert_int_eq(bounded_value("SYS_TIMEOUT", &in), 8);

  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_MQTT_CONNECT)[0], "LWIP_TCP");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_MQTT_PUBLISH)[1], "LWIP_IPV4");
  ck_assert_str_eq(lwipsim_action_needs(LWIPSIM_ACT_MQTT_DISCONNECT)[0], "LWIP_TCP");
}
END_TEST

Suite *analysis_suite(void)
{
  Suite *s = suite_create("analysis");
  TCase *tc = tcase_create("bounds");
  tcase_add_test(tc, test_sys_timeout_221_ipv4_by_removals);
  tcase_add_test(tc, test_sys_timeout_221_dual_stack_by_removals);
  tcase_add_test(tc, test_sys_timeout_213_no_leak);
  tcase_add_test(tc, test_sys_timeout_terms_name_the_table);
  tcase_add_test(tc, test_sys_timeout_without_apps);
  tcase_add_test(tc, test_sys_timeout_unknown_version_is_null);
  tcase_add_test(tc, test_pcb_bounds);
  tcase_add_test(tc, test_script_summary_counts_removals);
  tcase_add_test(tc, test_options_sort_and_get);
  tcase_add_test(tc, test_script_needs_names_first_line);
  tcase_add_test(tc, test_script_needs_table);
  tcase_add_test(tc, test_mqtt_bounds);
  suite_add_tcase(s, tc);
  return s;
}
