#include "stack/device/device.h"

#include <string.h>

#include "lwip/dhcp.h"
#include "lwip/igmp.h"
#include "lwip/netif.h"
#include "lwip/opt.h"
#include "scenario/scenario.h"
#include "stack/device/http_client.h"
#include "stack/device/http_server.h"
#include "stack/device/mdns_app.h"
#include "stack/device/mqtt_app.h"
#include "stack/device/net_services.h"
#include "stack/device/tcp_client.h"
#include "stack/device/udp_app.h"
#include "stack/state/events.h"

static struct netif *dev;
/* The script, for its "on EVENT" actions; the edges seen so far. */
static const struct lwipsim_scenario *script;
static int was_bound, was_link_up;
/* What a reload brings back: the last mdns-start and http-listen. */
static struct lwipsim_action last_mdns;
static int have_mdns;

void lwipsim_device_init(struct netif *netif)
{
  dev = netif;
  have_mdns = 0;
  lwipsim_udp_reset();
  lwipsim_mqtt_reset();
}

#if LWIP_IPV4
static int set_static(const struct lwipsim_action *a)
{
  ip4_addr_t ip, mask, gw;
  IP4_ADDR(&ip, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  IP4_ADDR(&gw, a->gw[0], a->gw[1], a->gw[2], a->gw[3]);
  uint32_t m = a->prefix_len ? 0xffffffffu << (32 - a->prefix_len) : 0;
  ip4_addr_set_u32(&mask, lwip_htonl(m));
  netif_set_addr(dev, &ip, &mask, &gw);
  return 0;
}
#endif

/* igmp-join / igmp-leave: the group on the device's netif. The IGMP_GROUP
 * pool also holds the all-systems group 224.0.0.1, joined at netif-up. */
static int igmp_group(const struct lwipsim_action *a)
{
#if LWIP_IPV4 && LWIP_IGMP
  ip4_addr_t group;
  IP4_ADDR(&group, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  int join = a->kind == LWIPSIM_ACT_IGMP_JOIN;
  err_t err = join ? igmp_joingroup_netif(dev, &group) : igmp_leavegroup_netif(dev, &group);
  if (err != ERR_OK) {
    lwipsim_event_add("device: %s %u.%u.%u.%u failed (err %d)", join ? "igmp-join" : "igmp-leave", a->addr[0],
                      a->addr[1], a->addr[2], a->addr[3], (int)err);
    return -1;
  }
  return 0;
#else
  (void)a;
  return -1;
#endif
}

static int reload(void)
{
  /* CircuitPython's soft reboot: objects are deinitialised (mDNS removed from
   * the netif, listening socket closed), then code.py builds them again. */
  struct lwipsim_http_options http = *lwipsim_http_options();
  int had_http = lwipsim_http_listening();
  lwipsim_mdns_stop(dev);
  lwipsim_http_close();
  int rc = 0;
  if (have_mdns && lwipsim_mdns_start(dev, &last_mdns) != 0) {
    rc = -1;
  }
  if (had_http && lwipsim_http_listen(&http) != 0) {
    rc = -1;
  }
  return rc;
}

int lwipsim_device_run(const struct lwipsim_action *a)
{
  lwipsim_event_add("device: %s", lwipsim_action_name(a->kind));
  switch (a->kind) {
  case LWIPSIM_ACT_NETIF_UP:
    netif_set_link_up(dev);
    netif_set_up(dev);
    return 0;
  case LWIPSIM_ACT_NETIF_DOWN:
    netif_set_down(dev);
    netif_set_link_down(dev);
    return 0;
  case LWIPSIM_ACT_STATIC:
#if LWIP_IPV4
    return set_static(a);
#else
    return -1;
#endif
  case LWIPSIM_ACT_DHCP:
#if LWIP_IPV4 && LWIP_DHCP
    return dhcp_start(dev) == ERR_OK ? 0 : -1;
#else
    lwipsim_event_add("device: profile has no DHCP");
    return -1;
#endif
  case LWIPSIM_ACT_IPV6_LINKLOCAL:
#if LWIP_IPV6
    if (a->on) {
      netif_create_ip6_linklocal_address(dev, 1);
    } else {
      netif_ip6_addr_set_state(dev, 0, IP6_ADDR_INVALID);
    }
    return 0;
#else
    lwipsim_event_add("device: profile has LWIP_IPV6 0");
    return -1;
#endif
  case LWIPSIM_ACT_MDNS_START:
    last_mdns = *a;
    have_mdns = 1;
    return lwipsim_mdns_start(dev, a);
  case LWIPSIM_ACT_MDNS_STOP:
    lwipsim_mdns_stop(dev);
    have_mdns = 0;
    return 0;
  case LWIPSIM_ACT_HTTP_LISTEN:
    return lwipsim_http_listen(&(struct lwipsim_http_options){
        .port = a->port, .page_bytes = a->page_bytes, .keepalive = a->keepalive, .retry_on_mem = a->retry_on_mem });
  case LWIPSIM_ACT_HTTP_CLOSE: lwipsim_http_close(); return 0;
  case LWIPSIM_ACT_RELOAD: return reload();
  case LWIPSIM_ACT_TCP_CONNECT: return lwipsim_tcp_client_connect(a->addr, a->port);
  case LWIPSIM_ACT_LINK_DOWN: netif_set_link_down(dev); return 0;
  case LWIPSIM_ACT_LINK_UP: netif_set_link_up(dev); return 0;
  case LWIPSIM_ACT_UDP_LISTEN: return lwipsim_udp_listen(a->port);
  case LWIPSIM_ACT_UDP_CLOSE: return lwipsim_udp_close(a->port);
  case LWIPSIM_ACT_UDP_SEND: return lwipsim_udp_send(a);
  case LWIPSIM_ACT_IGMP_JOIN:
  case LWIPSIM_ACT_IGMP_LEAVE: return igmp_group(a);
  case LWIPSIM_ACT_DNS_SERVER: return lwipsim_dns_server(a);
  case LWIPSIM_ACT_DNS_LOOKUP: return lwipsim_dns_lookup(a);
  case LWIPSIM_ACT_SNTP_START: return lwipsim_sntp_start(a);
  case LWIPSIM_ACT_SNTP_STOP: return lwipsim_sntp_stop();
  case LWIPSIM_ACT_HTTP_GET: return lwipsim_http_get(a);
  case LWIPSIM_ACT_MQTT_CONNECT: return lwipsim_mqtt_connect(a);
  case LWIPSIM_ACT_MQTT_PUBLISH: return lwipsim_mqtt_publish(a);
  case LWIPSIM_ACT_MQTT_DISCONNECT: return lwipsim_mqtt_disconnect();
  }
  return -1;
}

void lwipsim_device_set_script(const struct lwipsim_scenario *sc)
{
  script = sc;
  was_bound = was_link_up = 0;
}

/* Runs every "on EVENT" action of the script for that event, in file order. */
static void run_triggered(enum lwipsim_trigger trigger)
{
  for (size_t i = 0; script != NULL && i < script->n_actions; i++) {
    if (script->actions[i].trigger == trigger) {
      lwipsim_device_run(&script->actions[i]);
    }
  }
}

/* Firmware that waits for the network ("once connected, ...") reacts on its
 * main loop to what lwIP did: DHCP bound an address, the link came up. Each
 * rising edge runs the script's actions for that event. */
static void check_events(void)
{
  if (dev == NULL) {
    return;
  }
  int link_up = netif_is_link_up(dev) ? 1 : 0;
  if (link_up && !was_link_up) {
    was_link_up = 1;
    run_triggered(LWIPSIM_TRIGGER_LINK_UP);
  }
  was_link_up = link_up;
#if LWIP_IPV4 && LWIP_DHCP
  int bound = dhcp_supplied_address(dev) ? 1 : 0;
  if (bound && !was_bound) {
    was_bound = 1;
    run_triggered(LWIPSIM_TRIGGER_DHCP_BOUND);
  }
  was_bound = bound;
#endif
}

void lwipsim_device_poll(void)
{
  check_events();
  lwipsim_http_poll();
  lwipsim_mqtt_poll();
}
