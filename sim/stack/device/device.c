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
#include "stack/state/run_state.h"

/* The station netif (index LWIPSIM_ITF_STA) and, with [device] ap_mac, the
 * access point's; dev is the station's, which the events watch. */
static struct netif *netifs[LWIPSIM_N_INTERFACES];
static struct netif *dev;
static int present[LWIPSIM_N_INTERFACES]; /* on lwIP's netif list (netif-remove / netif-add) */
static lwipsim_device_readd_fn readd;
/* The script's actions, for its "on EVENT" ones (the host runner's whole
 * script, or the emulated chip's copy of the event actions alone); the
 * edges seen so far. */
static const struct lwipsim_action *script;
static size_t n_script;
static size_t n_on_event; /* the script's "on EVENT" actions: none, nothing to watch */
static int was_bound, was_link_up;
/* What a reload brings back: the last mdns-start per interface, and the
 * listener (http_server keeps its options). */
static struct lwipsim_action last_mdns[LWIPSIM_N_INTERFACES];
static int have_mdns[LWIPSIM_N_INTERFACES];

void lwipsim_device_init(struct netif *netif)
{
  memset(netifs, 0, sizeof netifs);
  memset(present, 0, sizeof present);
  memset(have_mdns, 0, sizeof have_mdns);
  netifs[LWIPSIM_ITF_STA] = dev = netif;
  present[LWIPSIM_ITF_STA] = 1;
  readd = NULL;
  lwipsim_udp_reset();
  lwipsim_mqtt_reset();
}

void lwipsim_device_set_interface(enum lwipsim_interface itf, struct netif *netif)
{
  netifs[itf] = netif;
  present[itf] = netif != NULL;
}

void lwipsim_device_set_readd(lwipsim_device_readd_fn fn) { readd = fn; }

/* The action's interface: the parser refuses "on ap" without ap_mac, and
 * the engine adds the AP netif whenever ap_mac is set. */
static struct netif *netif_of(const struct lwipsim_action *a) { return netifs[a->itf]; }

#if LWIP_IPV4
static int set_static(struct netif *n, const struct lwipsim_action *a)
{
  ip4_addr_t ip, mask, gw;
  IP4_ADDR(&ip, a->addr[0], a->addr[1], a->addr[2], a->addr[3]);
  IP4_ADDR(&gw, a->gw[0], a->gw[1], a->gw[2], a->gw[3]);
  uint32_t m = a->prefix_len ? 0xffffffffu << (32 - a->prefix_len) : 0;
  ip4_addr_set_u32(&mask, lwip_htonl(m));
  netif_set_addr(n, &ip, &mask, &gw);
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
  struct netif *n = netif_of(a);
  err_t err = join ? igmp_joingroup_netif(n, &group) : igmp_leavegroup_netif(n, &group);
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
  for (int i = 0; i < LWIPSIM_N_INTERFACES; i++) {
    if (netifs[i] != NULL) {
      lwipsim_mdns_stop(netifs[i]);
    }
  }
  lwipsim_http_close();
  int rc = 0;
  for (int i = 0; i < LWIPSIM_N_INTERFACES; i++) {
    if (have_mdns[i] && lwipsim_mdns_start(netifs[i], &last_mdns[i]) != 0) {
      rc = -1;
    }
  }
  if (had_http && lwipsim_http_listen(&http) != 0) {
    rc = -1;
  }
  return rc;
}

/* netif-remove: lwIP's netif_remove and nothing else. What lwIP leaves
 * (timers armed with the netif as argument, the mDNS and DHCP state in its
 * client data, DHCP's share of the UDP PCB) stays as lwIP leaves it; the
 * probe shows it. Like cyw43-driver's deinit, only a netif on lwIP's list
 * is removed (netif_remove of a netif not on it still runs its callbacks). */
static int netif_remove_action(const struct lwipsim_action *a)
{
  if (!present[a->itf]) {
    lwipsim_event_add("device: netif-remove on %s: not added", lwipsim_interface_name(a->itf));
    return -1;
  }
  netif_remove(netif_of(a));
  present[a->itf] = 0;
  lwipsim_state->interfaces.removed[a->itf]++;
  return 0;
}

/* netif-add: netif_add again with the boot configuration (the netif layer's
 * init function), as a driver re-adds its interface; the script brings it
 * up and configures it. netif_add clears the client data, so mDNS on this
 * netif starts over at the next mdns-start (netif_add on a netif still on
 * the list would corrupt it: lwIP only asserts, netif.c:410). */
static int netif_add_action(const struct lwipsim_action *a)
{
  if (present[a->itf] || readd == NULL) {
    lwipsim_event_add("device: netif-add on %s: already added", lwipsim_interface_name(a->itf));
    return -1;
  }
  if (readd(a->itf) != 0) {
    lwipsim_event_add("device: netif-add on %s: netif_add failed", lwipsim_interface_name(a->itf));
    return -1;
  }
  present[a->itf] = 1;
  lwipsim_mdns_forget(netif_of(a));
  lwipsim_state->interfaces.added[a->itf]++;
  return 0;
}

int lwipsim_device_run(const struct lwipsim_action *a)
{
  struct netif *n = netif_of(a);
  if (a->itf_given) {
    lwipsim_event_add("device: %s on %s", lwipsim_action_name(a->kind), lwipsim_interface_name(a->itf));
  } else {
    lwipsim_event_add("device: %s", lwipsim_action_name(a->kind));
  }
  if (n == NULL) {
    lwipsim_event_add("device: no %s interface", lwipsim_interface_name(a->itf));
    return -1;
  }
  switch (a->kind) {
  case LWIPSIM_ACT_NETIF_UP:
    netif_set_link_up(n);
    netif_set_up(n);
    return 0;
  case LWIPSIM_ACT_NETIF_DOWN:
    netif_set_down(n);
    netif_set_link_down(n);
    return 0;
  case LWIPSIM_ACT_STATIC:
#if LWIP_IPV4
    return set_static(n, a);
#else
    return -1;
#endif
  case LWIPSIM_ACT_DHCP:
#if LWIP_IPV4 && LWIP_DHCP
    return dhcp_start(n) == ERR_OK ? 0 : -1;
#else
    lwipsim_event_add("device: profile has no DHCP");
    return -1;
#endif
  case LWIPSIM_ACT_IPV6_LINKLOCAL:
#if LWIP_IPV6
    if (a->on) {
      netif_create_ip6_linklocal_address(n, 1);
    } else {
      netif_ip6_addr_set_state(n, 0, IP6_ADDR_INVALID);
    }
    return 0;
#else
    lwipsim_event_add("device: profile has LWIP_IPV6 0");
    return -1;
#endif
  case LWIPSIM_ACT_MDNS_START:
    last_mdns[a->itf] = *a;
    have_mdns[a->itf] = 1;
    return lwipsim_mdns_start(n, a);
  case LWIPSIM_ACT_MDNS_STOP:
    lwipsim_mdns_stop(n);
    have_mdns[a->itf] = 0;
    return 0;
  case LWIPSIM_ACT_HTTP_LISTEN:
    /* without "on", a socket bound to 0.0.0.0: every netif's connections */
    return lwipsim_http_listen(&(struct lwipsim_http_options){ .port = a->port,
                                                               .page_bytes = a->page_bytes,
                                                               .keepalive = a->keepalive,
                                                               .retry_on_mem = a->retry_on_mem,
                                                               .netif = a->itf_given ? n : NULL });
  case LWIPSIM_ACT_HTTP_CLOSE: lwipsim_http_close(); return 0;
  case LWIPSIM_ACT_RELOAD: return reload();
  case LWIPSIM_ACT_TCP_CONNECT: return lwipsim_tcp_client_connect(a->addr, a->port);
  case LWIPSIM_ACT_LINK_DOWN: netif_set_link_down(n); return 0;
  case LWIPSIM_ACT_LINK_UP: netif_set_link_up(n); return 0;
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
  case LWIPSIM_ACT_NETIF_REMOVE: return netif_remove_action(a);
  case LWIPSIM_ACT_NETIF_ADD: return netif_add_action(a);
  case LWIPSIM_ACT_MQTT_CONNECT: return lwipsim_mqtt_connect(a);
  case LWIPSIM_ACT_MQTT_PUBLISH: return lwipsim_mqtt_publish(a);
  case LWIPSIM_ACT_MQTT_DISCONNECT: return lwipsim_mqtt_disconnect();
  }
  return -1;
}

void lwipsim_device_set_actions(const struct lwipsim_action *actions, size_t n)
{
  script = actions;
  n_script = actions != NULL ? n : 0;
  n_on_event = 0;
  for (size_t i = 0; i < n_script; i++) {
    n_on_event += script[i].trigger != LWIPSIM_TRIGGER_TIME;
  }
  was_bound = was_link_up = 0;
}

void lwipsim_device_set_script(const struct lwipsim_scenario *sc)
{
  lwipsim_device_set_actions(sc != NULL ? sc->actions : NULL, sc != NULL ? sc->n_actions : 0);
}

/* Runs every "on EVENT" action of the script for that event, in file order. */
static void run_triggered(enum lwipsim_trigger trigger)
{
  for (size_t i = 0; i < n_script; i++) {
    if (script[i].trigger == trigger) {
      lwipsim_device_run(&script[i]);
    }
  }
}

/* Firmware that waits for the network ("once connected, ...") reacts on its
 * main loop to what lwIP did: DHCP bound an address, the link came up. Each
 * rising edge runs the script's actions for that event. */
static void check_events(void)
{
  if (dev == NULL || n_on_event == 0) {
    return; /* every turn comes here: a script without events asks nothing of lwIP */
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
