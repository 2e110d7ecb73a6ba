/* TCP: maps the peer's acknowledgements from the captured device's sequence
 * space onto the live stack's (ISN and, for the device as client, the
 * ephemeral port), and withholds segments for connections the live stack
 * never had, reset or closed. The peer's own sequence numbers need nothing:
 * its ISN is in the capture and the live stack simply learns it. */
#include "replay/rewrite_priv.h"

#define TCP_OPT_EOL 0
#define TCP_OPT_NOP 1
#define TCP_OPT_WSCALE 3
#define TCP_OPT_SACK 5
#define TCP_MAX_WSCALE 14 /* RFC 7323 2.3 */

struct tcp_hdr {
  uint16_t sport, dport;
  uint32_t seq, ack;
  uint8_t flags;
  uint32_t hlen, paylen;
};

static inline int parse_tcp(const struct rw_pkt *p, struct tcp_hdr *t)
{
  /* rw_has twice, its bound looked up once */
  uint32_t end = rw_readable(p), room = p->l4 <= end ? end - p->l4 : 0;

  if (room < LWIPSIM_TCP_HLEN) {
    return 0;
  }
  /* The fixed header is all readable: its fields straight from the bytes
   * (each checked read would test the same bounds again; every segment of
   * every side comes through here). */
  const uint8_t *h = p->f + p->l4;
  t->hlen = (uint32_t)(h[12] >> 4) * 4;
  if (t->hlen < LWIPSIM_TCP_HLEN || t->hlen > room) {
    return 0;
  }
  t->sport = (uint16_t)((h[0] << 8) | h[1]);
  t->dport = (uint16_t)((h[2] << 8) | h[3]);
  t->seq = ((uint32_t)h[4] << 24) | ((uint32_t)h[5] << 16) | ((uint32_t)h[6] << 8) | h[7];
  t->ack = ((uint32_t)h[8] << 24) | ((uint32_t)h[9] << 16) | ((uint32_t)h[10] << 8) | h[11];
  t->flags = h[13];
  t->paylen = p->l3_end - p->l4 - t->hlen;
  return 1;
}

/* Offset of the first TCP option of the given kind, 0 if none. The options
 * lie inside the header parse_tcp found readable (hlen bytes from l4): their
 * bytes are read straight, each option's length checked against its end (a
 * SYN's five options came to 100 instructions through the checked reads). */
static uint32_t find_opt(const struct rw_pkt *p, const struct tcp_hdr *t, uint8_t kind, uint32_t want_len)
{
  uint32_t o = p->l4 + LWIPSIM_TCP_HLEN, end = p->l4 + t->hlen;
  const uint8_t *f = p->f;

  while (o < end && f[o] != TCP_OPT_EOL) {
    uint32_t opt = f[o], len;

    if (opt == TCP_OPT_NOP) {
      o++;
      continue;
    }
    if (o + 2 > end || (len = f[o + 1]) < 2 || o + len > end) {
      return 0; /* garbled options: nothing further is trusted */
    }
    if (opt == kind && (want_len == 0 || len == want_len)) {
      return o;
    }
    o += len;
  }
  return 0;
}

/* The window scale a SYN offers, or -1. */
static int syn_wscale(const struct rw_pkt *p, const struct tcp_hdr *t)
{
  uint32_t o = find_opt(p, t, TCP_OPT_WSCALE, 3), shift;

  if (!(t->flags & LWIPSIM_TH_SYN) || o == 0 || !rw_get8(p, o + 2, &shift)) {
    return -1;
  }
  return shift > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : (int)shift;
}

/* Appends the end of a data segment the device sent, unless it is a
 * retransmission (not beyond the last end). */
static void add_end(uint32_t *ends, uint8_t *n, uint32_t end)
{
  if (*n > 0 && !rw_seq_gt(end, ends[*n - 1])) {
    return;
  }
  if (*n < RW_TCP_SEGS) {
    ends[(*n)++] = end;
  }
}

/* ---- learning from what the device sent ---- */

static void set_isn(struct rw_flow *f, int side, uint16_t port, uint32_t isn)
{
  if (side == RW_SIDE_CAPTURED) {
    f->has_cap = 1;
    f->cap_port = port;
    f->has_cap_isn = 1;
    f->cap_isn = isn;
    return;
  }
  f->has_live = 1;
  f->live_port = port;
  f->has_live_isn = 1;
  f->live_isn = isn;
  f->live_next = isn + 1;
  f->live_rst = f->live_fin = f->live_fin_acked = 0;
}

/* Oldest client flow of k still waiting for this side's SYN: captured and
 * live connections to one server pair up in order of appearance. */
static struct rw_flow *oldest_unpaired(struct lwipsim_rewriter *rw, const struct rw_key *k, int side)
{
  struct rw_flow *found = NULL;

  for (struct rw_flow *f = rw_flow_first(rw, k); f != NULL; f = rw_flow_next(f, k)) {
    int mine = side == RW_SIDE_CAPTURED ? f->has_cap_isn : f->has_live_isn;
    int other = side == RW_SIDE_CAPTURED ? f->has_live_isn : f->has_cap_isn;

    if (f->role == RW_ROLE_CLIENT && other && !mine && !f->stale) {
      found = f;
    }
  }
  return found;
}

/* The device opens a connection: a SYN of the captured device or the live stack. */
static struct rw_flow *learn_syn(struct lwipsim_rewriter *rw, const struct rw_key *k, int side, const struct tcp_hdr *t)
{
  struct rw_flow *f = rw_flow_by_port(rw, k, side, t->sport);

  if (f != NULL && f->role == RW_ROLE_CLIENT) {
    if ((side == RW_SIDE_CAPTURED ? f->cap_isn : f->live_isn) == t->seq) {
      return f; /* retransmission */
    }
    /* port reused by a new connection: the old one no longer answers to it */
    if (side == RW_SIDE_CAPTURED) {
      f->has_cap = 0;
    } else {
      f->has_live = 0;
    }
  }
  f = oldest_unpaired(rw, k, side);
  if (f == NULL && (f = rw_flow_add(rw, k)) == NULL) {
    return NULL;
  }
  f->role = RW_ROLE_CLIENT;
  set_isn(f, side, t->sport, t->seq);
  return f;
}

/* The device answers a connection: its SYN-ACK. */
static struct rw_flow *learn_synack(struct lwipsim_rewriter *rw, const struct rw_key *k, int side,
                                    const struct tcp_hdr *t)
{
  struct rw_flow *f = rw_flow_by_port(rw, k, side, t->sport);

  if (f == NULL || f->role != RW_ROLE_SERVER) {
    /* the peer's SYN was not seen here; the answer still makes the flow */
    if ((f = rw_flow_add(rw, k)) == NULL) {
      return NULL;
    }
    f->role = RW_ROLE_SERVER;
    f->has_cap = f->has_live = 1;
    f->cap_port = f->live_port = t->sport;
  }
  set_isn(f, side, t->sport, t->seq);
  return f;
}

/* What the live stack has sent decides what the peer may acknowledge. */
static void track_live(struct rw_flow *f, const struct tcp_hdr *t)
{
  uint32_t end = t->seq + t->paylen + ((t->flags & LWIPSIM_TH_SYN) ? 1 : 0);

  if (t->flags & LWIPSIM_TH_RST) {
    f->live_rst = 1;
    return;
  }
  if (t->paylen > 0) {
    add_end(f->live_ends, &f->n_live_ends, end);
  }
  if (t->flags & LWIPSIM_TH_FIN) {
    f->live_fin = 1;
    f->live_fin_end = end + 1;
    end++;
  }
  if (rw_seq_gt(end, f->live_next)) {
    f->live_next = end;
  }
}

static void track_captured(struct rw_flow *f, const struct tcp_hdr *t)
{
  uint32_t end = t->seq + t->paylen;

  if (t->flags & LWIPSIM_TH_RST) {
    f->cap_rst = 1;
  }
  if (t->flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_RST)) {
    return;
  }
  if (t->paylen > 0) {
    add_end(f->cap_ends, &f->n_cap_ends, end);
  }
  if (t->flags & LWIPSIM_TH_FIN) {
    f->has_cap_fin = 1;
    f->cap_fin_end = end + 1;
  }
}

void rw_tcp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side)
{
  struct tcp_hdr t;
  struct rw_key k;
  struct rw_flow *f;

  if (!parse_tcp(p, &t)) {
    return;
  }
  if ((t.flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK | LWIPSIM_TH_RST)) == LWIPSIM_TH_SYN) {
    rw_key_make(&k, p, LWIPSIM_IPPROTO_TCP, 1, t.dport);
    f = learn_syn(rw, &k, side, &t);
  } else if ((t.flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK | LWIPSIM_TH_RST)) == (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK)) {
    rw_key_make(&k, p, LWIPSIM_IPPROTO_TCP, 1, t.dport);
    f = learn_synack(rw, &k, side, &t);
    if (side == RW_SIDE_LIVE && f != NULL) {
      /* the lookup's answer, or the flow it added at the head of its chain,
       * which a lookup by the live port now finds first */
      rw_memo_live(rw, p, t.sport, t.dport, f);
    }
  } else {
    f = rw_flow_by_port_of(rw, p, LWIPSIM_IPPROTO_TCP, 1, t.dport, side, t.sport);
    if (side == RW_SIDE_LIVE) {
      rw_memo_live(rw, p, t.sport, t.dport, f);
    }
  }
  if (f == NULL) {
    return;
  }
  f->last_ms = rw->now_ms;
  if (t.flags & LWIPSIM_TH_SYN && syn_wscale(p, &t) >= 0) {
    *(side == RW_SIDE_CAPTURED ? &f->cap_ws : &f->live_ws) = 1;
  }
  if (side == RW_SIDE_LIVE && f->has_live_isn) {
    track_live(f, &t);
    if (f->owed) { /* rarely: most flows are never owed an ack */
      rw_owed_after_live(rw, f);
    }
  } else if (side == RW_SIDE_CAPTURED && f->has_cap_isn) {
    track_captured(f, &t);
  }
}

/* ---- inbound ---- */

/* A new connection to the device (a SYN with a new ISN) starts a new flow;
 * a retransmitted SYN keeps the one it has. */
static void note_peer_wscale(struct rw_flow *f, const struct rw_pkt *p, const struct tcp_hdr *t)
{
  int ws = syn_wscale(p, t);

  if (ws >= 0) {
    f->has_peer_ws = 1;
    f->peer_ws = (uint8_t)ws;
  }
}

static void inbound_syn(struct lwipsim_rewriter *rw, const struct rw_key *k, const struct rw_pkt *p,
                        const struct tcp_hdr *t)
{
  struct rw_flow *f = rw_flow_by_port(rw, k, RW_SIDE_CAPTURED, t->dport);

  if (f != NULL && f->role == RW_ROLE_SERVER && f->has_peer_isn && f->peer_isn == t->seq) {
    f->last_ms = rw->now_ms; /* a retransmitted SYN */
    return;
  }
  if ((f = rw_flow_add(rw, k)) == NULL) {
    return;
  }
  f->role = RW_ROLE_SERVER;
  f->has_cap = f->has_live = 1;
  f->cap_port = f->live_port = t->dport;
  f->has_peer_isn = 1;
  f->peer_isn = t->seq;
  note_peer_wscale(f, p, t);
}

int rw_tcp_over(const struct rw_flow *f)
{
  /* the capture: a RST, or both FINs (the device's and the peer's) */
  int cap_over = f->cap_rst || (f->has_cap_fin && f->peer_fin);
  /* the live stack: reset, its FIN acknowledged, or it never had the
   * connection; a live stack still sending refreshes last_ms anyway */
  int live_over = f->live_rst || f->live_fin_acked || !f->has_live_isn;

  return cap_over && live_over;
}

/* Captured sequence number -> live, no further than the live stack sent.
 * The device's answer may differ in size and segmentation from the captured
 * one: an ack of the captured n-th segment's end (or of its FIN) means the
 * live n-th segment's end (or FIN); other values keep their offset. */
uint32_t rw_tcp_map_ack(const struct rw_flow *f, uint32_t v, int *beyond)
{
  if (f->has_cap_fin && v == f->cap_fin_end) {
    if (f->live_fin) {
      return f->live_fin_end;
    }
    *beyond = 1;
    return f->live_next;
  }
  for (unsigned i = 0; i < f->n_cap_ends; i++) {
    if (v != f->cap_ends[i]) {
      continue;
    }
    if (i < f->n_live_ends) {
      return f->live_ends[i];
    }
    *beyond = 1;
    return f->n_live_ends > 0 ? f->live_ends[f->n_live_ends - 1] : f->live_next;
  }
  v += f->live_isn - f->cap_isn;
  if (rw_seq_gt(v, f->live_next)) {
    *beyond = 1;
    return f->live_next;
  }
  return v;
}

static void map_sack(struct rw_pkt *p, const struct tcp_hdr *t, const struct rw_flow *f, int *beyond)
{
  uint32_t o, len, left, right;

  if (t->hlen == LWIPSIM_TCP_HLEN) {
    return; /* no options: most segments */
  }
  o = find_opt(p, t, TCP_OPT_SACK, 0);
  if (o == 0 || !rw_get8(p, o + 1, &len)) {
    return;
  }
  /* each block: left and right edge */
  for (uint32_t b = o + 2; b + 8 <= o + len && rw_get32(p, b, &left) && rw_get32(p, b + 4, &right); b += 8) {
    rw_patch_tcp_32(p, b, rw_tcp_map_ack(f, left, beyond));
    rw_patch_tcp_32(p, b + 4, rw_tcp_map_ack(f, right, beyond));
  }
}

static int check_flow(struct rw_flow *f, const struct tcp_hdr *t)
{
  if (f == NULL) {
    return LWIPSIM_DIV_NO_LIVE_CONNECTION;
  }
  if (!f->has_live_isn) {
    f->stale = 1; /* a later live SYN must not pair with a flow already given up */
    return LWIPSIM_DIV_NO_LIVE_CONNECTION;
  }
  if (f->live_rst) {
    return LWIPSIM_DIV_LIVE_RESET;
  }
  if (f->live_fin_acked && t->paylen > 0) {
    return LWIPSIM_DIV_LIVE_CLOSED;
  }
  if ((t->flags & LWIPSIM_TH_ACK) && !f->has_cap_isn) {
    return LWIPSIM_DIV_NO_CAPTURED_ISN;
  }
  return RW_INJECT;
}

/* The peer's window field counts in units of 2^shift only where the device
 * agreed to its scaling: a captured scaled window means bytes the live stack
 * (which may not scale) must be told in its own units. */
static void map_window(struct rw_pkt *p, const struct rw_flow *f)
{
  unsigned cap_shift = f->has_peer_ws && f->cap_ws ? f->peer_ws : 0;
  unsigned live_shift = f->has_peer_ws && f->live_ws ? f->peer_ws : 0;
  uint32_t window;
  uint64_t bytes;

  if (cap_shift == live_shift || !rw_get16(p, p->l4 + 14, &window)) {
    return;
  }
  bytes = (uint64_t)window << cap_shift;
  bytes >>= live_shift;
  rw_patch_tcp_16(p, p->l4 + 14, bytes > 0xffff ? 0xffff : (uint32_t)bytes);
}

int rw_tcp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p)
{
  struct tcp_hdr t;
  struct rw_key k;
  struct rw_flow *f;
  int verdict, beyond = 0;

  if (!parse_tcp(p, &t)) {
    return RW_INJECT;
  }
  if ((t.flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK | LWIPSIM_TH_RST)) == LWIPSIM_TH_SYN) {
    rw_key_make(&k, p, LWIPSIM_IPPROTO_TCP, 0, t.sport);
    inbound_syn(rw, &k, p, &t);
    return RW_INJECT;
  }
  f = rw_flow_by_port_of(rw, p, LWIPSIM_IPPROTO_TCP, 0, t.sport, RW_SIDE_CAPTURED, t.dport);
  if (f != NULL) {
    f->last_ms = rw->now_ms;
    f->cap_rst |= (t.flags & LWIPSIM_TH_RST) != 0;
    f->peer_fin |= (t.flags & LWIPSIM_TH_FIN) != 0;
  }
  if ((verdict = check_flow(f, &t)) != RW_INJECT) {
    return verdict;
  }
  if (f->role == RW_ROLE_CLIENT) {
    rw_patch_tcp_16(p, p->l4 + 2, f->live_port);
  }
  if (t.flags & LWIPSIM_TH_SYN) {
    note_peer_wscale(f, p, &t); /* the peer's SYN-ACK, the device the client */
  } else {
    map_window(p, f);
  }
  rw->last_tcp = f;
  if (t.flags & LWIPSIM_TH_ACK) {
    int ack_beyond = 0;
    uint32_t ack = rw_tcp_map_ack(f, t.ack, &ack_beyond);

    rw_patch_tcp_32(p, p->l4 + 8, ack);
    map_sack(p, &t, f, &beyond);
    if (f->live_fin && !rw_seq_gt(f->live_fin_end, ack)) {
      f->live_fin_acked = 1;
    }
    beyond |= ack_beyond;
    rw_owed_note_inbound(f, t.seq + t.paylen + ((t.flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_FIN)) ? 1 : 0), ack, ack_beyond,
                         t.ack);
  }
  if (beyond) {
    rw_note(rw, LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA);
  }
  return RW_INJECT;
}
