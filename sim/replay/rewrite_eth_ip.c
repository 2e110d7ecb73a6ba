/* Checksum upkeep for the rewriter (the parsing is replay/frame_view.c).
 * Rewrites update checksums incrementally (RFC 1624) rather than recomputing
 * them: a frame the capture got with a bad checksum stays bad by the same
 * amount (lwIP must drop it as the device did), and a first fragment's
 * transport checksum, which covers data in later fragments, stays right. */
#include "replay/rewrite_priv.h"

#include <string.h>

#include "common/inet_checksum.h"

/* The checksum at field into *hc, or 0 when there is none to keep: UDP's 0
 * means "none sent", and a datagram without one keeps none. */
static int csum_get(const struct rw_pkt *p, uint32_t field, int udp, uint32_t *hc)
{
  return rw_get16(p, field, hc) && !(udp && *hc == 0);
}

static void csum_put(struct rw_pkt *p, uint32_t field, uint32_t hc, int udp)
{
  if (udp && hc == 0) {
    hc = 0xffff; /* 0 means "none" in UDP; 0xffff is the same sum */
  }
  rw_put16(p->f + field, hc);
}

/* RFC 1624 on the checksum field at offset field. */
static void csum_adjust(struct rw_pkt *p, uint32_t field, const uint8_t *old, const uint8_t *nb, uint32_t n, int odd,
                        int udp)
{
  uint32_t hc;

  if (csum_get(p, field, udp, &hc)) {
    csum_put(p, field, lwipsim_inet_update((uint16_t)hc, old, nb, n, odd), udp);
  }
}

/* Offset of the transport checksum, or 0 when there is none to keep. */
static uint32_t l4_csum_off(const struct rw_pkt *p)
{
  uint32_t at;

  switch (p->proto) {
  case LWIPSIM_IPPROTO_TCP: at = p->l4 + 16; break;
  case LWIPSIM_IPPROTO_UDP: at = p->l4 + 6; break;
  case LWIPSIM_IPPROTO_ICMPV6: at = p->l4 + 2; break;
  default: return 0;
  }
  return at + 2 <= p->l3_end ? at : 0;
}

int rw_addr_len(const struct rw_pkt *p) { return p->fam == RW_FAM_IP6 ? 16 : 4; }

int rw_arp_ip4(const struct rw_pkt *p, uint32_t *op)
{
  uint32_t htype, ptype, hlen, plen;

  *op = 0;
  return p->fam == RW_FAM_ARP && rw_get16(p, p->l3, &htype) && rw_get16(p, p->l3 + 2, &ptype) &&
         rw_get8(p, p->l3 + 4, &hlen) && rw_get8(p, p->l3 + 5, &plen) && rw_get16(p, p->l3 + 6, op) &&
         htype == LWIPSIM_ARP_HTYPE_ETH && ptype == LWIPSIM_ETHTYPE_IPV4 && hlen == LWIPSIM_ETH_ALEN && plen == 4;
}

/* ---- patching ---- */

void rw_patch_raw(struct rw_pkt *p, uint32_t off, const uint8_t *nb, uint32_t n)
{
  if (memcmp(p->f + off, nb, n) != 0) {
    memcpy(p->f + off, nb, n);
    p->changed = 1;
  }
}

void rw_patch_l4(struct rw_pkt *p, uint32_t off, const uint8_t *nb, uint32_t n)
{
  uint32_t cs = l4_csum_off(p);

  if (memcmp(p->f + off, nb, n) == 0) {
    return;
  }
  if (cs != 0) {
    csum_adjust(p, cs, p->f + off, nb, n, (int)((off - p->l4) & 1), p->proto == LWIPSIM_IPPROTO_UDP);
  }
  rw_patch_raw(p, off, nb, n);
}

/* rw_patch_l4 for a field of n = 2 or 4 bytes, old and new as values: an
 * ack, a port or a window of nearly every inbound segment comes through
 * here, compared and summed as numbers rather than byte ranges. No caller's
 * field overlaps the checksum field. */
static inline void patch_l4_value(struct rw_pkt *p, uint32_t off, uint32_t old, uint32_t v, unsigned n)
{
  int udp = p->proto == LWIPSIM_IPPROTO_UDP;
  uint32_t cs, hc;

  if (old == v) {
    return;
  }
  cs = l4_csum_off(p);
  if (cs != 0 && csum_get(p, cs, udp, &hc)) {
    csum_put(p, cs, lwipsim_inet_update_be((uint16_t)hc, old, v, n, (int)((off - p->l4) & 1)), udp);
  }
  if (n == 4) {
    rw_put32(p->f + off, v);
  } else {
    rw_put16(p->f + off, v);
  }
  p->changed = 1;
}

void rw_patch_l4_16(struct rw_pkt *p, uint32_t off, uint32_t v)
{
  patch_l4_value(p, off, rw_load16(p->f + off), v & 0xffffu, 2);
}

void rw_patch_l4_32(struct rw_pkt *p, uint32_t off, uint32_t v) { patch_l4_value(p, off, rw_load32(p->f + off), v, 4); }

void rw_patch_ip4_dst(struct rw_pkt *p, const uint8_t addr[4])
{
  uint32_t cs = l4_csum_off(p);

  if (memcmp(p->f + p->dst, addr, 4) == 0) {
    return;
  }
  csum_adjust(p, p->l3 + 10, p->f + p->dst, addr, 4, 0, 0);
  /* the pseudo-header: ICMPv4 has none, TCP and UDP do */
  if (cs != 0 && (p->proto == LWIPSIM_IPPROTO_TCP || p->proto == LWIPSIM_IPPROTO_UDP)) {
    csum_adjust(p, cs, p->f + p->dst, addr, 4, 0, p->proto == LWIPSIM_IPPROTO_UDP);
  }
  rw_patch_raw(p, p->dst, addr, 4);
}

/* ---- full computation, for frames built from scratch ---- */

static uint32_t pseudo_sum(const struct rw_pkt *p)
{
  uint32_t len = p->l3_end - p->l4;

  if (p->fam == RW_FAM_IP6) {
    return lwipsim_inet_pseudo6(p->f + p->src, p->f + p->dst, p->proto, len);
  }
  return lwipsim_inet_pseudo4(p->f + p->src, p->f + p->dst, p->proto, len);
}

int lwipsim_frame_fill_checksums(uint8_t *frame, uint32_t len)
{
  struct rw_pkt p;
  uint32_t cs, sum;

  rw_parse(&p, frame, len);
  if ((p.fam != RW_FAM_IP4 && p.fam != RW_FAM_IP6) || p.frag || p.proto == 0) {
    return -1;
  }
  if (p.fam == RW_FAM_IP4) {
    uint32_t hlen = p.l4 - p.l3;

    rw_put16(frame + p.l3 + 10, 0);
    rw_put16(frame + p.l3 + 10, lwipsim_inet_checksum(lwipsim_inet_sum(0, frame + p.l3, hlen, 0)));
  }
  cs = l4_csum_off(&p);
  if (cs == 0) {
    return p.fam == RW_FAM_IP4 ? 0 : -1;
  }
  rw_put16(frame + cs, 0);
  /* every transport l4_csum_off knows (TCP, UDP, ICMPv6) has a pseudo-header */
  sum = lwipsim_inet_checksum(lwipsim_inet_sum(pseudo_sum(&p), frame + p.l4, p.l3_end - p.l4, 0));
  if (p.proto == LWIPSIM_IPPROTO_UDP && sum == 0) {
    sum = 0xffff;
  }
  rw_put16(frame + cs, sum);
  return 0;
}
