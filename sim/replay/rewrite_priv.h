/* Internals shared by the rewriter's per-protocol files. */
#ifndef LWIPSIM_REWRITE_PRIV_H
#define LWIPSIM_REWRITE_PRIV_H

#include "common/inet_checksum.h"
#include "common/wire.h"
#include "replay/frame_view.h"
#include "replay/rewriter.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A module's verdict: inject, or a withholding lwipsim_div_reason (>= 0). */
#define RW_INJECT (-1)

enum rw_fam { RW_FAM_NONE = 0, RW_FAM_ARP = 1, RW_FAM_IP4 = 4, RW_FAM_IP6 = 6 };
enum rw_side { RW_SIDE_CAPTURED, RW_SIDE_LIVE };
enum rw_role { RW_ROLE_SERVER, RW_ROLE_CLIENT };

/* One parsed frame: the view of replay/frame_view.h, under the name the
 * rewriter's modules (and their tests) give it. */
#define rw_pkt lwipsim_frame_view

/* Peer endpoint: the flow table hashes on it. */
struct rw_key {
  uint8_t proto, fam;
  uint16_t peer_port;
  uint8_t peer[16];
  uint32_t hash; /* of the fields above (rw_key_make) */
};

#define RW_TCP_SEGS 16
#define RW_ACK_MAX LWIPSIM_RW_ACK_MAX
#define RW_OWED_QUEUE 8

/* One TCP connection, UDP client flow or DNS transaction, seen from the device.
 * Laid out by use: what every segment reads or writes (the key, the flags,
 * the ports, the clock, the sequence numbers, the owed-ack state, the first
 * segment ends) comes first, in the first two 64-byte lines of a flow that
 * rw_flow_add aligns to them; the later segment ends, the ack template and
 * the DNS fields last. A segment then touches two or three cache lines
 * rather than four or five, and the sweep (the key, the chain, last_ms and
 * rw_tcp_over's flags) one (issue 12: lwIP's own walks miss when ours evict
 * them). */
struct rw_flow {
  _Alignas(64) struct rw_key key;
  struct rw_flow *next; /* bucket chain, newest first */
  uint8_t role;
  uint8_t has_cap, has_live; /* which side(s) have been seen */
  /* TCP */
  uint8_t has_cap_isn, has_live_isn, has_peer_isn;
  uint8_t live_rst, live_fin, live_fin_acked;
  /* Over in the capture (rw_tcp_over): a RST either way, or the peer's FIN */
  uint8_t cap_rst, peer_fin;
  uint8_t has_cap_fin;
  /* Window scaling (RFC 7323): the peer's shift, and whether the captured
   * device and the live stack agreed to it. */
  uint8_t has_peer_ws, peer_ws;
  uint8_t cap_ws, live_ws;
  uint8_t n_cap_ends, n_live_ends; /* of cap_ends and live_ends below */
  /* Owed acknowledgement (rewrite_tcp_owed.c): the peer acknowledged more
   * than the live stack had sent yet; once the live stack sends it, the peer
   * acknowledges it, as a real peer would. */
  uint8_t owed, has_acked_live;
  uint16_t cap_port, live_port;
  uint64_t last_ms; /* capture time the flow was last seen, either side */
  uint32_t cap_isn, live_isn, peer_isn;
  uint32_t live_next;    /* highest sequence number the live stack sent, +1 */
  uint32_t live_fin_end; /* sequence number after the live FIN */
  uint32_t cap_fin_end;  /* sequence number after the captured device's FIN */
  uint32_t owed_cap_ack; /* the captured ack value still to be delivered */
  uint32_t acked_live;   /* the highest ack the live stack has been given */
  uint32_t peer_next;    /* the peer's next sequence number */
  uint8_t stale;         /* given up: no later live SYN pairs with it */
  /* Ends of the device's data segments, in order, on both sides: the peer's
   * ack of the captured n-th segment acknowledges the live n-th. */
  uint32_t cap_ends[RW_TCP_SEGS], live_ends[RW_TCP_SEGS];
  uint8_t tmpl_len; /* the peer's last segment while owed: Ethernet, IP and TCP headers */
  uint8_t tmpl[RW_ACK_MAX];
  /* DNS */
  uint8_t dns;
  uint16_t cap_id, live_id;
  uint32_t qhash;
};

#define RW_DHCP_XIDS 16

struct rw_dhcp {
  uint32_t cap_xid[RW_DHCP_XIDS];
  uint16_t cap_mask[RW_DHCP_XIDS]; /* which request types carried it, bit = type */
  uint8_t cap_last[RW_DHCP_XIDS];  /* the latest of them */
  unsigned n_cap;                  /* ring: the newest RW_DHCP_XIDS */
  uint32_t live_xid[9];            /* by request type: DISCOVER 1, REQUEST 3, INFORM 8 */
  uint8_t has_live_xid[9];
  uint8_t server_id[4];
  int has_server_id;
};

#define RW_BUCKETS 4096
/* A TCP flow over on both sides is kept this long after its last frame, in
 * capture time: lwIP's 2 * TCP_MSL (tcp_priv.h: TCP_MSL 60000UL), the time
 * its own PCB spends in TIME_WAIT, so a late retransmission still finds it. */
#define RW_IDLE_MS 120000u
#define RW_RECENT 1024 /* rw_flow_by_port_of's slots, by the peer's port */

struct lwipsim_rewriter {
  uint8_t mac[6];
  struct rw_flow *last_tcp; /* the flow of the inbound segment being rewritten */
  /* By the peer's port: the flow rw_flow_by_port_of last found, or
   * rw_flow_add last added, for it (NULL when freed). A connection's segments on all three sides (the
   * peer's, the live answer, the captured device's) find their flow here,
   * checked, before a key is made and hashed. */
  struct rw_flow *recent[RW_RECENT];
  unsigned n_owed; /* owed acks built, waiting to be taken */
  uint8_t owed_len[RW_OWED_QUEUE];
  uint8_t owed_frame[RW_OWED_QUEUE][RW_ACK_MAX];
  uint8_t cap_ip4[4], live_ip4[4];
  /* Both known and different (rw_addr_changed): only then has
   * rw_addr_inbound anything to rewrite, which every inbound frame asks. */
  uint8_t addr_moved;
  struct rw_dhcp dhcp;
  struct rw_flow *buckets[RW_BUCKETS];
  /* 1: buckets[b] holds a flow (set by rw_flow_add, cleared by the sweep
   * step that empties it). The sweep steps through the buckets two or three
   * times a frame; a cache line of this answers for 64 buckets, a line of
   * buckets for 8, and those loads missed the cache. Bytes, not bits: a bit
   * test cost 8 instructions a frame more than the byte's. */
  uint8_t in_use[RW_BUCKETS];
  struct rw_flow *spare; /* flows the sweep freed, for rw_flow_add to reuse */
  uint64_t now_ms;       /* capture time (lwipsim_rewriter_set_now) */
  unsigned sweep_at;     /* the bucket the next sweep step looks at */
  uint64_t n_flows;
  struct lwipsim_divergence div;
  /* The flow the last learn() of a live frame looked up by its live port
   * (rw_flow_by_port, NULL for none): the transmit match asks the same of
   * the same frame next (rw_captured_port) and takes it from here. Any other
   * call into the rewriter forgets it (rw_memo_forget). */
  struct {
    int set;
    const uint8_t *frame;
    uint8_t proto;
    uint16_t sport, dport;
    struct rw_flow *flow;
  } memo;
};

static inline void rw_memo_forget(struct lwipsim_rewriter *rw) { rw->memo.set = 0; }

/* What rw_flow_by_port(rw, k, RW_SIDE_LIVE, sport) answered for live frame p. */
static inline void rw_memo_live(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint16_t sport, uint16_t dport,
                                struct rw_flow *f)
{
  rw->memo.set = 1;
  rw->memo.frame = p->f;
  rw->memo.proto = p->proto;
  rw->memo.sport = sport;
  rw->memo.dport = dport;
  rw->memo.flow = f;
}

/* ---- checked reads ----
 * As tcpdump's GET_BE_U_2: a read names the packet and an offset and fails,
 * rather than reads, when the field is not all inside the bytes the packet
 * may be read in: the captured bytes while rw_parse is still finding the
 * datagram, the datagram itself (up to l3_end, Ethernet padding excluded)
 * once it has. A failed read leaves *v 0; the compiler makes every caller
 * look at the answer. */
#define RW_CHECKED __attribute__((warn_unused_result))

static inline uint32_t rw_readable(const struct rw_pkt *p) { return p->fam == RW_FAM_NONE ? p->caplen : p->l3_end; }

/* Are the n bytes at off inside what p may be read in? */
static inline int rw_has(const struct rw_pkt *p, uint32_t off, uint32_t n)
{
  uint32_t end = rw_readable(p);

  return off <= end && n <= end - off;
}

/* Reads at offsets a checked read has vouched for (a patch reads the value
 * it replaces; a TCP header already bounded reads its ports). */
static inline uint32_t rw_load16(const uint8_t *p) { return ((uint32_t)p[0] << 8) | p[1]; }

static inline uint32_t rw_load32(const uint8_t *p)
{
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

RW_CHECKED static inline int rw_get8(const struct rw_pkt *p, uint32_t off, uint32_t *v)
{
  if (!rw_has(p, off, 1)) {
    *v = 0;
    return 0;
  }
  *v = p->f[off];
  return 1;
}

RW_CHECKED static inline int rw_get16(const struct rw_pkt *p, uint32_t off, uint32_t *v)
{
  if (!rw_has(p, off, 2)) {
    *v = 0;
    return 0;
  }
  *v = ((uint32_t)p->f[off] << 8) | p->f[off + 1];
  return 1;
}

RW_CHECKED static inline int rw_get32(const struct rw_pkt *p, uint32_t off, uint32_t *v)
{
  if (!rw_has(p, off, 4)) {
    *v = 0;
    return 0;
  }
  *v = ((uint32_t)p->f[off] << 24) | ((uint32_t)p->f[off + 1] << 16) | ((uint32_t)p->f[off + 2] << 8) | p->f[off + 3];
  return 1;
}

/* The transport header's source and destination ports (TCP and UDP). */
RW_CHECKED static inline int rw_get_ports(const struct rw_pkt *p, uint16_t *sport, uint16_t *dport)
{
  uint32_t s, d;
  int ok;

  if (rw_has(p, p->l4, 4)) { /* every frame with a transport header: one bound, not two */
    *sport = (uint16_t)rw_load16(p->f + p->l4);
    *dport = (uint16_t)rw_load16(p->f + p->l4 + 2);
    return 1;
  }
  ok = rw_get16(p, p->l4, &s) & rw_get16(p, p->l4 + 2, &d);

  *sport = (uint16_t)s;
  *dport = (uint16_t)d;
  return ok;
}

/* ---- writes, at offsets a read has checked, or into frames built here ---- */
static inline void rw_put16(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

static inline void rw_put32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

/* Sequence space comparison, as TCP_SEQ_GT. */
static inline int rw_seq_gt(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

static inline void rw_parse(struct rw_pkt *p, const uint8_t *frame, uint32_t caplen)
{
  lwipsim_frame_view_parse(p, frame, caplen);
}

/* ---- rewrite_eth_ip.c ---- */
int rw_addr_len(const struct rw_pkt *p);
/* rw_addr_len bytes of the address at a into out, with the two sizes the
 * compiler copies in place (flow keys are made at every frame). */
static inline void rw_addr_copy(uint8_t *out, const struct rw_pkt *p, const uint8_t *a)
{
  if (p->fam == RW_FAM_IP6) {
    memcpy(out, a, 16);
  } else {
    memcpy(out, a, 4);
  }
}
/* 1 for an ARP packet of IPv4 over Ethernet, with its operation in *op. */
int rw_arp_ip4(const struct rw_pkt *p, uint32_t *op);
/* Writes n bytes at off inside the transport segment, fixing its checksum. */
void rw_patch_l4(struct rw_pkt *p, uint32_t off, const uint8_t *nb, uint32_t n);
void rw_patch_l4_16(struct rw_pkt *p, uint32_t off, uint32_t v);
void rw_patch_l4_32(struct rw_pkt *p, uint32_t off, uint32_t v);
/* The same inside a TCP segment whose fixed header (checksum field
 * included) rewrite_tcp.c's parse_tcp has found readable: the checksum is at
 * l4 + 16, so there is no protocol to switch on, no bound to check and no UDP
 * "none" to keep (the ack of every inbound segment came to some 100
 * instructions the general way); no caller's field overlaps the checksum
 * field. Inline: the ack's size and offset are then constants. The same
 * bytes as rw_patch_l4_16/32. */
static inline void rw_patch_tcp_value(struct rw_pkt *p, uint32_t off, uint32_t old, uint32_t v, unsigned n)
{
  uint8_t *cs = p->f + p->l4 + 16;

  if (old == v) {
    return;
  }
  rw_put16(cs, lwipsim_inet_update_be((uint16_t)rw_load16(cs), old, v, n, (int)((off - p->l4) & 1)));
  if (n == 4) {
    rw_put32(p->f + off, v);
  } else {
    rw_put16(p->f + off, v);
  }
  p->changed = 1;
}

static inline void rw_patch_tcp_16(struct rw_pkt *p, uint32_t off, uint32_t v)
{
  rw_patch_tcp_value(p, off, rw_load16(p->f + off), v & 0xffffu, 2);
}

static inline void rw_patch_tcp_32(struct rw_pkt *p, uint32_t off, uint32_t v)
{
  rw_patch_tcp_value(p, off, rw_load32(p->f + off), v, 4);
}
/* Writes the IPv4 destination, fixing header and transport checksums. */
void rw_patch_ip4_dst(struct rw_pkt *p, const uint8_t addr[4]);
/* Writes bytes no checksum covers (ARP). */
void rw_patch_raw(struct rw_pkt *p, uint32_t off, const uint8_t *nb, uint32_t n);

/* ---- rewriter.c: flow table, counters ---- */
void rw_key_make(struct rw_key *k, const struct rw_pkt *p, uint8_t proto, int peer_is_dst, uint16_t peer_port);
struct rw_flow *rw_flow_first(struct lwipsim_rewriter *rw, const struct rw_key *k);
struct rw_flow *rw_flow_next(const struct rw_flow *f, const struct rw_key *k);
/* Newest flow of k whose port on the given side is port. */
struct rw_flow *rw_flow_by_port(struct lwipsim_rewriter *rw, const struct rw_key *k, int side, uint16_t port);
/* rw_flow_by_port_of's lookup when the recent flow does not answer: the key
 * made and hashed, the chain walked; the flow found is tried first next time. */
struct rw_flow *rw_flow_by_port_of_slow(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint8_t proto,
                                        int peer_is_dst, uint16_t peer_port, int side, uint16_t port);

static inline unsigned rw_key_bucket(const struct rw_key *k) { return k->hash & (RW_BUCKETS - 1); }

/* rw_flow_by_port for the peer endpoint of p (its destination when
 * peer_is_dst, else its source; port peer_port), with the same answer.
 * rw_flow_by_port answers with the first flow of the chain whose key and port
 * match: when the recent flow of peer_port heads its chain and matches, that
 * is it, with no key to build or hash. Inline: the callers' protocol, side
 * and direction are constants, and three of a connection's frames in four
 * take this path (a call with seven arguments cost as much as the checks). */
static inline struct rw_flow *rw_flow_by_port_of(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint8_t proto,
                                                 int peer_is_dst, uint16_t peer_port, int side, uint16_t port)
{
  struct rw_flow *f = rw->recent[peer_port & (RW_RECENT - 1)];
  const uint8_t *addr = p->f + (peer_is_dst ? p->dst : p->src);

  if (f != NULL && f->key.peer_port == peer_port && f->key.proto == proto && f->key.fam == (uint8_t)p->fam &&
      (side == RW_SIDE_CAPTURED ? (f->has_cap && f->cap_port == port) : (f->has_live && f->live_port == port)) &&
      /* an IPv4 key's other 12 address bytes are zero in every key */
      (p->fam == RW_FAM_IP6 ? memcmp(f->key.peer, addr, 16) == 0 : memcmp(f->key.peer, addr, 4) == 0) &&
      rw->buckets[rw_key_bucket(&f->key)] == f) {
    return f;
  }
  return rw_flow_by_port_of_slow(rw, p, proto, peer_is_dst, peer_port, side, port);
}
/* NULL when out of memory (the frame is then left alone). */
struct rw_flow *rw_flow_add(struct lwipsim_rewriter *rw, const struct rw_key *k);
void rw_note(struct lwipsim_rewriter *rw, int reason);
/* lwipsim_rewriter_captured_port on a parsed frame. */
int rw_captured_port(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint16_t *port);

/* ---- per protocol ---- */
/* Is a TCP flow over in the capture and for the live stack, so that only a
 * late retransmission could still want it? */
int rw_tcp_over(const struct rw_flow *f);
void rw_tcp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side);
int rw_tcp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p);
/* rewrite_tcp_owed.c */
uint32_t rw_tcp_map_ack(const struct rw_flow *f, uint32_t cap_ack, int *beyond);
void rw_owed_note_inbound(struct rw_flow *f, uint32_t seq_end, uint32_t live_ack, int beyond, uint32_t cap_ack);
void rw_owed_keep_template(struct rw_flow *f, const struct rw_pkt *p);
void rw_owed_after_live(struct lwipsim_rewriter *rw, struct rw_flow *f);
int rw_dhcp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side);
/* DHCP message type of a BOOTP message between ports 67 and 68 (0: none
 * given), or -1 when p is not one. */
int rw_dhcp_type(const struct rw_pkt *p, const uint8_t mac[6]);
int rw_dhcp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p, int *verdict);
void rw_udp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side);
int rw_udp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p);
void rw_addr_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side);
/* Recomputes addr_moved after cap_ip4 or live_ip4 changed. */
void rw_addr_changed(struct lwipsim_rewriter *rw);
void rw_addr_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p);

#endif
