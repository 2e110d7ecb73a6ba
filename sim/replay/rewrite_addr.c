/* Device address change: the live stack may hold another IPv4 address than
 * the captured device (a static address, another lease). Unicast IPv4 to the
 * captured address, and ARP asking for or answering it, then goes to the live
 * one. Only the destination: the peers' own addresses are what they were. */
#include "replay/rewrite_priv.h"

#include <string.h>

#define ARP_HTYPE_ETH 1
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_TPA 24 /* target protocol address, from the ARP header */

static const uint8_t zero4[4];

void rw_addr_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side)
{
  /* 0.0.0.0 is a DHCP client with no address yet, not an address */
  if (p->fam != RW_FAM_IP4 || memcmp(p->f + p->src, zero4, 4) == 0) {
    return;
  }
  memcpy(side == RW_SIDE_CAPTURED ? rw->cap_ip4 : rw->live_ip4, p->f + p->src, 4);
}

static int arp_to(const struct rw_pkt *p, const uint8_t ip[4])
{
  const uint8_t *a = p->f + p->l3;
  uint32_t op = rw_get16(a + 6);

  return rw_get16(a) == ARP_HTYPE_ETH && rw_get16(a + 2) == RW_ETHTYPE_IP4 && a[4] == 6 && a[5] == 4 &&
         (op == ARP_OP_REQUEST || op == ARP_OP_REPLY) && memcmp(a + ARP_TPA, ip, 4) == 0;
}

void rw_addr_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p)
{
  if (memcmp(rw->cap_ip4, zero4, 4) == 0 || memcmp(rw->live_ip4, zero4, 4) == 0 ||
      memcmp(rw->cap_ip4, rw->live_ip4, 4) == 0) {
    return;
  }
  if (p->fam == RW_FAM_IP4 && memcmp(p->f + p->dst, rw->cap_ip4, 4) == 0) {
    rw_patch_ip4_dst(p, rw->live_ip4);
  } else if (p->fam == RW_FAM_ARP && arp_to(p, rw->cap_ip4)) {
    rw_patch_raw(p, p->l3 + ARP_TPA, rw->live_ip4, 4);
  }
}
