#include "analysis/script_summary.h"

#include <string.h>

#include "scenario/scenario.h"

void lwipsim_script_summarize(const struct lwipsim_scenario *sc, struct lwipsim_script_summary *out)
{
  memset(out, 0, sizeof *out);
  int mdns_wanted = 0; /* device.c's have_mdns: a reload brings mDNS back */
  int mdns_active = 0; /* mdns_app.c's active: the netif is added to the responder */
  for (size_t i = 0; i < sc->n_actions; i++) {
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
    case LWIPSIM_ACT_NETIF_UP:
    case LWIPSIM_ACT_NETIF_DOWN:
    case LWIPSIM_ACT_STATIC:
    case LWIPSIM_ACT_IPV6_LINKLOCAL:
    case LWIPSIM_ACT_HTTP_CLOSE:
      break;
    }
  }
}
