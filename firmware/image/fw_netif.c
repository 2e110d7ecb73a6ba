/* The firmware's netifs: the host runner's (sim/stack/netif/device_netifs.c,
 * the station and, with [device] ap_mac, the access point, as a CYW43 Pico W
 * driver adds them) with a linkoutput into the mailbox. The receive
 * filter's decision, the flow rewriter and the transmit match stay on the
 * host (sim/stack/target: they are lwIP-independent and run beside the
 * emulator); the chip sees only frames meant for it, as behind a real NIC's
 * filter. What the host's filter needs from lwIP (the multicast groups the
 * station joined, its state and address for the neighbour answers) the chip
 * leaves in the mailbox's `out` after every doorbell. The access point's
 * frames go to the host marked as the AP's, which counts and writes them
 * out but never matches them against the capture (the station's). */
#include "fw_netif.h"

#include <string.h>

#include "fw_mailbox.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "replay/frame_class.h"
#include "stack/netif/device_netifs.h"
#include "stack/state/run_state.h"

_Static_assert(LWIPSIM_FW_MCAST == LWIPSIM_MAX_MCAST,
               "fw_protocol.h: LWIPSIM_FW_MCAST is frame_class.h's LWIPSIM_MAX_MCAST");

/* The host takes the frames in tx (status TX_FULL until it has): a frame
 * sent is never dropped, and the host sees them in lwIP's order. */
static void wait_tx_room(struct lwipsim_fw_mailbox *m)
{
  m->status = LWIPSIM_FW_TX_FULL;
  while (m->status == LWIPSIM_FW_TX_FULL) {
    LWIPSIM_FW_WAIT();
  }
}

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
  struct lwipsim_fw_mailbox *m = &lwipsim_fw_mailbox;
  int ap = netif == lwipsim_netifs_get(LWIPSIM_STATE_AP);
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

struct netif *lwipsim_fw_netif_add(const uint8_t mac[6]) { return lwipsim_netifs_add_sta(mac, linkoutput); }

struct netif *lwipsim_fw_netif_add_ap(const uint8_t mac[6]) { return lwipsim_netifs_add_ap(mac); }

int lwipsim_fw_netif_readd(int itf) { return lwipsim_netifs_readd(itf); }

int lwipsim_fw_netif_input(struct netif *netif, const uint8_t *frame, size_t len)
{
  if (len > LWIPSIM_FW_FRAME_MAX) {
    return 0;
  }
  struct pbuf *p = lwipsim_netifs_rx_pbuf(frame, (u16_t)len);
  if (p == NULL) {
    return 0;
  }
  /* said before lwIP reads it: a frame lwIP sends in answer may reach the
   * host (TX_FULL) before this doorbell ends, and the host's --pcapng-out
   * puts the received frame first, as the host runner does */
  lwipsim_fw_mailbox.out.rx_result = 1;
  lwipsim_netifs_rx_input(netif, p);
  return 1;
}

void lwipsim_fw_netif_export(struct lwipsim_fw_out *out)
{
  struct netif *sta = lwipsim_netifs_get(LWIPSIM_STATE_STA);
  const struct lwipsim_mac_filter *filter = lwipsim_netifs_sta_filter();
  out->netif_flags = (netif_is_up(sta) ? 1u : 0u) | (netif_is_link_up(sta) ? 2u : 0u);
#if LWIP_IPV4
  memcpy(out->ip4, netif_ip4_addr(sta), 4);
  memcpy(out->ip4 + 4, netif_ip4_netmask(sta), 4);
  memcpy(out->ip4 + 8, netif_ip4_gw(sta), 4);
#else
  memset(out->ip4, 0, sizeof out->ip4);
#endif
  out->accept_all_multicast = (uint32_t)filter->accept_all_multicast;
  out->n_groups = (uint32_t)filter->n_groups;
  memcpy(out->groups, filter->groups, sizeof out->groups);
}
