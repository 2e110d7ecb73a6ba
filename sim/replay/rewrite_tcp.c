/* TCP: maps the peer's acknowledgements from the captured device's sequence
 * space onto the live stack's (ISN and, for the device as client, the
 * ephemeral port), and withholds segments for connections the live stack
 * never had, reset or closed. The peer's own sequence numbers need nothing:
 * its ISN is in the capture and the live stack simply learns it. */
#include "replay/rewrite_priv.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
#define TCP_OPT_EOL 0
#define TCP_OPT_NOP 1
#define TCP_OPT_SACK 5

struct tcp_hdr {
  uint16_t sport, dport;
  uint32_t seq, ack;
  uint8_t flags;
  uint32_t hlen, paylen;
};

static int parse_tcp(const struct rw_pkt *p, struct tcp_hdr *t)
{
  const uint8_t *b = p->f + p->l4;

  if (p->l4 + 20 > p->l3_end) {
    return 0;
  }
  t->hlen = (uint32_t)(b[12] >> 4) * 4;
  if (t->hlen < 20 || p->l4 + t->hlen > p->l3_end) {
    return 0;
  }
  t->sport = (uint16_t)rw_get16(b);
  t->dport = (uint16_t)rw_get16(b + 2);
  t->seq = rw_get32(b + 4);
  t->ack = rw_get32(b + 8);
  t->flags = b[13];
  t->paylen = p->l3_end - p->l4 - t->hlen;
  return 1;
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
static struct rw_flow *learn_syn(struct lwipsim_rewriter *rw, const struct rw_key *k, int side,
                                 const struct tcp_hdr *t)
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
  uint32_t end = t->seq + t->paylen + ((t->flags & TH_SYN) ? 1 : 0);

  if (t->flags & TH_RST) {
    f->live_rst = 1;
    return;
  }
  if (t->flags & TH_FIN) {
    f->live_fin = 1;
    f->live_fin_end = end + 1;
    end++;
  }
  if (rw_seq_gt(end, f->live_next)) {
    f->live_next = end;
  }
}

void rw_tcp_learn(struct lwipsim_rewriter *rw, struct rw_pkt *p, int side)
{
  struct tcp_hdr t;
  struct rw_key k;
  struct rw_flow *f;

  if (!parse_tcp(p, &t)) {
    return;
  }
  rw_key_make(&k, p, RW_PROTO_TCP, 1, t.dport);
  if ((t.flags & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN) {
    f = learn_syn(rw, &k, side, &t);
  } else if ((t.flags & (TH_SYN | TH_ACK | TH_RST)) == (TH_SYN | TH_ACK)) {
    f = learn_synack(rw, &k, side, &t);
  } else {
    f = rw_flow_by_port(rw, &k, side, t.sport);
  }
  if (f != NULL && side == RW_SIDE_LIVE && f->has_live_isn) {
    track_live(f, &t);
  }
}

/* ---- inbound ---- */

/* A new connection to the device (a SYN with a new ISN) starts a new flow;
 * a retransmitted SYN keeps the one it has. */
static void inbound_syn(struct lwipsim_rewriter *rw, const struct rw_key *k, const struct tcp_hdr *t)
{
  struct rw_flow *f = rw_flow_by_port(rw, k, RW_SIDE_CAPTURED, t->dport);

  if (f != NULL && f->role == RW_ROLE_SERVER && f->has_peer_isn && f->peer_isn == t->seq) {
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
}

/* Captured sequence number -> live, no further than the live stack sent. */
static uint32_t map_seq(const struct rw_flow *f, uint32_t v, int *beyond)
{
  v += f->live_isn - f->cap_isn;
  if (rw_seq_gt(v, f->live_next)) {
    *beyond = 1;
    return f->live_next;
  }
  return v;
}

static void map_sack(struct rw_pkt *p, const struct tcp_hdr *t, const struct rw_flow *f, int *beyond)
{
  uint32_t o = p->l4 + 20, end = p->l4 + t->hlen;

  while (o < end && p->f[o] != TCP_OPT_EOL) {
    uint32_t len;

    if (p->f[o] == TCP_OPT_NOP) {
      o++;
      continue;
    }
    if (o + 2 > end || (len = p->f[o + 1]) < 2 || o + len > end) {
      return; /* garbled options: leave the rest as they are */
    }
    if (p->f[o] == TCP_OPT_SACK) {
      for (uint32_t b = o + 2; b + 8 <= o + len; b += 8) {
        rw_patch_l4_32(p, b, map_seq(f, rw_get32(p->f + b), beyond));
        rw_patch_l4_32(p, b + 4, map_seq(f, rw_get32(p->f + b + 4), beyond));
      }
    }
    o += len;
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
  if ((t->flags & TH_ACK) && !f->has_cap_isn) {
    return LWIPSIM_DIV_NO_CAPTURED_ISN;
  }
  return RW_INJECT;
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
  rw_key_make(&k, p, RW_PROTO_TCP, 0, t.sport);
  if ((t.flags & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN) {
    inbound_syn(rw, &k, &t);
    return RW_INJECT;
  }
  f = rw_flow_by_port(rw, &k, RW_SIDE_CAPTURED, t.dport);
  if ((verdict = check_flow(f, &t)) != RW_INJECT) {
    return verdict;
  }
  if (f->role == RW_ROLE_CLIENT) {
    rw_patch_l4_16(p, p->l4 + 2, f->live_port);
  }
  if (t.flags & TH_ACK) {
    uint32_t ack = map_seq(f, t.ack, &beyond);

    rw_patch_l4_32(p, p->l4 + 8, ack);
    map_sack(p, &t, f, &beyond);
    if (f->live_fin && !rw_seq_gt(f->live_fin_end, ack)) {
      f->live_fin_acked = 1;
    }
  }
  if (beyond) {
    rw_note(rw, LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA);
  }
  return RW_INJECT;
}
