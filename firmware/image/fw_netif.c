/* The firmware's Ethernet netif. The receive filter, the flow rewriter and
 * the transmit match stay on the host (they are lwIP-independent and run
 * beside the emulator); the chip sees only frames meant for it, as behind a
 * real NIC's filter. */
#include "fw_netif.h"

#include <string.h>

#include "fw_mailbox.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "stack/state/run_state.h"

static struct netif device_netif;
static uint8_t device_mac[6];

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
  (void)netif;
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  lwipsim_state->frames.transmitted++;
  if (m->tx_count >= LWIPSIM_FW_TX_FRAMES) {
    m->tx_dropped++;
    return ERR_OK; /* the host sees the count; lwIP sees a sent frame, as on a busy link */
  }
  struct lwipsim_fw_frame *f = &m->tx[m->tx_count++];
  f->len = pbuf_copy_partial(p, f->data, LWIPSIM_FW_FRAME_MAX, 0);
  return ERR_OK;
}

static err_t init_netif(struct netif *netif)
{
  netif->name[0] = 'w';
  netif->name[1] = 'l';
  netif->mtu = 1500;
  netif->hwaddr_len = ETH_HWADDR_LEN;
  memcpy(netif->hwaddr, device_mac, 6);
  /* What the CYW43 driver of a Pico W sets (as sim/stack/netif/replay_netif.c). */
  netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
#if LWIP_IPV4
  netif->output = etharp_output;
#endif
#if LWIP_IPV6
  netif->output_ip6 = ethip6_output;
#endif
  netif->linkoutput = linkoutput;
#if LWIP_IPV4 && LWIP_IGMP
  netif->flags |= NETIF_FLAG_IGMP;
#endif
#if LWIP_IPV6 && LWIP_IPV6_MLD
  netif->flags |= NETIF_FLAG_MLD6;
#endif
  return ERR_OK;
}

struct netif *lwipsim_fw_netif_add(const uint8_t mac[6])
{
  memcpy(device_mac, mac, 6);
#if LWIP_IPV4
  if (netif_add(&device_netif, NULL, NULL, NULL, NULL, init_netif, ethernet_input) == NULL) {
#else
  if (netif_add(&device_netif, NULL, init_netif, ethernet_input) == NULL) {
#endif
    return NULL;
  }
  netif_set_default(&device_netif);
  return &device_netif;
}

void lwipsim_fw_netif_input(struct netif *netif, const uint8_t *frame, size_t len)
{
  struct lwipsim_run_state *s = lwipsim_state;
  s->frames.read++;
  if (len > LWIPSIM_FW_FRAME_MAX) {
    s->frames.malformed++;
    return;
  }
  struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
  if (p == NULL) {
    s->frames.dropped_no_pbuf++;
    return;
  }
  pbuf_take(p, frame, (u16_t)len);
  s->frames.injected++;
  if (netif->input(p, netif) != ERR_OK) {
    pbuf_free(p);
  }
}
