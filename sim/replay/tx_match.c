/* Transmit match (sim/replay/tx_match.h): frame keys and their counts. */
#include "replay/tx_match.h"

#include <stdlib.h>
#include <string.h>

#include "replay/rewrite_priv.h"

#define PROTO_ICMP 1
#define PORT_DNS 53
#define PORT_MDNS 5353
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
#define BUCKETS 1024

struct entry {
  struct lwipsim_tx_key key;
  uint64_t count[2]; /* [0] reference, [1] transmitted */
  struct entry *next;
};

struct lwipsim_tx_match {
  uint8_t device_mac[6];
  int ipv6_built;
  struct lwipsim_tx_counts c;
  struct entry *buckets[BUCKETS];
};

static uint8_t tcp_kind(const struct rw_pkt *p)
{
  const uint8_t *t = p->f + p->l4;
  uint32_t hlen = (uint32_t)(t[12] >> 4) * 4;
  uint8_t fl = t[13];

  if (fl & TH_RST) {
    return LWIPSIM_TCP_RST;
  }
  if (fl & TH_SYN) {
    return (fl & TH_ACK) ? LWIPSIM_TCP_SYNACK : LWIPSIM_TCP_SYN;
  }
  if (fl & TH_FIN) {
    return LWIPSIM_TCP_FIN;
  }
  /* a first fragment carries data whatever its length here */
  return p->frag || (hlen >= 20 && p->l4 + hlen < p->l3_end) ? LWIPSIM_TCP_DATA : 0;
}

static void key_ports(struct rw_pkt *p, struct lwipsim_tx_key *k, struct lwipsim_rewriter *rw, int live)
{
  uint16_t mapped;

  k->dev_port = (uint16_t)rw_get16(p->f + p->l4);
  k->peer_port = (uint16_t)rw_get16(p->f + p->l4 + 2);
  if (live && rw != NULL && lwipsim_rewriter_captured_port(rw, p->f, p->caplen, &mapped)) {
    k->dev_port = mapped;
  }
}

static void key_udp(struct rw_pkt *p, struct lwipsim_tx_key *k, const uint8_t mac[6])
{
  const uint8_t *u = p->f + p->l4;

  k->dhcp_type = (int16_t)rw_dhcp_type(p, mac);
  if (k->dhcp_type >= 0) {
    return;
  }
  if ((k->dev_port == PORT_DNS || k->dev_port == PORT_MDNS || k->peer_port == PORT_DNS ||
       k->peer_port == PORT_MDNS) &&
      p->l4 + 8 + 3 <= p->l3_end) {
    k->dns = (u[8 + 2] & 0x80) ? LWIPSIM_DNS_RESPONSE : LWIPSIM_DNS_QUERY;
  }
}

enum lwipsim_tx_class lwipsim_tx_key(struct lwipsim_rewriter *rw, const uint8_t device_mac[6], const uint8_t *frame,
                                     uint32_t len, int live, struct lwipsim_tx_key *k)
{
  struct rw_pkt p;

  memset(k, 0, sizeof(*k));
  k->dhcp_type = -1;
  rw_parse(&p, frame, len);
  if (len >= RW_ETH_HLEN) {
    k->ethertype = (uint16_t)rw_get16(frame + 12);
  }
  if (p.fam == RW_FAM_ARP) {
    k->arp_op = (uint16_t)rw_get16(frame + p.l3 + 6);
    return LWIPSIM_TX_KEYED;
  }
  if (p.fam != RW_FAM_IP4 && p.fam != RW_FAM_IP6) {
    return LWIPSIM_TX_KEYED; /* by ethertype alone */
  }
  k->ip_proto = p.proto;
  if ((p.proto == PROTO_ICMP || p.proto == RW_PROTO_ICMP6) && p.l4 < p.l3_end) {
    k->icmp_type = frame[p.l4];
  } else if (p.proto == RW_PROTO_TCP && p.l4 + 20 <= p.l3_end) {
    key_ports(&p, k, rw, live);
    if ((k->tcp_kind = tcp_kind(&p)) == 0) {
      return LWIPSIM_TX_PURE_ACK;
    }
  } else if (p.proto == RW_PROTO_UDP && p.l4 + 8 <= p.l3_end) {
    key_ports(&p, k, rw, live);
    key_udp(&p, k, device_mac);
  }
  return p.fam == RW_FAM_IP6 ? LWIPSIM_TX_IPV6 : LWIPSIM_TX_KEYED;
}

/* ---- counting ---- */

struct lwipsim_tx_match *lwipsim_tx_match_new(const uint8_t device_mac[6], int ipv6_built)
{
  struct lwipsim_tx_match *m = calloc(1, sizeof(*m));

  if (m != NULL) {
    memcpy(m->device_mac, device_mac, 6);
    m->ipv6_built = ipv6_built;
  }
  return m;
}

void lwipsim_tx_match_free(struct lwipsim_tx_match *m)
{
  if (m == NULL) {
    return;
  }
  for (unsigned i = 0; i < BUCKETS; i++) {
    for (struct entry *e = m->buckets[i], *next; e != NULL; e = next) {
      next = e->next;
      free(e);
    }
  }
  free(m);
}

static struct entry *lookup(struct lwipsim_tx_match *m, const struct lwipsim_tx_key *k)
{
  uint32_t h = 2166136261u; /* FNV-1a */
  const uint8_t *b = (const uint8_t *)k;
  struct entry *e;

  for (size_t i = 0; i < sizeof(*k); i++) {
    h = (h ^ b[i]) * 16777619u;
  }
  h &= BUCKETS - 1;
  for (e = m->buckets[h]; e != NULL; e = e->next) {
    if (memcmp(&e->key, k, sizeof(*k)) == 0) {
      return e;
    }
  }
  if ((e = calloc(1, sizeof(*e))) != NULL) {
    e->key = *k;
    e->next = m->buckets[h];
    m->buckets[h] = e;
  }
  return e;
}

void lwipsim_tx_match_frame(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw, const uint8_t *frame,
                            uint32_t len, int live)
{
  struct lwipsim_tx_key k;
  enum lwipsim_tx_class cls = lwipsim_tx_key(rw, m->device_mac, frame, len, live, &k);
  struct entry *e;

  live = live != 0;
  if (cls == LWIPSIM_TX_PURE_ACK) {
    *(live ? &m->c.pure_acks_transmitted : &m->c.pure_acks_reference) += 1;
    return;
  }
  if (cls == LWIPSIM_TX_IPV6 && !live && !m->ipv6_built) {
    m->c.reference_ipv6_unbuilt++;
    return;
  }
  *(live ? &m->c.transmitted : &m->c.reference) += 1;
  if ((e = lookup(m, &k)) == NULL) {
    return;
  }
  /* one more on this side pairs with one the other side has not paired yet */
  if (e->count[live] < e->count[!live]) {
    m->c.matched++;
  }
  e->count[live]++;
}

const struct lwipsim_tx_counts *lwipsim_tx_match_counts(const struct lwipsim_tx_match *m)
{
  return &m->c;
}
