/* Ethernet/IPv4/IPv6 parsing and checksum upkeep for the rewriter.
 * Rewrites update checksums incrementally (RFC 1624) rather than recomputing
 * them: a frame the capture got with a bad checksum stays bad by the same
 * amount (lwIP must drop it as the device did), and a first fragment's
 * transport checksum, which covers data in later fragments, stays right. */
#include "replay/rewrite_priv.h"

#include <string.h>

#include "common/inet_checksum.h"

#define IP6_MAX_EXT 8

/* RFC 1624 on the checksum field at offset field; UDP's 0 means "none sent". */
static void csum_adjust(struct rw_pkt *p, uint32_t field, const uint8_t *old, const uint8_t *nb, uint32_t n, int odd,
                        int udp)
{
  uint32_t hc;

  if (!rw_get16(p, field, &hc) || (udp && hc == 0)) {
    return; /* no checksum: a UDP datagram without one keeps none */
  }
  hc = lwipsim_inet_update((uint16_t)hc, old, nb, n, odd);
  if (udp && hc == 0) {
    hc = 0xffff; /* 0 means "none" in UDP; 0xffff is the same sum */
  }
  rw_put16(p->f + field, hc);
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

/* ---- parsing ---- */

static void parse_ip4(struct rw_pkt *p)
{
  uint32_t vhl, hlen, tot, frag, proto;

  if (!rw_has(p, p->l3, LWIPSIM_IP4_HLEN) || !rw_get8(p, p->l3, &vhl) || (vhl >> 4) != 4 ||
      !rw_get16(p, p->l3 + 2, &tot)) {
    return;
  }
  hlen = (vhl & 0x0f) * 4;
  if (hlen < LWIPSIM_IP4_HLEN || tot < hlen || p->caplen < p->l3 + tot) {
    return; /* bad IHL, or cut short: lwIP gets it untouched */
  }
  p->fam = RW_FAM_IP4;
  p->l3_end = p->l3 + tot;
  p->src = p->l3 + 12;
  p->dst = p->l3 + 16;
  if (!rw_get16(p, p->l3 + 6, &frag) || (frag & 0x1fff) != 0) {
    return; /* a later fragment: no transport header here */
  }
  if (!rw_get8(p, p->l3 + 9, &proto)) {
    return;
  }
  p->frag = (frag & 0x2000) != 0;
  p->proto = (uint8_t)proto;
  p->l4 = p->l3 + hlen;
}

/* Hop-by-hop, routing and destination options: the extension headers with
 * a length byte. */
static int ip6_ext_with_len(uint8_t nh)
{
  return nh == LWIPSIM_IPPROTO_HOPOPTS || nh == LWIPSIM_IPPROTO_ROUTING || nh == LWIPSIM_IPPROTO_DSTOPTS;
}

/* Walks the extension headers lwIP itself walks to find the transport header. */
static void parse_ip6_chain(struct rw_pkt *p, uint32_t nh, uint32_t off)
{
  for (int i = 0; i < IP6_MAX_EXT; i++) {
    uint32_t len, frag;

    if (ip6_ext_with_len((uint8_t)nh)) {
      if (!rw_get8(p, off + 1, &len) || !rw_get8(p, off, &nh)) {
        return;
      }
      off += (len + 1) * 8;
    } else if (nh == LWIPSIM_IPPROTO_FRAGMENT) {
      /* next header, reserved, offset and flags, identification */
      if (!rw_has(p, off, 8) || !rw_get16(p, off + 2, &frag) || (frag & 0xfff8) != 0 || !rw_get8(p, off, &nh)) {
        return;
      }
      p->frag = (frag & 1) != 0;
      off += 8;
    } else {
      break;
    }
  }
  if (off <= p->l3_end && !ip6_ext_with_len((uint8_t)nh) && nh != LWIPSIM_IPPROTO_FRAGMENT) {
    p->proto = (uint8_t)nh;
    p->l4 = off;
  }
}

static void parse_ip6(struct rw_pkt *p)
{
  uint32_t vtc, plen, nh;

  if (!rw_has(p, p->l3, LWIPSIM_IP6_HLEN) || !rw_get8(p, p->l3, &vtc) || (vtc >> 4) != 6 ||
      !rw_get16(p, p->l3 + 4, &plen) || !rw_get8(p, p->l3 + 6, &nh)) {
    return;
  }
  if (plen == 0 || p->caplen < p->l3 + LWIPSIM_IP6_HLEN + plen) {
    return; /* jumbogram or cut short */
  }
  p->fam = RW_FAM_IP6;
  p->l3_end = p->l3 + LWIPSIM_IP6_HLEN + plen;
  p->src = p->l3 + 8;
  p->dst = p->l3 + 24;
  parse_ip6_chain(p, nh, p->l3 + LWIPSIM_IP6_HLEN);
}

void rw_parse(struct rw_pkt *p, const uint8_t *frame, uint32_t caplen)
{
  uint32_t type;

  memset(p, 0, sizeof(*p));
  /* learn_* pass const frames; only inbound ones are ever written through f */
  p->f = (uint8_t *)(uintptr_t)frame;
  p->caplen = caplen;
  if (frame == NULL || caplen < LWIPSIM_ETH_HLEN) {
    return;
  }
  p->l3 = LWIPSIM_ETH_HLEN;
  if (!rw_get16(p, 12, &type)) {
    return;
  }
  if (type == LWIPSIM_ETHTYPE_IPV4) {
    parse_ip4(p);
  } else if (type == LWIPSIM_ETHTYPE_IPV6) {
    parse_ip6(p);
  } else if (type == LWIPSIM_ETHTYPE_ARP && rw_has(p, LWIPSIM_ETH_HLEN, LWIPSIM_ARP_LEN)) {
    p->fam = RW_FAM_ARP;
    p->l3_end = LWIPSIM_ETH_HLEN + LWIPSIM_ARP_LEN;
  }
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

void rw_patch_l4_16(struct rw_pkt *p, uint32_t off, uint32_t v)
{
  uint8_t b[2];

  rw_put16(b, v);
  rw_patch_l4(p, off, b, 2);
}

void rw_patch_l4_32(struct rw_pkt *p, uint32_t off, uint32_t v)
{
  uint8_t b[4];

  rw_put32(b, v);
  rw_patch_l4(p, off, b, 4);
}

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
