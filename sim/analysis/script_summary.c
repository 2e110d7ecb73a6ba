#include "analysis/script_summary.h"

#include <string.h>

#include "scenario/scenario.h"

void lwipsim_script_summarize(const struct lwipsim_scenario *sc, struct lwipsim_script_summary *out)
{
  memset(out, 0, sizeof *out);
  int mdns_wanted = 0; /* device.c's have_mdns: a reload brings mDNS back */
  int mdns_active = 0; /* mdns_app.c's active: the netif is added to the responder */
  uint32_t listeners = 0, groups = 0;
  for (size_t i = 0; i < sc->n_actions; i++) {
    if (sc->actions[i].trigger != LWIPSIM_TRIGGER_TIME &&
        (sc->actions[i].kind == LWIPSIM_ACT_HTTP_GET || sc->actions[i].kind == LWIPSIM_ACT_TCP_CONNECT ||
         sc->actions[i].kind == LWIPSIM_ACT_MQTT_CONNECT)) {
      out->event_connections = 1;
    }
    switch (sc->actions[i].kind) {
    case LWIPSIM_ACT_MDNS_START:
      /* A second start while active renames the netif: no removal. */
      mdns_wanted = mdns_active = 1;
      out->mdns_netifs = 1;
      break;
    case LWIPSIM_ACT_MDNS_STOP:
      out->mdns_removals += (uint32_t)mdns_active;
      mdns_wanted = mdns_active = 0;
      break;
    case LWIPSIM_ACT_RELOAD:
      out->mdns_removals += (uint32_t)mdns_active;
      mdns_active = mdns_wanted;
      break;
    case LWIPSIM_ACT_DHCP: out->dhcp = 1; break;
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
      if (sc->actions[i].time_ms == sc->actions[i].first_ms) {
        out->udp_senders++;
      }
      break;
    case LWIPSIM_ACT_IGMP_JOIN:
      groups++;
      out->igmp_groups = groups > out->igmp_groups ? groups : out->igmp_groups;
      break;
    case LWIPSIM_ACT_IGMP_LEAVE: groups -= groups > 0; break;
    case LWIPSIM_ACT_SNTP_START:
      out->sntp = 1;
      out->dns_lookups |= sc->actions[i].name[0] != '\0';
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
    case LWIPSIM_ACT_STATIC:
    case LWIPSIM_ACT_IPV6_LINKLOCAL:
    case LWIPSIM_ACT_HTTP_CLOSE: break;
    }
  }
}
