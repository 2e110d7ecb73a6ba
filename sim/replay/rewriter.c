/* Rewriter dispatcher, flow table and divergence counters. */
#include "replay/rewrite_priv.h"

#include <stdlib.h>
#include <string.h>

#include "common/key_hash.h"

static const char *const reason_names[LWIPSIM_DIV_REASONS] = {
  [LWIPSIM_DIV_NO_LIVE_CONNECTION] = "no_live_connection",
  [LWIPSIM_DIV_LIVE_RESET] = "live_reset",
  [LWIPSIM_DIV_LIVE_CLOSED] = "live_closed",
  [LWIPSIM_DIV_NO_LIVE_FLOW] = "no_live_flow",
  [LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA] = "ack_beyond_live_data",
  [LWIPSIM_DIV_DHCP_UNKNOWN_XID] = "dhcp_unknown_xid",
  [LWIPSIM_DIV_DHCP_NO_LIVE_XID] = "dhcp_no_live_xid",
  [LWIPSIM_DIV_NO_CAPTURED_ISN] = "no_captured_isn",
};

/* ---- flow table: chained hash on the peer endpoint ---- */

/* The hash first: a chain's other keys differ there, and a key's bytes are
 * read only once it matches, when its stores have long reached the cache. */
static int key_eq(const struct rw_key *a, const struct rw_key *b)
{
  return a->hash == b->hash && memcmp(a, b, offsetof(struct rw_key, hash)) == 0;
}

void rw_key_make(struct rw_key *k, const struct rw_pkt *p, uint8_t proto, int peer_is_dst, uint16_t peer_port)
{
  const uint8_t *addr = p->f + (peer_is_dst ? p->dst : p->src);
  uint64_t h = lwipsim_key_hash_add(LWIPSIM_KEY_HASH_START, 0,
                                    (uint32_t)proto | (uint32_t)p->fam << 8 | (uint32_t)peer_port << 16);

  /* zeroed whole, padding included: the key is compared as bytes */
  memset(k, 0, sizeof(*k));
  k->proto = proto;
  k->fam = (uint8_t)p->fam;
  k->peer_port = peer_port;
  rw_addr_copy(k->peer, p, addr);
  k->hash = lwipsim_key_hash_end(lwipsim_key_hash_addr(h, 1, addr, p->fam == RW_FAM_IP6));
}

struct rw_flow *rw_flow_next(const struct rw_flow *f, const struct rw_key *k)
{
  for (f = f->next; f != NULL; f = f->next) {
    if (key_eq(&f->key, k)) {
      return (struct rw_flow *)(uintptr_t)f;
    }
  }
  return NULL;
}

struct rw_flow *rw_flow_first(struct lwipsim_rewriter *rw, const struct rw_key *k)
{
  struct rw_flow *f = rw->buckets[rw_key_bucket(k)];

  if (f == NULL || key_eq(&f->key, k)) {
    return f;
  }
  return rw_flow_next(f, k);
}

struct rw_flow *rw_flow_by_port(struct lwipsim_rewriter *rw, const struct rw_key *k, int side, uint16_t port)
{
  for (struct rw_flow *f = rw_flow_first(rw, k); f != NULL; f = rw_flow_next(f, k)) {
    if (side == RW_SIDE_CAPTURED ? (f->has_cap && f->cap_port == port) : (f->has_live && f->live_port == port)) {
      return f;
    }
  }
  return NULL;
}

struct rw_flow *rw_flow_by_port_of_slow(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint8_t proto,
                                        int peer_is_dst, uint16_t peer_port, int side, uint16_t port)
{
  struct rw_key k;
  struct rw_flow *f;

  rw_key_make(&k, p, proto, peer_is_dst, peer_port);
  f = rw_flow_by_port(rw, &k, side, port);
  if (f != NULL) {
    rw->recent[peer_port & (RW_RECENT - 1)] = f;
  }
  return f;
}

/* A flow the sweep freed is kept for the next connection (rw->spare):
 * calloc and free came to some 350 instructions a connection, a 320-byte
 * flow zeroed in place to a tenth of that. The spare flows and the table
 * together never hold more flows than the table held at its peak, so memory
 * stays bounded by the conversations of two minutes, as before. */
static struct rw_flow *flow_alloc(struct lwipsim_rewriter *rw)
{
  struct rw_flow *f = rw->spare;

  if (f == NULL) {
    /* on its own cache lines (struct rw_flow: its size is a multiple of
     * them, as aligned_alloc asks) */
    f = aligned_alloc(_Alignof(struct rw_flow), sizeof(*f));
    if (f == NULL) {
      return NULL;
    }
  } else {
    rw->spare = f->next;
  }
  memset(f, 0, sizeof(*f));
  return f;
}

static void free_chain(struct rw_flow *f)
{
  while (f != NULL) {
    struct rw_flow *next = f->next;

    free(f);
    f = next;
  }
}

struct rw_flow *rw_flow_add(struct lwipsim_rewriter *rw, const struct rw_key *k)
{
  struct rw_flow *f = flow_alloc(rw);
  unsigned h = rw_key_bucket(k);

  if (f != NULL) {
    f->key = *k;
    f->next = rw->buckets[h];
    f->last_ms = rw->now_ms;
    rw->buckets[h] = f;
    rw->in_use[h] = 1;
    rw->recent[k->peer_port & (RW_RECENT - 1)] = f; /* its next segments' flow */
    rw->n_flows++;
  }
  return f;
}

#define RW_SWEEP_AHEAD 4

/* One step of the sweep: the TCP flows of one bucket that are over and idle.
 * Out of line: most buckets are empty, and their step then costs a test. */
__attribute__((noinline)) static void sweep_bucket(struct lwipsim_rewriter *rw, unsigned b)
{
  for (struct rw_flow **pp = &rw->buckets[b], *f; (f = *pp) != NULL;) {
    /* TCP once over on both sides; UDP and DNS once quiet as long (a client's
     * request and its answer are seconds apart, a DNS transaction is over
     * within its retries, and a quiet client's next datagram pairs anew) */
    if (rw->now_ms - f->last_ms > RW_IDLE_MS && (f->key.proto != LWIPSIM_IPPROTO_TCP || rw_tcp_over(f))) {
      *pp = f->next;
      if (rw->last_tcp == f) {
        rw->last_tcp = NULL;
      }
      if (rw->recent[f->key.peer_port & (RW_RECENT - 1)] == f) {
        rw->recent[f->key.peer_port & (RW_RECENT - 1)] = NULL;
      }
      f->next = rw->spare;
      rw->spare = f;
      rw->n_flows--;
    } else {
      pp = &f->next;
    }
  }
  if (rw->buckets[b] == NULL) {
    rw->in_use[b] = 0;
  }
}

void lwipsim_rewriter_set_now(struct lwipsim_rewriter *rw, uint64_t now_ms)
{
  if (now_ms < rw->now_ms) {
    return; /* the sim clock never goes back; a caller's clock might */
  }
  rw_memo_forget(rw); /* the sweep may free the flow it holds */
  rw->now_ms = now_ms;
  if (rw->in_use[rw->sweep_at]) {
    sweep_bucket(rw, rw->sweep_at);
  }
  rw->sweep_at = (rw->sweep_at + 1) & (RW_BUCKETS - 1);
  /* The flow a later step will read, asked for now: the sweep meets flows
   * idle for minutes, each a wait for memory, and a few steps (frames) later
   * it is in the cache. */
  unsigned ahead = (rw->sweep_at + RW_SWEEP_AHEAD) & (RW_BUCKETS - 1);
  if (rw->in_use[ahead]) {
    __builtin_prefetch(rw->buckets[ahead]);
  }
}

uint64_t lwipsim_rewriter_flows(const struct lwipsim_rewriter *rw) { return rw->n_flows; }

void rw_note(struct lwipsim_rewriter *rw, int reason)
{
  rw->div.by_reason[reason]++;
  rw->div.noted++;
}

/* ---- public API ---- */

struct lwipsim_rewriter *lwipsim_rewriter_new(const uint8_t device_mac[6])
{
  struct lwipsim_rewriter *rw = calloc(1, sizeof(*rw));

  if (rw != NULL) {
    memcpy(rw->mac, device_mac, 6);
  }
  return rw;
}

void lwipsim_rewriter_free(struct lwipsim_rewriter *rw)
{
  if (rw == NULL) {
    return;
  }
  for (unsigned i = 0; i < RW_BUCKETS; i++) {
    free_chain(rw->buckets[i]);
  }
  free_chain(rw->spare);
  free(rw);
}

/* The learners only read the frame: they get a copy of the view. */
static void learn(struct lwipsim_rewriter *rw, const struct rw_pkt *v, int side)
{
  const struct rw_pkt *p = v; /* learning reads the frame: no copy */

  rw_memo_forget(rw);
  rw_addr_learn(rw, p, side);
  if (p->proto == LWIPSIM_IPPROTO_TCP) {
    rw_tcp_learn(rw, p, side);
  } else if (p->proto == LWIPSIM_IPPROTO_UDP && !rw_dhcp_learn(rw, p, side)) {
    rw_udp_learn(rw, p, side);
  }
}

void lwipsim_rewriter_learn_reference_view(struct lwipsim_rewriter *rw, const struct lwipsim_frame_view *v)
{
  learn(rw, v, RW_SIDE_CAPTURED);
}

void lwipsim_rewriter_learn_transmitted_view(struct lwipsim_rewriter *rw, const struct lwipsim_frame_view *v)
{
  learn(rw, v, RW_SIDE_LIVE);
}

void lwipsim_rewriter_learn_reference(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  learn(rw, &p, RW_SIDE_CAPTURED);
}

void lwipsim_rewriter_learn_transmitted(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  learn(rw, &p, RW_SIDE_LIVE);
}

int lwipsim_rewriter_inbound(struct lwipsim_rewriter *rw, uint8_t *frame, uint32_t len)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  return lwipsim_rewriter_inbound_view(rw, &p);
}

int lwipsim_rewriter_inbound_view(struct lwipsim_rewriter *rw, struct lwipsim_frame_view *v)
{
  rw_memo_forget(rw);
  struct rw_pkt *p = v; /* rewritten in place: the caller's frame is a copy already */
  int verdict = RW_INJECT;

  rw->div.inbound++;
  rw->last_tcp = NULL;
  /* decide first, rewrite after: a withheld frame may still be logged as captured */
  if (p->proto == LWIPSIM_IPPROTO_TCP) {
    verdict = rw_tcp_inbound(rw, p);
  } else if (p->proto == LWIPSIM_IPPROTO_UDP && !rw_dhcp_inbound(rw, p, &verdict)) {
    verdict = rw_udp_inbound(rw, p);
  }
  if (verdict != RW_INJECT) {
    rw->div.diverged++;
    rw_note(rw, verdict);
    return 0;
  }
  rw_addr_inbound(rw, p);
  /* The template (as injected: addresses rewritten too) is read only while
   * the flow is owed an ack, and a flow becomes owed only by a segment that
   * comes through here right after: kept then, not copied for every segment. */
  if (rw->last_tcp != NULL && rw->last_tcp->owed) {
    rw_owed_keep_template(rw->last_tcp, p);
  }
  rw->last_tcp = NULL;
  if (p->changed) {
    rw->div.rewritten++;
  }
  return 1;
}

int lwipsim_rewriter_captured_port(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len, uint16_t *port)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  return rw_captured_port(rw, &p, port);
}

int rw_captured_port(struct lwipsim_rewriter *rw, const struct rw_pkt *p, uint16_t *port)
{
  struct rw_flow *f;
  uint16_t sport, dport;

  if ((p->proto != LWIPSIM_IPPROTO_TCP && p->proto != LWIPSIM_IPPROTO_UDP) || !rw_has(p, p->l4, LWIPSIM_UDP_HLEN) ||
      !rw_get_ports(p, &sport, &dport)) {
    return 0;
  }
  if (rw->memo.set && rw->memo.frame == p->f && rw->memo.proto == p->proto && rw->memo.sport == sport &&
      rw->memo.dport == dport) {
    f = rw->memo.flow; /* the lookup learn() just made for this frame */
  } else {
    f = rw_flow_by_port_of(rw, p, p->proto, 1, dport, RW_SIDE_LIVE, sport);
  }
  rw_memo_forget(rw);
  if (f == NULL || !f->has_cap) {
    return 0;
  }
  *port = f->cap_port;
  return 1;
}

void lwipsim_rewriter_set_live_ip4(struct lwipsim_rewriter *rw, const uint8_t ip[4])
{
  memcpy(rw->live_ip4, ip, 4);
  rw_addr_changed(rw);
}

int lwipsim_rewriter_dhcp_server_id(const struct lwipsim_rewriter *rw, uint8_t out[4])
{
  if (!rw->dhcp.has_server_id) {
    return 0;
  }
  memcpy(out, rw->dhcp.server_id, 4);
  return 1;
}

const struct lwipsim_divergence *lwipsim_rewriter_divergence(const struct lwipsim_rewriter *rw) { return &rw->div; }

const char *lwipsim_divergence_reason_name(int reason)
{
  if (reason < 0 || reason >= LWIPSIM_DIV_REASONS) {
    return "unknown";
  }
  return reason_names[reason];
}
