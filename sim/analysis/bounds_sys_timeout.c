/* Worst case of MEMP_SYS_TIMEOUT: every timer lwIP's code can have armed at
 * once for the profile's options and the device script. The lwIP facts and
 * their source lines are in docs/bounds.md (sections 1 and 2a-2c, cited as
 * "bounds.md" below); lwIP lines are 2.2.1 unless said.
 *
 * - Cyclic timers: sys_timeouts_init arms every lwip_cyclic_timers[] entry
 *   except TCP's at index 0 (timeouts.c:264-273); each re-arms into the slot
 *   it just freed (timeouts.c:388), so each holds one element. Counted from
 *   the compiled table, not from LWIP_NUM_SYS_TIMEOUT_INTERNAL, which omits
 *   dhcp6_tmr in 2.1.3 and is a plain sum that some firmwares inflate
 *   (bounds.md 1, 2a).
 * - TCP: tcp_timer_needed arms one timer while a PCB is active or in
 *   TIME_WAIT (timeouts.c:166-176); listeners alone do not. Without a
 *   listener or an outgoing connection no PCB ever leaves CLOSED.
 * - mDNS 2.1.x: one mdns_probe per netif while probing; removal cancels it
 *   (2.1.3 mdns.c:2045, :2123; bounds.md 2b).
 * - mDNS 2.2.x: per netif one mdns_probe_and_announce plus five flag-guarded
 *   timers per IP version, and one mdns_handle_tc_question per stored packet,
 *   at most MDNS_MAX_STORED_PKTS (bounds.md 2c: "mDNS = N_netif x
 *   (1 + 5 x (LWIP_IPV4 + LWIP_IPV6)) + MDNS_MAX_STORED_PKTS").
 * - mDNS 2.2.x removal leak (bounds.md 2c, "The removal leak"): mdns_resp_remove_netif cancels
 *   only mdns_probe_and_announce (mdns.c:2440); the re-added responder starts
 *   with cleared flags, so mdns_set_timeout (mdns_out.c:1119-1133) arms
 *   again beside the old instance. A host harness measured +1 (the 30 s
 *   25TTL timer) per IP version per cycle. Counted here for every removal in the
 *   script, not per 30 s window: while sends keep coming, each one untimeouts
 *   the earliest duplicate and arms a new one, and a firing only clears the
 *   flag so the next send arms without untimeout, so a leaked instance can
 *   outlive 30 s. Counted 3 per IP version, not 1: the 1 s and 250 ms
 *   multicast timers of the old responder can also still be armed when the
 *   new one first multicasts (its announce comes 750-1000 ms after the add,
 *   mdns.c:2290-2348, and a stale mdns_send_multicast_msg_delayed_ipvX firing
 *   on the new responder sends its empty message and, on ERR_OK, arms all
 *   three, mdns_out.c:883-891). Measured: six reloads two seconds apart under
 *   browsing (tests/scenarios/mdns-reload-storm) leave five 25TTL timers and
 *   a second 1 s timer armed at once (peak 17, bound 35). The two
 *   delayed-answer timers (<= 119 ms, mdns.c:118-121) expire before a new
 *   responder answers anything (not before ANNOUNCING, mdns.c:1410-1415).
 * - SNTP: sntp_request and sntp_try_next_server, one of each (below).
 * - MQTT: lwIP's client arms mqtt_cyclic_timer (arg = the client) when its
 *   TCP connection is up (2.2.1 mqtt.c:1073; 2.1.3 :1065); the handler runs
 *   after timeouts.c freed its element and re-arms into it (2.2.1 :620;
 *   2.1.3 :621), and mqtt_close cancels it (:558 in both) before a client
 *   can connect again (mqtt_client_connect refuses a client that is not
 *   disconnected, 2.2.1 :1310-1313): one per connected client. The device
 *   runs one client (sim/stack/device/mqtt_app.c).
 * - TFTP, PPP and tcpip_timeout arm timers only when the device starts them;
 *   the script has no action that does (bounds.md 2b). */
#include <stdio.h>
#include <string.h>

#include "analysis/bounds_priv.h"

#define OPT(name, fallback) lwipsim_bound_opt(in, name, fallback)

/* "ip_reass_tmr, etharp_tmr, ..." from index first on, cut to fit. */
static void join_names(const struct lwipsim_bound_input *in, size_t first, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = first; i < in->n_cyclic_timers && used < len; i++) {
    int n = snprintf(buf + used, len - used, "%s%s", i > first ? ", " : "", in->cyclic_timers[i]);
    used += n > 0 ? (size_t)n : 0;
  }
}

static void mdns_terms(const struct lwipsim_bound_input *in, int v22, struct lwipsim_bound *b)
{
  const struct lwipsim_script_summary *s = in->script;
  if (!OPT("LWIP_MDNS_RESPONDER", 0) || s->mdns_netifs == 0) {
    return;
  }
  if (!v22) {
    lwipsim_bound_term(b, s->mdns_netifs, "mdns_probe, one per mDNS netif while probing (lwIP 2.1)");
    return;
  }
  long long ipv = OPT("LWIP_IPV4", 1) + OPT("LWIP_IPV6", 0);
  /* per netif: mdns_resp_add_netif is called once per netif (MicroPython's
   * cyw43 hook adds both the station and the access point), and each netif
   * has its own struct mdns_host with its own flags (mdns_priv.h:168-179) */
  lwipsim_bound_term(b, s->mdns_netifs, "mdns_probe_and_announce, one per mDNS netif (%u netif%s, mdns.c:2786-2790)",
                     s->mdns_netifs, s->mdns_netifs == 1 ? "" : "s");
  lwipsim_bound_term(b, 5 * ipv * s->mdns_netifs,
                     "mDNS multicast, probe, 25TTL and two delayed-answer timers: 5 per IP version (%lld) per netif "
                     "(%u), mdns_out.c:1119-1133",
                     ipv, s->mdns_netifs);
  lwipsim_bound_term(b, OPT("MDNS_MAX_STORED_PKTS", 4),
                     "mdns_handle_tc_question, one per stored truncated question (MDNS_MAX_STORED_PKTS)");
  lwipsim_bound_term(
      b, 3 * ipv * s->mdns_removals,
      "mDNS 1 s, 250 ms and 25TTL timers left armed by %u responders left behind (mdns_resp_remove_netif "
      "on reload or mdns-stop, mdns.c:2440; netif-add clearing the client data, netif.c:340): 3 per IP "
      "version each (measured: tests/scenarios/mdns-reload-storm)",
      s->mdns_removals);
}

int lwipsim_bound_sys_timeout(const struct lwipsim_bound_input *in, struct lwipsim_bound *b)
{
  int version = lwipsim_bound_version(in->lwip_version);
  if (version != 201 && version < 202) {
    return 0; /* docs/bounds.md covers 2.1.x and 2.2.x only */
  }
  int v22 = version >= 202;
  int tcp = OPT("LWIP_TCP", 0) != 0;
  size_t first = tcp && in->n_cyclic_timers > 0 ? 1 : 0;
  char names[LWIPSIM_BOUND_WHAT - 64];
  join_names(in, first, names, sizeof names);
  lwipsim_bound_term(b, (long long)(in->n_cyclic_timers - first), "cyclic timers armed by lwip_init: %s", names);
  lwipsim_bound_term(b,
                     tcp && (in->script->http_listen || in->script->tcp_connects || in->script->http_gets ||
                             in->script->mqtt_connects),
                     "tcp_tmr while a TCP PCB is active or in TIME_WAIT");
  mdns_terms(in, v22, b);
  /* sntp.c arms sntp_request and sntp_try_next_server, each after an
   * untimeout of itself (:534-541, :582-593, :661-662, :721-722): at most one
   * of each at once. */
  lwipsim_bound_term(b, OPT("LWIP_UDP", 1) && in->script->sntp ? 2 : 0,
                     "SNTP: sntp_request and sntp_try_next_server, one of each at most (sntp.c:583, :593)");

  /* DHCP, ACD, IGMP and MLD add no element per netif: their timers are the
   * cyclic ones above, each walking every netif (dhcp.c:515, :552; acd.c:245;
   * igmp.c:645; mld6.c:500), so a second interface running them arms
   * nothing more. */
  int mqtt = tcp && in->script->mqtt_clients > 0;
  lwipsim_bound_term(b, mqtt ? in->script->mqtt_clients : 0,
                     "MQTT: mqtt_cyclic_timer, one per connected client (mqtt.c:1073, re-armed at :620)");

  const struct lwipsim_script_summary *s = in->script;
  int mdns = OPT("LWIP_MDNS_RESPONDER", 0) && s->mdns_netifs > 0;
  if (in->script->sntp || mqtt) {
    snprintf(b->basis, sizeof b->basis,
             "one per cyclic timer, TCP's while connections exist, lwIP's mDNS timers per netif%s%s%s (read from "
             "%s)",
             mdns ? " (and those removals leave)" : " (none here)", in->script->sntp ? ", SNTP's two" : "",
             mqtt ? ", the MQTT client's cyclic timer" : "",
             in->script->sntp && mqtt ? "sntp.c and mqtt.c"
             : mqtt                   ? "mqtt.c"
                                      : "sntp.c");
  } else if (!mdns) {
    snprintf(b->basis, sizeof b->basis,
             "one per cyclic timer plus TCP's while connections exist; the script starts no mDNS, SNTP or "
             "other timer-using app");
  } else if (!v22) {
    snprintf(b->basis, sizeof b->basis,
             "one per cyclic timer, TCP's while connections exist, and lwIP 2.1's single mDNS probe timer per "
             "netif (removal cancels it); no SNTP or other timer-using app in the script");
  } else {
    snprintf(b->basis, sizeof b->basis,
             "cyclic timers, TCP's, and lwIP 2.2 mDNS per netif (%u) 1 + 5 per IP version + stored truncated "
             "questions; each of the script's %u mDNS removals can leave 3 per IP version armed "
             "(mdns_resp_remove_netif cancels only mdns_probe_and_announce) and later sends keep them alive, "
             "so all are counted; no SNTP or other timer-using app in the script",
             s->mdns_netifs, s->mdns_removals);
  }
  if (mdns && v22) {
    /* The removal term grows with the script: say so, per reload. */
    long long ipv = OPT("LWIP_IPV4", 1) + OPT("LWIP_IPV6", 0);
    b->reloads = (int32_t)s->mdns_removals;
    snprintf(b->formula, sizeof b->formula,
             "%zu cyclic + %d TCP + %u probe + 5 per IP version (%lld) per mDNS netif (%u) + %lld stored questions + "
             "3 per IP version per reload still armed (%u reloads): %u",
             in->n_cyclic_timers - first,
             tcp && (s->http_listen || s->tcp_connects || s->http_gets || s->mqtt_connects) ? 1 : 0, s->mdns_netifs,
             ipv, s->mdns_netifs, OPT("MDNS_MAX_STORED_PKTS", 4), s->mdns_removals, b->value);
  }
  return 1;
}
