/* One frame parsed once (issue 12): the Ethernet type, the IPv4/IPv6 or ARP
 * header, the transport header's offset and protocol, the addresses'
 * offsets. The engine parses each captured and each transmitted frame once
 * and hands the view to the neighbour learner, the rewriter, the transmit
 * match and the impact watch, which used to parse it each again.
 *
 * The view holds offsets, never copies of fields: a rewrite patches bytes in
 * place (ports, sequence numbers, addresses, checksums) and never moves a
 * header, so a view stays true of the frame it was parsed from, and of a
 * copy of it (lwipsim_frame_view_rebase). */
#ifndef LWIPSIM_FRAME_VIEW_H
#define LWIPSIM_FRAME_VIEW_H

#include <stdint.h>

/* Every offset here has been checked against caplen, and l3_end against the
 * IP length, so readers only check their own headers (the checked reads of
 * replay/rewrite_priv.h). */
struct lwipsim_frame_view {
  uint8_t *f;
  uint32_t caplen;
  int fam;           /* 0: malformed or not IP/ARP; 1 ARP, 4 IPv4, 6 IPv6 */
  uint32_t l3;       /* network header offset */
  uint32_t l3_end;   /* end of the IP datagram; Ethernet padding excluded */
  uint8_t proto;     /* transport protocol; 0 when its header is not in this frame */
  int frag;          /* first fragment: the transport length is unknown */
  uint32_t l4;       /* transport header offset */
  uint32_t src, dst; /* offsets of the addresses */
  int changed;       /* the rewriter changed some byte */
};

/* Parses caplen bytes of frame (NULL or short: a view of nothing). */
void lwipsim_frame_view_parse(struct lwipsim_frame_view *v, const uint8_t *frame, uint32_t caplen);

/* The same view over a copy of its frame's bytes (same offsets). */
static inline void lwipsim_frame_view_rebase(struct lwipsim_frame_view *v, uint8_t *copy) { v->f = copy; }

#endif
