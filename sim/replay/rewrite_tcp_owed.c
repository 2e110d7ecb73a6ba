/* Owed TCP acknowledgements. The capture's peer acknowledged what the
 * captured device had sent; the live stack may send the same later (another
 * profile's timers, Nagle holding a second segment) or not yet at all when
 * that ack is replayed, so the ack is clamped to what the live stack sent.
 * A real peer would acknowledge the rest once it arrived. Without that, the
 * live stack retransmits a FIN nobody answers and its PCB sits in LAST_ACK
 * or FIN_WAIT_1, which the capture's own device never did: a replay artifact
 * that would show up as PCB demand. So the clamped ack is remembered, and
 * when the live stack's output covers it, the rewriter builds the peer's
 * pure ACK from the peer's last segment. */
#include <string.h>

#include "replay/rewrite_priv.h"

void rw_owed_note_inbound(struct rw_flow *f, uint32_t seq_end, uint32_t live_ack, int beyond, uint32_t cap_ack)
{
  f->peer_next = seq_end;
  if (!f->has_acked_live || rw_seq_gt(live_ack, f->acked_live)) {
    f->acked_live = live_ack;
    f->has_acked_live = 1;
  }
  if (beyond) {
    f->owed = 1;
    f->owed_cap_ack = cap_ack;
  } else if (f->owed && !rw_seq_gt(f->owed_cap_ack, cap_ack)) {
    f->owed = 0; /* the peer's own later ack covers it */
  }
}

/* Ethernet, IP and the first 20 bytes of TCP of the segment as injected;
 * IPv4 options and IPv6 extension headers do not fit a template. */
void rw_owed_keep_template(struct rw_flow *f, const struct rw_pkt *p)
{
  uint32_t ip_hlen = p->fam == RW_FAM_IP4 ? LWIPSIM_IP4_HLEN : LWIPSIM_IP6_HLEN;

  f->tmpl_len = 0;
  if ((p->fam != RW_FAM_IP4 && p->fam != RW_FAM_IP6) || p->l4 != p->l3 + ip_hlen || p->l3 != LWIPSIM_ETH_HLEN ||
      p->l4 + LWIPSIM_TCP_HLEN > p->caplen || p->l4 + LWIPSIM_TCP_HLEN > RW_ACK_MAX) {
    return;
  }
  uint32_t n = p->l4 + LWIPSIM_TCP_HLEN;
  if (n == LWIPSIM_ETH_HLEN + LWIPSIM_IP4_HLEN + LWIPSIM_TCP_HLEN) {
    /* every inbound IPv4 segment: a length the compiler copies in place */
    memcpy(f->tmpl, p->f, LWIPSIM_ETH_HLEN + LWIPSIM_IP4_HLEN + LWIPSIM_TCP_HLEN);
  } else {
    memcpy(f->tmpl, p->f, n);
  }
  f->tmpl_len = (uint8_t)n;
}

/* Returns 0 when the ACK is queued, -1 when it could not be (queue full, or
 * the template's checksums would not fill): the caller then keeps the data
 * owed, so the next live frame of the flow tries again instead of the ACK
 * being lost while the flow counts it delivered. */
static int queue_ack(struct lwipsim_rewriter *rw, struct rw_flow *f, uint32_t ack)
{
  uint8_t *a;
  uint32_t l3 = LWIPSIM_ETH_HLEN, l4 = f->tmpl_len - LWIPSIM_TCP_HLEN;

  if (rw->n_owed == RW_OWED_QUEUE) {
    return -1;
  }
  a = rw->owed_frame[rw->n_owed];
  memcpy(a, f->tmpl, f->tmpl_len);
  if (l4 - l3 == LWIPSIM_IP4_HLEN) {
    rw_put16(a + l3 + 2, LWIPSIM_IP4_HLEN + LWIPSIM_TCP_HLEN);
    a[l3 + 6] = 0; /* no fragment flags or offset */
    a[l3 + 7] = 0;
  } else {
    rw_put16(a + l3 + 4, LWIPSIM_TCP_HLEN);
  }
  rw_put32(a + l4 + 4, f->peer_next);
  rw_put32(a + l4 + 8, ack);
  a[l4 + 12] = (LWIPSIM_TCP_HLEN / 4) << 4;
  a[l4 + 13] = LWIPSIM_TH_ACK;
  rw_put16(a + l4 + 18, 0); /* urgent pointer */
  if (lwipsim_frame_fill_checksums(a, f->tmpl_len) != 0) {
    return -1;
  }
  rw->owed_len[rw->n_owed++] = f->tmpl_len;
  return 0;
}

void rw_owed_after_live(struct lwipsim_rewriter *rw, struct rw_flow *f)
{
  int beyond = 0;
  uint32_t ack;

  if (!f->owed || f->tmpl_len == 0 || f->live_rst) {
    return;
  }
  ack = rw_tcp_map_ack(f, f->owed_cap_ack, &beyond);
  if (!rw_seq_gt(ack, f->acked_live)) {
    return;
  }
  if (queue_ack(rw, f, ack) != 0) {
    return;
  }
  f->acked_live = ack;
  if (!beyond) {
    f->owed = 0; /* all of it delivered */
  }
  if (f->live_fin && !rw_seq_gt(f->live_fin_end, ack)) {
    f->live_fin_acked = 1;
  }
}

uint32_t lwipsim_rewriter_take_owed_ack(struct lwipsim_rewriter *rw, uint8_t *out)
{
  uint32_t len;

  if (rw->n_owed == 0) {
    return 0;
  }
  len = rw->owed_len[0];
  memcpy(out, rw->owed_frame[0], len);
  rw->n_owed--;
  memmove(rw->owed_len, rw->owed_len + 1, rw->n_owed);
  memmove(rw->owed_frame, rw->owed_frame + 1, (size_t)rw->n_owed * RW_ACK_MAX);
  return len;
}
