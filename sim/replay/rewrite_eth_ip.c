/* Ethernet/IPv4/IPv6 parsing and checksum upkeep for the rewriter.
 * Rewrites update checksums incrementally (RFC 1624) rather than recomputing
 * them: a frame the capture got with a bad checksum stays bad by the same
 * amount (lwIP must drop it as the device did), and a first fragment's
 * transport checksum, which covers data in later fragments, stays right. */
#include "replay/rewrite_priv.h"

#include <string.h>

#define IP6_HLEN 40
#define IP6_MAX_EXT 8

/* ---- ones' complement arithmetic ---- */

/* Sum of n bytes as 16-bit words; odd: the first byte is a word's low half. */
static uint32_t sum_bytes(uint32_t sum, const uint8_t *b, uint32_t n, int odd)
{
  for (uint32_t i = 0; i < n; i++) {
    sum += ((i + (uint32_t)odd) & 1) ? b[i] : (uint32_t)b[i] << 8;
  }
  return sum;
}

static uint32_t fold(uint32_t sum)
{
  while (sum >> 16) {
    sum = (sum & 0xffff) + (sum >> 16);
  }
  return sum;
}

/* RFC 1624 eqn. 3, over a range: HC' = ~(~HC + ~m + m'). */
static void csum_adjust(uint8_t *field, const uint8_t *old, const uint8_t *nb, uint32_t n, int odd, int udp)
{
  uint32_t hc = rw_get16(field);
  uint32_t sum;

  if (udp && hc == 0) {
    return; /* no checksum: a UDP datagram without one keeps none */
  }
  sum = (~hc & 0xffff) + (~fold(sum_bytes(0, old, n, odd)) & 0xffff) + fold(sum_bytes(0, nb, n, odd));
  hc = ~fold(sum) & 0xffff;
  if (udp && hc == 0) {
    hc = 0xffff; /* 0 means "none" in UDP; 0xffff is the same sum */
  }
  rw_put16(field, hc);
}

/* Offset of the transport checksum, or 0 when there is none to keep. */
static uint32_t l4_csum_off(const struct rw_pkt *p)
{
  uint32_t at;

  switch (p->proto) {
  case RW_PROTO_TCP:
    at = p->l4 + 16;
    break;
  case RW_PROTO_UDP:
    at = p->l4 + 6;
    break;
  case RW_PROTO_ICMP6:
    at = p->l4 + 2;
    break;
  default:
    return 0;
  }
  return at + 2 <= p->l3_end ? at : 0;
}

/* ---- parsing ---- */

static void parse_ip4(struct rw_pkt *p)
{
  const uint8_t *ip = p->f + p->l3;
  uint32_t hlen, tot, frag;

  if (p->caplen < p->l3 + 20 || (ip[0] >> 4) != 4) {
    return;
  }
  hlen = (uint32_t)(ip[0] & 0x0f) * 4;
  tot = rw_get16(ip + 2);
  if (hlen < 20 || tot < hlen || p->caplen < p->l3 + tot) {
    return; /* bad IHL, or cut short: lwIP gets it untouched */
  }
  p->fam = RW_FAM_IP4;
  p->l3_end = p->l3 + tot;
  p->src = p->l3 + 12;
  p->dst = p->l3 + 16;
  frag = rw_get16(ip + 6);
  if ((frag & 0x1fff) != 0) {
    return; /* a later fragment: no transport header here */
  }
  p->frag = (frag & 0x2000) != 0;
  p->proto = ip[9];
  p->l4 = p->l3 + hlen;
}

/* Walks the extension headers lwIP itself walks to find the transport header. */
static void parse_ip6_chain(struct rw_pkt *p, uint8_t nh, uint32_t off)
{
  for (int i = 0; i < IP6_MAX_EXT; i++) {
    if (nh == 0 || nh == 43 || nh == 60) { /* hop-by-hop, routing, destination options */
      if (off + 2 > p->l3_end) {
        return;
      }
      nh = p->f[off];
      off += ((uint32_t)p->f[off + 1] + 1) * 8;
    } else if (nh == 44) { /* fragment */
      if (off + 8 > p->l3_end) {
        return;
      }
      if ((rw_get16(p->f + off + 2) & 0xfff8) != 0) {
        return;
      }
      p->frag = (p->f[off + 3] & 1) != 0;
      nh = p->f[off];
      off += 8;
    } else {
      break;
    }
  }
  if (off <= p->l3_end && nh != 0 && nh != 43 && nh != 44 && nh != 60) {
    p->proto = nh;
    p->l4 = off;
  }
}

static void parse_ip6(struct rw_pkt *p)
{
  const uint8_t *ip = p->f + p->l3;
  uint32_t plen;

  if (p->caplen < p->l3 + IP6_HLEN || (ip[0] >> 4) != 6) {
    return;
  }
  plen = rw_get16(ip + 4);
  if (plen == 0 || p->caplen < p->l3 + IP6_HLEN + plen) {
    return; /* jumbogram or cut short */
  }
  p->fam = RW_FAM_IP6;
  p->l3_end = p->l3 + IP6_HLEN + plen;
  p->src = p->l3 + 8;
  p->dst = p->l3 + 24;
  parse_ip6_chain(p, ip[6], p->l3 + IP6_HLEN);
}

void rw_parse(struct rw_pkt *p, const uint8_t *frame, uint32_t caplen)
{
  uint32_t type;

  memset(p, 0, sizeof(*p));
  /* learn_* pass const frames; only inbound ones are ever written through f */
  p->f = (uint8_t *)(uintptr_t)frame;
  p->caplen = caplen;
  if (frame == NULL || caplen < RW_ETH_HLEN) {
    return;
  }
  p->l3 = RW_ETH_HLEN;
  type = rw_get16(frame + 12);
  if (type == RW_ETHTYPE_IP4) {
    parse_ip4(p);
  } else if (type == RW_ETHTYPE_IP6) {
    parse_ip6(p);
  } else if (type == RW_ETHTYPE_ARP && caplen >= RW_ETH_HLEN + 28) {
    p->fam = RW_FAM_ARP;
    p->l3_end = RW_ETH_HLEN + 28;
  }
}

int rw_addr_len(const struct rw_pkt *p)
{
  return p->fam == RW_FAM_IP6 ? 16 : 4;
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
    csum_adjust(p->f + cs, p->f + off, nb, n, (int)((off - p->l4) & 1), p->proto == RW_PROTO_UDP);
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
  csum_adjust(p->f + p->l3 + 10, p->f + p->dst, addr, 4, 0, 0);
  /* the pseudo-header: ICMPv4 has none, TCP and UDP do */
  if (cs != 0 && (p->proto == RW_PROTO_TCP || p->proto == RW_PROTO_UDP)) {
    csum_adjust(p->f + cs, p->f + p->dst, addr, 4, 0, p->proto == RW_PROTO_UDP);
  }
  rw_patch_raw(p, p->dst, addr, 4);
}

/* ---- full computation, for frames built from scratch ---- */

static uint32_t pseudo_sum(const struct rw_pkt *p)
{
  uint32_t len = p->l3_end - p->l4;
  uint32_t alen = (uint32_t)rw_addr_len(p);
  uint32_t sum = sum_bytes(0, p->f + p->src, alen, 0);
  uint8_t tail[4];

  sum = sum_bytes(sum, p->f + p->dst, alen, 0);
  rw_put16(tail, p->proto);
  rw_put16(tail + 2, len); /* IPv6's 32-bit length: upper half 0 below 64 KiB */
  return sum_bytes(sum, tail, 4, 0);
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
    rw_put16(frame + p.l3 + 10, ~fold(sum_bytes(0, frame + p.l3, hlen, 0)) & 0xffff);
  }
  cs = l4_csum_off(&p);
  if (cs == 0) {
    return p.fam == RW_FAM_IP4 ? 0 : -1;
  }
  rw_put16(frame + cs, 0);
  /* every transport l4_csum_off knows (TCP, UDP, ICMPv6) has a pseudo-header */
  sum = ~fold(sum_bytes(pseudo_sum(&p), frame + p.l4, p.l3_end - p.l4, 0)) & 0xffff;
  if (p.proto == RW_PROTO_UDP && sum == 0) {
    sum = 0xffff;
  }
  rw_put16(frame + cs, sum);
  return 0;
}
