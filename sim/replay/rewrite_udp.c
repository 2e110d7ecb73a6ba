/* UDP flows the device opens as a client (DNS, SNTP, anything from an
 * ephemeral port to a well-known one): replies go to the live stack's port,
 * and DNS replies carry the live query's id. Captured and live flows to one
 * server pair up in order of appearance; DNS queries pair per transaction and
 * only with the same question, since lwIP may use a new port and id for each. */
#include "replay/rewrite_priv.h"

#define PORT_DNS 53
#define PORT_SNTP 123
#define PORT_EPHEMERAL_MIN 1024
#define DNS_HLEN 12
#define DNS_MAX_NAME 255

/* Is dev_port -> srv_port a flow the device opened? */
static int client_ports(uint32_t dev_port, uint32_t srv_port)
{
  if (srv_port == PORT_DNS || srv_port == PORT_SNTP) {
    return 1; /* SNTP clients often send from 123 themselves */
  }
  return dev_port >= PORT_EPHEMERAL_MIN && srv_port != 0 && srv_port < PORT_EPHEMERAL_MIN && srv_port != 67 &&
         srv_port != 68;
}

/* Hash of the question section, case folded; 0 if it cannot be read. */
static uint32_t dns_qhash(const struct rw_pkt *p, uint32_t dns)
{
  uint32_t h = 2166136261u, o = dns + DNS_HLEN, end;

  if (rw_get16(p->f + dns + 4) == 0) {
    return 0;
  }
  while (o < p->l3_end && p->f[o] != 0) {
    if ((p->f[o] & 0xc0) != 0 || o - dns - DNS_HLEN > DNS_MAX_NAME) {
      return 0; /* compression or a runaway name: not a query we pair */
    }
    o += (uint32_t)p->f[o] + 1;
  }
  end = o + 5; /* root label, type, class */
  if (end > p->l3_end) {
    return 0;
  }
  for (o = dns + DNS_HLEN; o < end; o++) {
    uint8_t c = p->f[o];

    h = (h ^ (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 16777619u;
  }
  return h | 1;
}

static int side_has(const struct rw_flow *f, int side)
{
  return side == RW_SIDE_CAPTURED ? f->has_cap : f->has_live;
}

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
        (side == RW_SIDE_CAPTURED ? f->cap_port == port && f->cap_id == id : f->live_port == port && f->live_id == id)) {
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
  return srv_port == PORT_DNS && p->l4 + 8 + DNS_HLEN <= p->l3_end;
}

void rw_udp_learn(struct lwipsim_rewriter *rw, struct rw_pkt *p, int side)
{
  const uint8_t *u = p->f + p->l4;
  uint16_t sport, dport, id = 0;
  uint32_t qhash = 0;
  struct rw_key k;
  struct rw_flow *f;
  int dns;

  if (p->l4 + 8 > p->l3_end) {
    return;
  }
  sport = (uint16_t)rw_get16(u);
  dport = (uint16_t)rw_get16(u + 2);
  if (!client_ports(sport, dport)) {
    return;
  }
  rw_key_make(&k, p, RW_PROTO_UDP, 1, dport);
  if ((dns = is_dns(p, dport)) != 0) {
    if (u[8 + 2] & 0x80) {
      return; /* a response: the device is no client here */
    }
    id = (uint16_t)rw_get16(u + 8);
    qhash = dns_qhash(p, p->l4 + 8);
    f = find_dns(rw, &k, side, sport, id);
  } else {
    f = rw_flow_by_port(rw, &k, side, sport);
    f = f != NULL && !f->dns ? f : NULL;
  }
  if (f != NULL) {
    return; /* a retransmission or the next datagram of a known flow */
  }
  f = oldest_unpaired(rw, &k, side, dns, qhash);
  if (f == NULL && (f = rw_flow_add(rw, &k)) == NULL) {
    return;
  }
  f->dns = (uint8_t)dns;
  f->qhash = qhash;
  set_side(f, side, sport, id);
}

/* The captured flow an inbound datagram answers; NULL if the capture showed none. */
static struct rw_flow *captured_flow(struct lwipsim_rewriter *rw, const struct rw_pkt *p, const struct rw_key *k,
                                     uint16_t dport, int dns)
{
  struct rw_flow *f;

  if (dns) {
    return find_dns(rw, k, RW_SIDE_CAPTURED, dport, (uint16_t)rw_get16(p->f + p->l4 + 8));
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
  const uint8_t *u = p->f + p->l4;
  uint16_t sport, dport;
  struct rw_key k;
  struct rw_flow *f, *live;
  int dns;

  if (p->l4 + 8 > p->l3_end) {
    return RW_INJECT;
  }
  sport = (uint16_t)rw_get16(u);
  dport = (uint16_t)rw_get16(u + 2);
  if (!client_ports(dport, sport)) {
    return RW_INJECT;
  }
  rw_key_make(&k, p, RW_PROTO_UDP, 0, sport);
  dns = is_dns(p, sport);
  if ((f = captured_flow(rw, p, &k, dport, dns)) == NULL) {
    return RW_INJECT; /* nothing learned to map it by: as captured */
  }
  live = f->has_live ? f : (dns ? NULL : newest_live(rw, &k));
  if (live == NULL) {
    f->stale = 1;
    return LWIPSIM_DIV_NO_LIVE_FLOW;
  }
  rw_patch_l4_16(p, p->l4 + 2, live->live_port);
  if (dns) {
    rw_patch_l4_16(p, p->l4 + 8, live->live_id);
  }
  return RW_INJECT;
}
