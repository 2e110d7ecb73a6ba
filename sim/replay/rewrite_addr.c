/* Device address change: the live stack may hold another IPv4 address than
 * the captured device (a static address, another lease). Unicast IPv4 to the
 * captured address, and ARP asking for or answering it, then goes to the live
 * one. Only the destination: the peers' own addresses are what they were. */
#include "replay/rewrite_priv.h"

#include <string.h>

static const uint8_t zero4[4];

void rw_addr_changed(struct lwipsim_rewriter *rw)
{
  rw->addr_moved = memcmp(rw->cap_ip4, zero4, 4) != 0 && memcmp(rw->live_ip4, zero4, 4) != 0 &&
                   memcmp(rw->cap_ip4, rw->live_ip4, 4) != 0;
}

void rw_addr_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side)
{
  uint8_t *mine = side == RW_SIDE_CAPTURED ? rw->cap_ip4 : rw->live_ip4;

  /* 0.0.0.0 is a DHCP client with no address yet, not an address */
  if (p->fam != RW_FAM_IP4 || memcmp(p->f + p->src, zero4, 4) == 0 || memcmp(mine, p->f + p->src, 4) == 0) {
    return;
  }
  memcpy(mine, p->f + p->src, 4);
  rw_addr_changed(rw);
}

static int arp_to(const struct rw_pkt *p, const uint8_t ip[4])
{
  uint32_t op;

  return rw_arp_ip4(p, &op) && (op == LWIPSIM_ARP_OP_REQUEST || op == LWIPSIM_ARP_OP_REPLY) &&
         memcmp(p->f + p->l3 + LWIPSIM_ARP_TPA, ip, 4) == 0;
}

void rw_addr_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p)
{
  if (!rw->addr_moved) {
    return;
  }
  if (p->fam == RW_FAM_IP4 && memcmp(p->f + p->dst, rw->cap_ip4, 4) == 0) {
    rw_patch_ip4_dst(p, rw->live_ip4);
  } else if (p->fam == RW_FAM_ARP && arp_to(p, rw->cap_ip4)) {
    rw_patch_raw(p, p->l3 + LWIPSIM_ARP_TPA, rw->live_ip4, 4);
  }
}
