/* Ethernet, IPv4, IPv6 (with the extension headers lwIP walks) and ARP:
 * a frame parsed once (replay/frame_view.h). The reads are the rewriter's
 * checked ones (replay/rewrite_priv.h). */
#include "replay/frame_view.h"

#include <string.h>

#include "replay/rewrite_priv.h"

#define IP6_MAX_EXT 8

static void parse_ip4(struct lwipsim_frame_view *p)
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
static void parse_ip6_chain(struct lwipsim_frame_view *p, uint32_t nh, uint32_t off)
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

static void parse_ip6(struct lwipsim_frame_view *p)
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

void lwipsim_frame_view_parse(struct lwipsim_frame_view *p, const uint8_t *frame, uint32_t caplen)
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
