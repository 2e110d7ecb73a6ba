#include "stack/netif/device_netifs.h"

#include <string.h>

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/igmp.h"
#include "lwip/mld6.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "stack/state/run_state.h"

#define MTU 1500

/* One lwIP netif per CYW43 interface. Each has its own receive filter, so a
 * group the AP joins or leaves never changes what the station receives. */
static struct netif sta_netif, ap_netif;
static struct lwipsim_mac_filter sta_filter, ap_filter;
static int have_ap;
static netif_linkoutput_fn linkoutput;

static struct lwipsim_mac_filter *filter_of(const struct netif *netif)
{
  return netif == &ap_netif ? &ap_filter : &sta_filter;
}

/* Only the IGMP and MLD filter callbacks use it: a stack with neither
 * accepts all multicast (init_netif). */
#if (LWIP_IPV4 && LWIP_IGMP) || (LWIP_IPV6 && LWIP_IPV6_MLD)
static void ip_to_mac_filter(struct netif *netif, const uint8_t mac[6], enum netif_mac_filter_action action)
{
  if (action == NETIF_ADD_MAC_FILTER) {
    lwipsim_mac_filter_add(filter_of(netif), mac);
  } else {
    lwipsim_mac_filter_del(filter_of(netif), mac);
  }
}
#endif

#if LWIP_IPV4 && LWIP_IGMP
static err_t igmp_filter(struct netif *netif, const ip4_addr_t *group, enum netif_mac_filter_action action)
{
  /* RFC 1112: 01:00:5e + the low 23 bits of the group */
  uint32_t a = lwip_ntohl(ip4_addr_get_u32(group));
  uint8_t mac[6] = { 0x01, 0x00, 0x5e, (uint8_t)((a >> 16) & 0x7f), (uint8_t)(a >> 8), (uint8_t)a };
  ip_to_mac_filter(netif, mac, action);
  return ERR_OK;
}
#endif

#if LWIP_IPV6 && LWIP_IPV6_MLD
static err_t mld_filter(struct netif *netif, const ip6_addr_t *group, enum netif_mac_filter_action action)
{
  /* RFC 2464: 33:33 + the low 32 bits of the group */
  uint32_t a = lwip_ntohl(group->addr[3]);
  uint8_t mac[6] = { 0x33, 0x33, (uint8_t)(a >> 24), (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a };
  ip_to_mac_filter(netif, mac, action);
  return ERR_OK;
}
#endif

static err_t init_netif(struct netif *netif)
{
  struct lwipsim_mac_filter *f = filter_of(netif);
  /* "wl" for the station, "ap" for the access point */
  netif->name[0] = netif == &ap_netif ? 'a' : 'w';
  netif->name[1] = netif == &ap_netif ? 'p' : 'l';
  netif->mtu = MTU;
  netif->hwaddr_len = ETH_HWADDR_LEN;
  memcpy(netif->hwaddr, f->device, 6);
  /* What the CYW43 driver of a Pico W sets. */
  netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
#if LWIP_IPV4
  netif->output = etharp_output;
#endif
#if LWIP_IPV6
  netif->output_ip6 = ethip6_output;
#endif
  netif->linkoutput = linkoutput;
  f->accept_all_multicast = 1;
#if LWIP_IPV4 && LWIP_IGMP
  netif->flags |= NETIF_FLAG_IGMP;
  netif_set_igmp_mac_filter(netif, igmp_filter);
  f->accept_all_multicast = 0;
#endif
#if LWIP_IPV6 && LWIP_IPV6_MLD
  netif->flags |= NETIF_FLAG_MLD6;
  netif_set_mld_mac_filter(netif, mld_filter);
  f->accept_all_multicast = 0;
  /* all-nodes ff02::1 is never joined through MLD but always received */
  static const uint8_t all_nodes[6] = { 0x33, 0x33, 0, 0, 0, 1 };
  lwipsim_mac_filter_add(f, all_nodes);
#endif
  return ERR_OK;
}

/* netif_add with the interface's boot configuration: no address, down,
 * the flags and callbacks init_netif sets (a firmware's driver re-adds its
 * netif the same way: cyw43-driver's cyw43_cb_tcpip_init). The receive
 * filter starts empty, as the groups went with netif_remove (igmp_stop,
 * mld6_stop call the filter callbacks). The station is the default netif. */
static int add_netif(struct netif *netif)
{
  struct lwipsim_mac_filter *f = filter_of(netif);
  uint8_t mac[6];
  memcpy(mac, f->device, 6);
  memset(f, 0, sizeof *f);
  memcpy(f->device, mac, 6);
#if LWIP_IPV4
  if (netif_add(netif, NULL, NULL, NULL, NULL, init_netif, ethernet_input) == NULL) {
#else
  if (netif_add(netif, NULL, init_netif, ethernet_input) == NULL) {
#endif
    return -1;
  }
  if (netif == &sta_netif) {
    netif_set_default(netif);
  }
  return 0;
}

struct netif *lwipsim_netifs_add_sta(const uint8_t mac[6], netif_linkoutput_fn out)
{
  memset(&sta_filter, 0, sizeof sta_filter);
  memcpy(sta_filter.device, mac, 6);
  linkoutput = out;
  have_ap = 0;
  lwipsim_state->interfaces.count = 1;
  memcpy(lwipsim_state->interfaces.mac[LWIPSIM_STATE_STA], mac, 6);
  return add_netif(&sta_netif) == 0 ? &sta_netif : NULL;
}

struct netif *lwipsim_netifs_add_ap(const uint8_t mac[6])
{
#if LWIP_SINGLE_NETIF
  (void)mac;
  return NULL; /* lwIP keeps one netif only (netif.c:299-304) */
#else
  memset(&ap_filter, 0, sizeof ap_filter);
  memcpy(ap_filter.device, mac, 6);
  if (add_netif(&ap_netif) != 0) {
    return NULL;
  }
  have_ap = 1;
  lwipsim_state->interfaces.count = 2;
  memcpy(lwipsim_state->interfaces.mac[LWIPSIM_STATE_AP], mac, 6);
  return &ap_netif;
#endif
}

int lwipsim_netifs_readd(int itf)
{
  if (itf == LWIPSIM_STATE_AP && !have_ap) {
    return -1;
  }
  return add_netif(itf == LWIPSIM_STATE_AP ? &ap_netif : &sta_netif);
}

struct netif *lwipsim_netifs_get(int itf) { return itf == LWIPSIM_STATE_AP ? &ap_netif : &sta_netif; }

const struct lwipsim_mac_filter *lwipsim_netifs_sta_filter(void) { return &sta_filter; }

struct pbuf *lwipsim_netifs_rx_pbuf(const uint8_t *frame, uint16_t len)
{
  struct pbuf *p = pbuf_alloc(PBUF_RAW, len, PBUF_POOL);
  if (p != NULL) {
    pbuf_take(p, frame, len);
  }
  return p;
}

void lwipsim_netifs_rx_input(struct netif *netif, struct pbuf *p)
{
  if (netif->input(p, netif) != ERR_OK) {
    pbuf_free(p);
  }
}
