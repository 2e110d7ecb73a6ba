/* UDP flows the device opens as a client (DNS, SNTP, anything from an
 * ephemeral port to a well-known one): replies go to the live stack's port,
 * and DNS replies carry the live query's id. Captured and live flows to one
 * server pair up in order of appearance; DNS queries pair per transaction and
 * only with the same question, since lwIP may use a new port and id for each. */
#include "common/fnv1a.h"
#include "replay/rewrite_priv.h"

#define DNS_HLEN 12
#define DNS_MAX_NAME 255

/* Is dev_port -> srv_port a flow the device opened? */
static int client_ports(uint32_t dev_port, uint32_t srv_port)
{
  if (srv_port == LWIPSIM_PORT_DNS || srv_port == LWIPSIM_PORT_SNTP) {
    return 1; /* SNTP clients often send from 123 themselves */
  }
  return dev_port >= LWIPSIM_PORT_EPHEMERAL_MIN && srv_port != 0 && srv_port < LWIPSIM_PORT_EPHEMERAL_MIN &&
         srv_port != LWIPSIM_PORT_DHCP_SERVER && srv_port != LWIPSIM_PORT_DHCP_CLIENT;
}

/* Hash of the question section, case folded; 0 if it cannot be read. */
static uint32_t dns_qhash(const struct rw_pkt *p, uint32_t dns)
{
  uint32_t h = LWIPSIM_FNV1A_BASIS, o = dns + DNS_HLEN, end, qdcount, c;

  if (!rw_get16(p, dns + 4, &qdcount) || qdcount == 0) {
    return 0;
  }
  while (rw_get8(p, o, &c) && c != 0) {
    if ((c & 0xc0) != 0 || o - dns - DNS_HLEN > DNS_MAX_NAME) {
      return 0; /* compression or a runaway name: not a query we pair */
    }
    o += c + 1;
  }
  end = o + 5; /* root label, type, class */
  if (!rw_has(p, o, 5)) {
    return 0;
  }
  for (o = dns + DNS_HLEN; o < end && rw_get8(p, o, &c); o++) {
    h = lwipsim_fnv1a_byte(h, (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return h | 1;
}

static int side_has(const struct rw_flow *f, int side) { return side == RW_SIDE_CAPTURED ? f->has_cap : f->has_live; }

/* Oldest flow of k waiting for this side; DNS ones only with the same question. */
static struct rw_flow *oldest_unpaired(struct lwipsim_rewriter *rw, const struct rw_key *k, int side, int dns,
                                       uint32_t qhash)
{
  struct rw_flow *found = NULL;

  for (struct rw_flow *f = rw_flow_first(rw, k); f != NULL; f = rw_flow_next(f, k)) {
    if (f->dns == dns && side_has(f, !side) && !side_has(f, side) && !f->stale && (!dns || f->qhash == qhash)) {
      found = f;
    }
  }
  return found;
}

static struct rw_flow *find_dns(struct lwipsim_rewriter *rw, const struct rw_key *k, int side, uint16_t port,
                                uint16_t id)
{
  for (struct rw_flow *f = rw_flow_first(rw, k); f != NULL; f = rw_flow_next(f, k)) {
    if (f->dns && side_has(f, side) &&
        (side == RW_SIDE_CAPTURED ? f->cap_port == port && f->cap_id == id
                                  : f->live_port == port && f->live_id == id)) {
      return f;
    }
  }
  return NULL;
}

static void set_side(struct rw_flow *f, int side, uint16_t port, uint16_t id)
{
  if (side == RW_SIDE_CAPTURED) {
    f->has_cap = 1;
    f->cap_port = port;
    f->cap_id = id;
  } else {
    f->has_live = 1;
    f->live_port = port;
    f->live_id = id;
  }
}

/* A DNS query is a DNS flow; anything else (or a runt) an ordinary one. */
static int is_dns(const struct rw_pkt *p, uint32_t srv_port)
{
  return srv_port == LWIPSIM_PORT_DNS && p->l4 + LWIPSIM_UDP_HLEN + DNS_HLEN <= p->l3_end;
}

void rw_udp_learn(struct lwipsim_rewriter *rw, const struct rw_pkt *p, int side)
{
  uint16_t sport, dport, id = 0;
  uint32_t qhash = 0, dns_id, dns_flags;
  struct rw_key k;
  struct rw_flow *f;
  int dns;

  if (!rw_has(p, p->l4, LWIPSIM_UDP_HLEN) || !rw_get_ports(p, &sport, &dport) || !client_ports(sport, dport)) {
    return;
  }
  rw_key_make(&k, p, LWIPSIM_IPPROTO_UDP, 1, dport);
  if ((dns = is_dns(p, dport)) != 0) {
    if (!rw_get16(p, p->l4 + LWIPSIM_UDP_HLEN, &dns_id) || !rw_get8(p, p->l4 + LWIPSIM_UDP_HLEN + 2, &dns_flags) ||
        (dns_flags & 0x80)) {
      return; /* a response: the device is no client here */
    }
    id = (uint16_t)dns_id;
    qhash = dns_qhash(p, p->l4 + LWIPSIM_UDP_HLEN);
    f = find_dns(rw, &k, side, sport, id);
  } else {
    f = rw_flow_by_port(rw, &k, side, sport);
    if (side == RW_SIDE_LIVE) {
      rw_memo_live(rw, p, sport, dport, f);
    }
    f = f != NULL && !f->dns ? f : NULL;
  }
  if (f != NULL) {
    f->last_ms = rw->now_ms;
    return; /* a retransmission or the next datagram of a known flow */
  }
  f = oldest_unpaired(rw, &k, side, dns, qhash);
  if (f == NULL && (f = rw_flow_add(rw, &k)) == NULL) {
    return;
  }
  f->dns = (uint8_t)dns;
  f->qhash = qhash;
  f->last_ms = rw->now_ms;
  set_side(f, side, sport, id);
}

/* The captured flow an inbound datagram answers; NULL if the capture showed none. */
static struct rw_flow *captured_flow(struct lwipsim_rewriter *rw, const struct rw_pkt *p, const struct rw_key *k,
                                     uint16_t dport, int dns)
{
  struct rw_flow *f;
  uint32_t id;

  if (dns) {
    return rw_get16(p, p->l4 + LWIPSIM_UDP_HLEN, &id) ? find_dns(rw, k, RW_SIDE_CAPTURED, dport, (uint16_t)id) : NULL;
  }
  f = rw_flow_by_port(rw, k, RW_SIDE_CAPTURED, dport);
  return f != NULL && !f->dns ? f : NULL;
}

/* Newest live ordinary flow of k: a client that keeps one socket gets every reply there. */
static struct rw_flow *newest_live(struct lwipsim_rewriter *rw, const struct rw_key *k)
{
  for (struct rw_flow *f = rw_flow_first(rw, k); f != NULL; f = rw_flow_next(f, k)) {
    if (!f->dns && f->has_live) {
      return f;
    }
  }
  return NULL;
}

int rw_udp_inbound(struct lwipsim_rewriter *rw, struct rw_pkt *p)
{
  uint16_t sport, dport;
  struct rw_key k;
  struct rw_flow *f, *live;
  int dns;

  if (!rw_has(p, p->l4, LWIPSIM_UDP_HLEN) || !rw_get_ports(p, &sport, &dport) || !client_ports(dport, sport)) {
    return RW_INJECT;
  }
  rw_key_make(&k, p, LWIPSIM_IPPROTO_UDP, 0, sport);
  dns = is_dns(p, sport);
  if ((f = captured_flow(rw, p, &k, dport, dns)) == NULL) {
    return RW_INJECT; /* nothing learned to map it by: as captured */
  }
  live = f->has_live ? f : (dns ? NULL : newest_live(rw, &k));
  if (live == NULL) {
    f->stale = 1;
    return LWIPSIM_DIV_NO_LIVE_FLOW;
  }
  f->last_ms = live->last_ms = rw->now_ms;
  rw_patch_l4_16(p, p->l4 + 2, live->live_port);
  if (dns) {
    rw_patch_l4_16(p, p->l4 + LWIPSIM_UDP_HLEN, live->live_id);
  }
  return RW_INJECT;
}
