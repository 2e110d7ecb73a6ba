/* The firmware's Ethernet netif. The receive filter's decision, the flow
 * rewriter and the transmit match stay on the host (sim/stack/target: they
 * are lwIP-independent and run beside the emulator); the chip sees only
 * frames meant for it, as behind a real NIC's filter. What the host's filter
 * needs from lwIP (the multicast groups it joined, the netif's state and
 * address for the neighbour answers) the chip leaves in the mailbox's `out`
 * after every doorbell. With [device] ap_mac a second netif, the access
 * point, as the host runner's (sim/stack/netif/replay_netif.c): its own
 * receive filter, never the default netif, no captured input; its frames go
 * to the host marked as the AP's, which counts and writes them out but
 * never matches them against the capture. */
#include "fw_netif.h"

#include <string.h>

#include "fw_mailbox.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/igmp.h"
#include "lwip/mld6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "replay/frame_class.h"
#include "stack/state/run_state.h"

_Static_assert(LWIPSIM_FW_MCAST == LWIPSIM_MAX_MCAST,
               "fw_protocol.h: LWIPSIM_FW_MCAST is frame_class.h's LWIPSIM_MAX_MCAST");

static struct netif device_netif, ap_netif;
/* The receive filter's state, kept by the same code as on the host
 * (sim/replay/frame_class.c); the station's is handed over in the mailbox. */
static struct lwipsim_mac_filter filter, ap_filter;
static int have_ap;

static struct lwipsim_mac_filter *filter_of(const struct netif *netif)
{
  return netif == &ap_netif ? &ap_filter : &filter;
}

/* The host takes the frames in tx (status TX_FULL until it has): a frame
 * sent is never dropped, and the host sees them in lwIP's order. */
static void wait_tx_room(struct lwipsim_fw_mailbox *m)
{
  m->status = LWIPSIM_FW_TX_FULL;
  while (m->status == LWIPSIM_FW_TX_FULL) {
    __asm__ volatile("wfi");
  }
}

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  int ap = netif == &ap_netif;
  /* the host keeps the record's frame counts; these are the chip's own */
  if (ap) {
    lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_AP]++;
  } else {
    lwipsim_state->frames.transmitted++;
    lwipsim_state->interfaces.transmitted[LWIPSIM_STATE_STA]++;
  }
  if (m->out.tx_count >= LWIPSIM_FW_TX_FRAMES) {
    wait_tx_room(m);
  }
  struct lwipsim_fw_frame *f = &m->tx[m->out.tx_count++];
  f->itf = ap ? LWIPSIM_STATE_AP : LWIPSIM_STATE_STA;
  f->event_head = lwipsim_state->event_head;
  f->len = pbuf_copy_partial(p, f->data, LWIPSIM_FW_FRAME_MAX, 0);
  return ERR_OK;
}

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
  netif->mtu = 1500;
  netif->hwaddr_len = ETH_HWADDR_LEN;
  memcpy(netif->hwaddr, f->device, 6);
  /* What the CYW43 driver of a Pico W sets (as sim/stack/netif/replay_netif.c). */
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

/* netif_add with the boot configuration; the filter starts empty, as the
 * groups went with netif_remove (as replay_netif.c's add_netif). */
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
  if (netif == &device_netif) {
    netif_set_default(netif);
  }
  return 0;
}

struct netif *lwipsim_fw_netif_add(const uint8_t mac[6])
{
  memcpy(filter.device, mac, 6);
  lwipsim_state->interfaces.count = 1;
  memcpy(lwipsim_state->interfaces.mac[LWIPSIM_STATE_STA], mac, 6);
  return add_netif(&device_netif) == 0 ? &device_netif : NULL;
}

struct netif *lwipsim_fw_netif_add_ap(const uint8_t mac[6])
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

int lwipsim_fw_netif_readd(int itf)
{
  if (itf == LWIPSIM_STATE_AP && !have_ap) {
    return -1;
  }
  return add_netif(itf == LWIPSIM_STATE_AP ? &ap_netif : &device_netif);
}

int lwipsim_fw_netif_input(struct netif *netif, const uint8_t *frame, size_t len)
{
  if (len > LWIPSIM_FW_FRAME_MAX) {
    return 0;
  }
  struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
  if (p == NULL) {
    return 0;
  }
  pbuf_take(p, frame, (u16_t)len);
  /* said before lwIP reads it: a frame lwIP sends in answer may reach the
   * host (TX_FULL) before this doorbell ends, and the host's --pcapng-out
   * puts the received frame first, as the host runner does */
  lwipsim_fw_mailbox.out.rx_result = 1;
  if (netif->input(p, netif) != ERR_OK) {
    pbuf_free(p);
  }
  return 1;
}

void lwipsim_fw_netif_export(struct lwipsim_fw_out *out)
{
  out->netif_flags = (netif_is_up(&device_netif) ? 1u : 0u) | (netif_is_link_up(&device_netif) ? 2u : 0u);
#if LWIP_IPV4
  memcpy(out->ip4, netif_ip4_addr(&device_netif), 4);
  memcpy(out->ip4 + 4, netif_ip4_netmask(&device_netif), 4);
  memcpy(out->ip4 + 8, netif_ip4_gw(&device_netif), 4);
#else
  memset(out->ip4, 0, sizeof out->ip4);
#endif
  out->accept_all_multicast = (uint32_t)filter.accept_all_multicast;
  out->n_groups = (uint32_t)filter.n_groups;
  memcpy(out->groups, filter.groups, sizeof out->groups);
}
