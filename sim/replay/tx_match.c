/* Transmit match (sim/replay/tx_match.h): frame keys and their counts. */
#include "replay/tx_match.h"

#include <stdlib.h>
#include <string.h>

#include "common/key_hash.h"

#include "replay/rewrite_priv.h"

_Static_assert(sizeof(struct lwipsim_tx_key) == 14, "every field of the key is hashed and compared (lookup)");

#define BUCKETS 1024

/* A TCP key neither side has used for this long (capture time) is a closed
 * conversation's: lwIP's 2 * TCP_MSL (tcp_priv.h: TCP_MSL 60000UL). */
#define IDLE_MS 120000u

struct entry {
  struct lwipsim_tx_key key;
  uint64_t count[2]; /* [0] reference, [1] transmitted */
  uint64_t last_ms;
  struct entry *next;
};

struct lwipsim_tx_match {
  uint8_t device_mac[6];
  int ipv6_built;
  struct lwipsim_tx_counts own, *c; /* c: own, or where the caller asked */
  uint64_t now_ms;
  unsigned sweep_at;
  uint64_t n_entries;
  struct entry *spare; /* freed entries, reused before calloc */
  struct entry *buckets[BUCKETS];
};

/* The caller has checked that the whole TCP header is in the datagram. */
static inline uint8_t tcp_kind(const struct rw_pkt *p)
{
  uint32_t off = p->f[p->l4 + 12], fl = p->f[p->l4 + 13], hlen = (off >> 4) * 4;

  if (fl & LWIPSIM_TH_RST) {
    return LWIPSIM_TCP_RST;
  }
  if (fl & LWIPSIM_TH_SYN) {
    return (fl & LWIPSIM_TH_ACK) ? LWIPSIM_TCP_SYNACK : LWIPSIM_TCP_SYN;
  }
  if (fl & LWIPSIM_TH_FIN) {
    return LWIPSIM_TCP_FIN;
  }
  /* a first fragment carries data whatever its length here */
  return p->frag || (hlen >= LWIPSIM_TCP_HLEN && p->l4 + hlen < p->l3_end) ? LWIPSIM_TCP_DATA : 0;
}

/* A live port mapped back to the captured one through rw (NULL: not
 * mapped). */
static inline void map_port(const struct rw_pkt *p, struct lwipsim_tx_key *k, struct lwipsim_rewriter *rw, int live)
{
  uint16_t mapped;

  if (live && rw != NULL && rw_captured_port(rw, p, &mapped)) {
    k->dev_port = mapped;
  }
}

/* The device's and the peer's ports, mapped as above. */
static inline void key_ports(const struct rw_pkt *p, struct lwipsim_tx_key *k, struct lwipsim_rewriter *rw, int live)
{
  if (rw_get_ports(p, &k->dev_port, &k->peer_port)) {
    map_port(p, k, rw, live);
  }
}

/* A TCP segment's ports, read where its caller has checked the whole TCP
 * header is inside the datagram (the checked reads of key_ports tested
 * those bytes again at every segment). */
static inline void tcp_ports(const struct rw_pkt *p, struct lwipsim_tx_key *k, struct lwipsim_rewriter *rw, int live)
{
  k->dev_port = (uint16_t)rw_load16(p->f + p->l4);
  k->peer_port = (uint16_t)rw_load16(p->f + p->l4 + 2);
  map_port(p, k, rw, live);
}

static void key_udp(const struct rw_pkt *p, struct lwipsim_tx_key *k, const uint8_t mac[6])
{
  uint32_t dns_flags;

  k->dhcp_type = (int16_t)rw_dhcp_type(p, mac);
  if (k->dhcp_type >= 0) {
    return;
  }
  if ((k->dev_port == LWIPSIM_PORT_DNS || k->dev_port == LWIPSIM_PORT_MDNS || k->peer_port == LWIPSIM_PORT_DNS ||
       k->peer_port == LWIPSIM_PORT_MDNS) &&
      rw_get8(p, p->l4 + LWIPSIM_UDP_HLEN + 2, &dns_flags)) {
    k->dns = (dns_flags & 0x80) ? LWIPSIM_DNS_RESPONSE : LWIPSIM_DNS_QUERY;
  }
}

/* The key's bucket hash, a word per field, each read as it was written
 * (common/key_hash.h). */
static inline uint32_t key_hash(const struct lwipsim_tx_key *k)
{
  uint64_t hw = LWIPSIM_KEY_HASH_START;
  hw = lwipsim_key_hash_add(hw, 0, k->ethertype);
  hw = lwipsim_key_hash_add(hw, 1, k->arp_op);
  hw = lwipsim_key_hash_add(hw, 2, k->ip_proto);
  hw = lwipsim_key_hash_add(hw, 3, k->icmp_type);
  hw = lwipsim_key_hash_add(hw, 4, k->tcp_kind);
  hw = lwipsim_key_hash_add(hw, 5, k->dns);
  hw = lwipsim_key_hash_add(hw, 6, k->dev_port);
  hw = lwipsim_key_hash_add(hw, 7, k->peer_port);
  hw = lwipsim_key_hash_add(hw, 8, (uint16_t)k->dhcp_type);
  return lwipsim_key_hash_end(hw);
}

/* A TCP segment whose whole header is in the datagram, of kind `kind`
 * (tcp_kind, not 0): its key and hash. The key is built in a local that no
 * call can reach, so key_hash's constant words (ARP, ICMP, DNS, DHCP) fold
 * at compile time and only the four that vary are multiplied. */
static inline __attribute__((always_inline)) enum lwipsim_tx_class tcp_key(struct lwipsim_rewriter *rw,
                                                                           const struct rw_pkt *p, int live,
                                                                           uint8_t kind, struct lwipsim_tx_key *k,
                                                                           uint32_t *hash)
{
  struct lwipsim_tx_key t = { .dhcp_type = -1, .ip_proto = LWIPSIM_IPPROTO_TCP, .tcp_kind = kind };

  t.ethertype = (uint16_t)rw_load16(p->f + 12); /* an IP frame has its Ethernet header */
  tcp_ports(p, &t, rw, live);
  *hash = key_hash(&t);
  *k = t;
  return p->fam == RW_FAM_IP6 ? LWIPSIM_TX_IPV6 : LWIPSIM_TX_KEYED;
}

/* A TCP segment with its whole header: its kind (0: a pure ACK); -1 for any
 * other frame. */
static inline int tcp_kind_of(const struct rw_pkt *p)
{
  if ((p->fam == RW_FAM_IP4 || p->fam == RW_FAM_IP6) && p->proto == LWIPSIM_IPPROTO_TCP &&
      p->l4 + LWIPSIM_TCP_HLEN <= p->l3_end) {
    return tcp_kind(p);
  }
  return -1;
}

/* The key of lwipsim_tx_key_view; the counting below builds it only for
 * the frames it compares (no pure ACK). */
static inline __attribute__((always_inline)) enum lwipsim_tx_class key_of(struct lwipsim_rewriter *rw,
                                                                          const uint8_t device_mac[6],
                                                                          const struct rw_pkt *p, int live,
                                                                          struct lwipsim_tx_key *k, uint32_t *hash)
{
  uint32_t v;
  int kind = tcp_kind_of(p);

  if (kind > 0) {
    return tcp_key(rw, p, live, (uint8_t)kind, k, hash);
  }
  memset(k, 0, sizeof(*k));
  k->dhcp_type = -1;
  if (rw_get16(p, 12, &v)) {
    k->ethertype = (uint16_t)v;
  }
  if (p->fam == RW_FAM_ARP) {
    if (rw_get16(p, p->l3 + 6, &v)) {
      k->arp_op = (uint16_t)v;
    }
    *hash = key_hash(k);
    return LWIPSIM_TX_KEYED;
  }
  if (p->fam != RW_FAM_IP4 && p->fam != RW_FAM_IP6) {
    *hash = key_hash(k);
    return LWIPSIM_TX_KEYED; /* by ethertype alone */
  }
  k->ip_proto = p->proto;
  if (kind == 0) {
    /* never compared, so its live port is not mapped (a flow lookup) */
    tcp_ports(p, k, NULL, live);
    return LWIPSIM_TX_PURE_ACK;
  }
  if ((p->proto == LWIPSIM_IPPROTO_ICMP || p->proto == LWIPSIM_IPPROTO_ICMPV6) && rw_get8(p, p->l4, &v)) {
    k->icmp_type = (uint8_t)v;
  } else if (p->proto == LWIPSIM_IPPROTO_UDP && p->l4 + LWIPSIM_UDP_HLEN <= p->l3_end) {
    key_ports(p, k, rw, live);
    key_udp(p, k, device_mac);
  }
  *hash = key_hash(k);
  return p->fam == RW_FAM_IP6 ? LWIPSIM_TX_IPV6 : LWIPSIM_TX_KEYED;
}

enum lwipsim_tx_class lwipsim_tx_key(struct lwipsim_rewriter *rw, const uint8_t device_mac[6], const uint8_t *frame,
                                     uint32_t len, int live, struct lwipsim_tx_key *k)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  return lwipsim_tx_key_view(rw, device_mac, &p, live, k);
}

enum lwipsim_tx_class lwipsim_tx_key_view(struct lwipsim_rewriter *rw, const uint8_t device_mac[6],
                                          const struct lwipsim_frame_view *view, int live, struct lwipsim_tx_key *k)
{
  uint32_t unused;

  return key_of(rw, device_mac, view, live, k, &unused);
}

/* ---- counting ---- */

struct lwipsim_tx_match *lwipsim_tx_match_new(const uint8_t device_mac[6], int ipv6_built)
{
  struct lwipsim_tx_match *m = calloc(1, sizeof(*m));

  if (m != NULL) {
    memcpy(m->device_mac, device_mac, 6);
    m->ipv6_built = ipv6_built;
    m->c = &m->own;
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
  for (struct entry *e = m->spare, *next; e != NULL; e = next) {
    next = e->next;
    free(e);
  }
  free(m);
}

/* The entry of k (hash: key_hash of k), or a new one; *link is where it
 * hangs in its bucket. */
static struct entry *lookup(struct lwipsim_tx_match *m, const struct lwipsim_tx_key *k, uint32_t hash,
                            struct entry ***link)
{
  uint32_t h = hash & (BUCKETS - 1);
  struct entry **pp, *e;

  for (pp = &m->buckets[h]; (e = *pp) != NULL; pp = &e->next) {
    if (memcmp(&e->key, k, sizeof(*k)) == 0) {
      *link = pp;
      return e;
    }
  }
  if (m->spare != NULL) {
    e = m->spare;
    m->spare = e->next;
    memset(e, 0, sizeof(*e));
  } else if ((e = calloc(1, sizeof(*e))) == NULL) {
    return NULL;
  }
  e->key = *k;
  e->next = m->buckets[h];
  m->buckets[h] = e;
  m->n_entries++;
  *link = &m->buckets[h];
  return e;
}

static void drop(struct lwipsim_tx_match *m, struct entry **link)
{
  struct entry *e = *link;

  *link = e->next;
  e->next = m->spare;
  m->spare = e;
  m->n_entries--;
}

void lwipsim_tx_match_set_now(struct lwipsim_tx_match *m, uint64_t now_ms)
{
  if (now_ms < m->now_ms) {
    return;
  }
  m->now_ms = now_ms;
  /* one bucket per call: TCP keys idle for 2 * TCP_MSL */
  for (struct entry **pp = &m->buckets[m->sweep_at], *e; (e = *pp) != NULL;) {
    if (e->key.ip_proto == LWIPSIM_IPPROTO_TCP && now_ms - e->last_ms > IDLE_MS) {
      drop(m, pp);
    } else {
      pp = &e->next;
    }
  }
  m->sweep_at = (m->sweep_at + 1) & (BUCKETS - 1);
}

uint64_t lwipsim_tx_match_entries(const struct lwipsim_tx_match *m) { return m->n_entries; }

void lwipsim_tx_match_frame(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len,
                            int live)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  lwipsim_tx_match_frame_view(m, rw, &p, live);
}

/* A frame that is compared (not a pure ACK): kept out of line, so that the
 * pure ACKs, most frames on both sides, leave without building a key or
 * setting up this frame. kind: its tcp_kind_of. */
static __attribute__((noinline)) void keyed_frame(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw,
                                                  const struct lwipsim_frame_view *v, int live, int kind)
{
  struct lwipsim_tx_key k;
  uint32_t hash = 0; /* a pure ACK's key has none (never one here) */
  enum lwipsim_tx_class cls =
      kind > 0 ? tcp_key(rw, v, live, (uint8_t)kind, &k, &hash) : key_of(rw, m->device_mac, v, live, &k, &hash);
  struct entry *e, **link;

  if (cls == LWIPSIM_TX_IPV6 && !live && !m->ipv6_built) {
    m->c->reference_ipv6_unbuilt++;
    return;
  }
  *(live ? &m->c->transmitted : &m->c->reference) += 1;
  if ((e = lookup(m, &k, hash, &link)) == NULL) {
    return;
  }
  /* one more on this side pairs with one the other side has not paired yet */
  if (e->count[live] < e->count[!live]) {
    m->c->matched++;
  }
  e->count[live]++;
  e->last_ms = m->now_ms;
  /* Only the difference of the counts decides what later frames match:
   * equal counts are the same as no entry, so the entry goes. */
  if (e->count[0] == e->count[1]) {
    drop(m, link);
  }
}

void lwipsim_tx_match_frame_view(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw,
                                 const struct lwipsim_frame_view *v, int live)
{
  int kind = tcp_kind_of(v);

  live = live != 0;
  if (kind == 0) {
    *(live ? &m->c->pure_acks_transmitted : &m->c->pure_acks_reference) += 1;
    return;
  }
  keyed_frame(m, rw, v, live, kind);
}

const struct lwipsim_tx_counts *lwipsim_tx_match_counts(const struct lwipsim_tx_match *m) { return m->c; }

void lwipsim_tx_match_count_into(struct lwipsim_tx_match *m, struct lwipsim_tx_counts *where)
{
  *where = *m->c;
  m->c = where;
}
