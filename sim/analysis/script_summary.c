#include "analysis/script_summary.h"

#include <string.h>

#include "scenario/scenario.h"

void lwipsim_script_summarize(const struct lwipsim_scenario *sc, struct lwipsim_script_summary *out)
{
  memset(out, 0, sizeof *out);
  out->interfaces = sc->has_ap_mac ? 2 : 1;
  /* per interface (enum lwipsim_interface), as device.c and mdns_app.c keep them */
  int mdns_wanted[LWIPSIM_N_INTERFACES] = { 0 }; /* device.c's have_mdns: a reload brings mDNS back */
  int mdns_active[LWIPSIM_N_INTERFACES] = { 0 }; /* mdns_app.c: the netif is added to the responder */
  int mdns_ever[LWIPSIM_N_INTERFACES] = { 0 }, dhcp_ever[LWIPSIM_N_INTERFACES] = { 0 };
  uint32_t listeners = 0, groups = 0;
  for (size_t i = 0; i < sc->n_actions; i++) {
    const struct lwipsim_action *a = &sc->actions[i];
    int itf = a->itf;
    if (a->trigger != LWIPSIM_TRIGGER_TIME && (a->kind == LWIPSIM_ACT_HTTP_GET || a->kind == LWIPSIM_ACT_TCP_CONNECT ||
                                               a->kind == LWIPSIM_ACT_MQTT_CONNECT)) {
      out->event_connections = 1;
    }
    switch (a->kind) {
    case LWIPSIM_ACT_MDNS_START:
      /* A second start while active renames the netif: no removal. */
      mdns_wanted[itf] = mdns_active[itf] = 1;
      mdns_ever[itf] = 1;
      break;
    case LWIPSIM_ACT_MDNS_STOP:
      out->mdns_removals += (uint32_t)mdns_active[itf];
      mdns_wanted[itf] = mdns_active[itf] = 0;
      break;
    case LWIPSIM_ACT_RELOAD:
      for (int k = 0; k < LWIPSIM_N_INTERFACES; k++) {
        out->mdns_removals += (uint32_t)mdns_active[k];
        mdns_active[k] = mdns_wanted[k];
      }
      break;
    case LWIPSIM_ACT_NETIF_ADD:
      /* netif_add clears the client data: the responder on this netif is
       * abandoned with its timers armed, and the next start adds a new one */
      out->mdns_removals += (uint32_t)mdns_active[itf];
      mdns_active[itf] = 0;
      break;
    case LWIPSIM_ACT_DHCP:
      out->dhcp = 1;
      dhcp_ever[itf] = 1;
      break;
    case LWIPSIM_ACT_HTTP_LISTEN: out->http_listen = 1; break;
    case LWIPSIM_ACT_TCP_CONNECT: out->tcp_connects++; break;
    case LWIPSIM_ACT_HTTP_GET: out->http_gets++; break;
    case LWIPSIM_ACT_UDP_LISTEN:
      listeners++;
      out->udp_listeners = listeners > out->udp_listeners ? listeners : out->udp_listeners;
      break;
    case LWIPSIM_ACT_UDP_CLOSE: listeners -= listeners > 0; break;
    case LWIPSIM_ACT_UDP_SEND:
      /* repeats of one line share its PCB: count the written line only
       * (a repeat's time is past its line's first_ms) */
      if (a->time_ms == a->first_ms) {
        out->udp_senders++;
      }
      break;
    case LWIPSIM_ACT_IGMP_JOIN:
      /* counted over both interfaces: each netif has its own group list */
      groups++;
      out->igmp_groups = groups > out->igmp_groups ? groups : out->igmp_groups;
      break;
    case LWIPSIM_ACT_IGMP_LEAVE: groups -= groups > 0; break;
    case LWIPSIM_ACT_SNTP_START:
      out->sntp = 1;
      out->dns_lookups |= a->name[0] != '\0';
      break;
    case LWIPSIM_ACT_DNS_LOOKUP: out->dns_lookups = 1; break;
    case LWIPSIM_ACT_MQTT_CONNECT:
      /* mqtt_app.c keeps one client: a connect while it is connecting or
       * connected is refused (ERR_ISCONN) and opens nothing */
      out->mqtt_connects++;
      out->mqtt_clients = 1;
      break;
    case LWIPSIM_ACT_MQTT_PUBLISH:
    case LWIPSIM_ACT_MQTT_DISCONNECT:
    case LWIPSIM_ACT_SNTP_STOP:
    case LWIPSIM_ACT_DNS_SERVER:
    case LWIPSIM_ACT_LINK_DOWN:
    case LWIPSIM_ACT_LINK_UP:
    case LWIPSIM_ACT_NETIF_UP:
    case LWIPSIM_ACT_NETIF_DOWN:
    case LWIPSIM_ACT_NETIF_REMOVE: /* netif_remove leaves mDNS and DHCP attached */
    case LWIPSIM_ACT_STATIC:
    case LWIPSIM_ACT_IPV6_LINKLOCAL:
    case LWIPSIM_ACT_HTTP_CLOSE: break;
    }
  }
  for (int k = 0; k < LWIPSIM_N_INTERFACES; k++) {
    out->mdns_netifs += (uint32_t)mdns_ever[k];
    out->dhcp_netifs += (uint32_t)dhcp_ever[k];
  }
}
