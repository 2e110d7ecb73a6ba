#include "analysis/script_needs.h"

#include "common/error_text.h"

/* The #if around each action's code in sim/device (and lwIP's around the
 * calls it makes). Kept as a switch so a new action cannot be left out. */
const char *const *lwipsim_action_needs(enum lwipsim_action_kind kind)
{
  static const char *const none[] = { NULL };
  static const char *const ipv4[] = { "LWIP_IPV4", NULL };
  /* LWIP_IPV4 first: opt.h turns LWIP_DHCP off without it, and setting
   * LWIP_DHCP alone would not help. */
  static const char *const dhcp[] = { "LWIP_IPV4", "LWIP_DHCP", NULL };
  static const char *const mdns[] = { "LWIP_MDNS_RESPONDER", NULL };
  static const char *const tcp[] = { "LWIP_TCP", NULL };
  static const char *const tcp_client[] = { "LWIP_TCP", "LWIP_IPV4", NULL };
  static const char *const udp[] = { "LWIP_UDP", NULL };
  static const char *const udp_ipv4[] = { "LWIP_UDP", "LWIP_IPV4", NULL };
  static const char *const igmp[] = { "LWIP_IPV4", "LWIP_IGMP", NULL };
  static const char *const dns[] = { "LWIP_IPV4", "LWIP_DNS", NULL };
  switch (kind) {
  case LWIPSIM_ACT_UDP_LISTEN:
  case LWIPSIM_ACT_UDP_CLOSE: return udp;
  case LWIPSIM_ACT_UDP_SEND:
  /* lwIP's SNTP app is UDP; with a server name it also needs DNS and
   * SNTP_SERVER_DNS (lwipsim_script_check_needs checks those) */
  case LWIPSIM_ACT_SNTP_START:
  case LWIPSIM_ACT_SNTP_STOP: return udp_ipv4;
  case LWIPSIM_ACT_IGMP_JOIN:
  case LWIPSIM_ACT_IGMP_LEAVE: return igmp;
  case LWIPSIM_ACT_DNS_SERVER:
  case LWIPSIM_ACT_DNS_LOOKUP: return dns;
  case LWIPSIM_ACT_HTTP_GET:
  /* lwIP's MQTT client (mqtt.c compiles to nothing without LWIP_TCP,
   * 2.2.1 mqtt.c:62) to an IPv4 broker */
  case LWIPSIM_ACT_MQTT_CONNECT:
  case LWIPSIM_ACT_MQTT_PUBLISH:
  case LWIPSIM_ACT_MQTT_DISCONNECT: return tcp_client;
  case LWIPSIM_ACT_LINK_DOWN:
  case LWIPSIM_ACT_LINK_UP: return none;
  case LWIPSIM_ACT_STATIC: return ipv4;
  case LWIPSIM_ACT_DHCP: return dhcp;
  case LWIPSIM_ACT_MDNS_START:
  case LWIPSIM_ACT_MDNS_STOP: return mdns;
  case LWIPSIM_ACT_HTTP_LISTEN:
  case LWIPSIM_ACT_HTTP_CLOSE: return tcp;
  case LWIPSIM_ACT_TCP_CONNECT: return tcp_client;
  /* A dual-stack firmware built with LWIP_IPV6 0 compiles its link-local
   * call out (#if LWIP_IPV6) and runs the rest: the device skips the action
   * and logs it, so one scenario serves IPv4-only and dual-stack builds. */
  case LWIPSIM_ACT_IPV6_LINKLOCAL:
  /* reload rebuilds only what an earlier mdns-start or http-listen built,
   * and those are checked themselves. */
  case LWIPSIM_ACT_RELOAD:
  case LWIPSIM_ACT_NETIF_UP:
  case LWIPSIM_ACT_NETIF_DOWN:
  case LWIPSIM_ACT_NETIF_REMOVE:
  case LWIPSIM_ACT_NETIF_ADD: return none;
  }
  return none;
}

int lwipsim_script_check_needs(const struct lwipsim_scenario *sc, const struct lwipsim_option *opts, size_t n_opts,
                               const char *profile, char *err, size_t errlen)
{
  const struct lwipsim_action *first = NULL;
  const char *missing = NULL;
  /* The script is sorted by time; report the earliest line, as a compiler would. */
  for (size_t i = 0; i < sc->n_actions; i++) {
    const struct lwipsim_action *a = &sc->actions[i];
    if (first != NULL && a->line >= first->line) {
      continue;
    }
    for (const char *const *o = lwipsim_action_needs(a->kind); *o != NULL; o++) {
      if (lwipsim_option_get(opts, n_opts, *o, 1) == 0) {
        first = a;
        missing = *o;
        break;
      }
    }
    /* sntp-start NAME: the SNTP app resolves the name itself. The record lists
     * SNTP_SERVER_DNS only when the header sets it; unset, it is 0. */
    if (first != a && a->kind == LWIPSIM_ACT_SNTP_START && a->name[0] != '\0') {
      if (lwipsim_option_get(opts, n_opts, "LWIP_DNS", 1) == 0) {
        first = a;
        missing = "LWIP_DNS";
      } else if (lwipsim_option_get(opts, n_opts, "SNTP_SERVER_DNS", 0) == 0) {
        first = a;
        missing = "SNTP_SERVER_DNS";
      }
    }
  }
  if (first == NULL) {
    return 0;
  }
  lwipsim_set_err(err, errlen,
                  "%s:%d: %s needs %s, which is 0 in profile %s; use a profile that enables it, or remove the action",
                  sc->path, first->line, lwipsim_action_name(first->kind), missing, profile);
  return -1;
}
