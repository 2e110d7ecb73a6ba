/* What a failure costs (sim/replay/impact.h): questions and their answers on
 * both sides, and what each side sent after the failure. */
#include "replay/impact.h"

#include <stdlib.h>
#include <string.h>

#include "common/key_hash.h"
#include "common/mac_eq.h"
#include "replay/rewrite_priv.h"

/* Questions waiting for an answer from either side; when full, the oldest is
 * settled to make room (deterministic, and a question neither side answered
 * for that long counts for nothing anyway). */
#define OPEN_MAX 128
_Static_assert(OPEN_MAX % 64 == 0, "open_bits holds whole words");

#define PORT_MQTT 1883
#define MQTT_PINGREQ 0xc0 /* MQTT 3.1.1 section 3.12: fixed header 0xc0 0x00 */
#define DHCP_REQUEST 3

enum side { CAPTURED = 0, LIVE = 1 };

/* What pairs a question with its answer: the service, the peer's address
 * and both ports (zero for an mDNS query, which any response answers). */
struct flow_key {
  uint8_t service; /* MDNS_QUERIES, HTTP or HTTP_CONNECTIONS */
  uint8_t fam;
  uint16_t peer_port, dev_port;
  uint8_t peer[16]; /* an IPv4 address in the first four, the rest zero */
};

/* A flow question's chain in the table below; mDNS queries are on none. */
#define NO_SLOT (-1)
#define BUCKETS 256 /* a power of two, above OPEN_MAX: chains stay short */

struct question {
  int open;
  uint8_t answered[2];    /* by the captured device, by the live one */
  uint8_t captured_after; /* failures (bits) before the captured device answered */
  uint8_t chained;
  int16_t next; /* the next question in its bucket */
  uint32_t hash;
  struct flow_key k;
  uint64_t t_ms;
};

struct lwipsim_impact {
  uint8_t mac[6];
  int ipv6_built;
  struct question q[OPEN_MAX];
  /* every open question is below it: the scans stop there, not at
   * OPEN_MAX (a frame used to walk all 128 slots, mostly empty) */
  unsigned hi;
  /* The open flow questions by their key's hash: a frame looks up its own
   * connection's questions, not every open one (a tiled capture keeps
   * dozens open, each answered by one side only). */
  int16_t head[BUCKETS];
  /* which slots are open, a bit each: ask() finds the lowest free one
   * without walking the open ones (dozens stay open in a long capture) */
  uint64_t open_bits[OPEN_MAX / 64];
  /* which slots hold an open mDNS query: an mDNS frame walks those, not
   * every open slot (most are HTTP questions one side never answered) */
  uint64_t mdns_bits[OPEN_MAX / 64];
  uint64_t sent[LWIPSIM_IMPACT_STARTS][2][LWIPSIM_IMPACT_SERVICES];
  struct lwipsim_impact_counts c[LWIPSIM_IMPACT_STARTS];
  int finished;
};

static const char *const names[LWIPSIM_IMPACT_SERVICES] = { "mdns", "http", "dhcp",        "sntp",   "dns",
                                                            "mqtt", "udp",  "connections", "queries" };
static const char *const whats[LWIPSIM_IMPACT_SERVICES] = { "responses", "responses", "renewals",
                                                            "requests",  "requests",  "keep-alives",
                                                            "datagrams", "accepts",   "answers" };

const char *lwipsim_impact_service_name(enum lwipsim_impact_service s) { return names[s]; }
const char *lwipsim_impact_service_what(enum lwipsim_impact_service s) { return whats[s]; }

struct lwipsim_impact *lwipsim_impact_new(const uint8_t device_mac[6], int ipv6_built)
{
  struct lwipsim_impact *m = calloc(1, sizeof(*m));

  if (m != NULL) {
    memcpy(m->mac, device_mac, 6);
    m->ipv6_built = ipv6_built;
    for (unsigned b = 0; b < BUCKETS; b++) {
      m->head[b] = NO_SLOT;
    }
  }
  return m;
}

void lwipsim_impact_free(struct lwipsim_impact *m) { free(m); }

static void unchain(struct lwipsim_impact *m, struct question *q)
{
  int16_t self = (int16_t)(q - m->q);
  int16_t *link = &m->head[q->hash & (BUCKETS - 1)];
  while (*link != self) {
    link = &m->q[*link].next;
  }
  *link = q->next;
  q->chained = 0;
}

static void settle(struct lwipsim_impact *m, struct question *q)
{
  for (unsigned i = 0; i < LWIPSIM_IMPACT_STARTS; i++) {
    if (q->captured_after & (1u << i)) {
      m->c[i].of[q->k.service]++;
      m->c[i].missing[q->k.service] += !q->answered[LIVE];
    }
  }
  if (q->chained) {
    unchain(m, q);
  }
  unsigned slot = (unsigned)(q - m->q);
  m->open_bits[slot / 64] &= ~(UINT64_C(1) << (slot % 64));
  m->mdns_bits[slot / 64] &= ~(UINT64_C(1) << (slot % 64));
  q->open = 0;
  while (m->hi > 0 && !m->q[m->hi - 1].open) {
    m->hi--;
  }
}

static struct question *take(struct lwipsim_impact *m, unsigned slot)
{
  m->open_bits[slot / 64] |= UINT64_C(1) << (slot % 64);
  return &m->q[slot];
}

/* The lowest free slot (the caller opens it), else the oldest question,
 * settled to make room. */
static struct question *ask(struct lwipsim_impact *m)
{
  for (unsigned w = 0; w < OPEN_MAX / 64; w++) {
    uint64_t free_bits = ~m->open_bits[w];
    if (free_bits != 0) {
      unsigned slot = w * 64 + (unsigned)__builtin_ctzll(free_bits);
      if (slot < m->hi) {
        return take(m, slot);
      }
      break; /* every slot below hi is open */
    }
  }
  if (m->hi < OPEN_MAX) {
    return take(m, m->hi++);
  }
  struct question *oldest = &m->q[0];
  for (unsigned i = 1; i < OPEN_MAX; i++) {
    if (m->q[i].t_ms < oldest->t_ms) {
      oldest = &m->q[i];
    }
  }
  settle(m, oldest);
  m->hi = OPEN_MAX; /* the slot is opened again at once */
  return take(m, (unsigned)(oldest - m->q));
}

/* One frame, parsed once: which side, which flow, what it starts with. */
struct view {
  const struct rw_pkt *p; /* the caller's view, not a copy */
  int from_device;
  uint16_t dev_port, peer_port;
  const uint8_t *peer; /* the peer's address in the frame */
  uint32_t payload;    /* offset of the TCP/UDP payload; 0 if none */
  uint32_t tcp_flags;
};

/* Are there n bytes of payload? */
static int payload_has(const struct view *v, uint32_t n) { return v->payload != 0 && rw_has(v->p, v->payload, n); }

/* text: a string literal, so the comparison's length is a constant the
 * compiler compares in place */
#define payload_starts(v, text) \
  (payload_has((v), (uint32_t)(sizeof(text) - 1)) && memcmp((v)->p->f + (v)->payload, (text), sizeof(text) - 1) == 0)

/* The device's HTTP response, asked of every segment it sends: "HTTP" as
 * one word and the '/', which the compiler compares in place (a memcmp of
 * five bytes was a library call). */
static int payload_is_http_response(const struct view *v)
{
  return payload_has(v, 5) && memcmp(v->p->f + v->payload, "HTTP", 4) == 0 && v->p->f[v->payload + 4] == '/';
}

static int http_request(const struct view *v)
{
  uint32_t first;
  if (v->payload == 0 || !rw_get8(v->p, v->payload, &first)) {
    return 0;
  }
  switch (first) { /* most segments start with none of the methods' letters */
  case 'G': return payload_starts(v, "GET ");
  case 'H': return payload_starts(v, "HEAD ");
  case 'P': return payload_starts(v, "POST ") || payload_starts(v, "PUT ") || payload_starts(v, "PATCH ");
  case 'D': return payload_starts(v, "DELETE ");
  case 'O': return payload_starts(v, "OPTIONS ");
  default: return 0;
  }
}

/* The key, and its hash made from the same values (common/key_hash.h: not
 * read back from the key just written). */
static inline __attribute__((always_inline)) uint32_t flow_key_of(struct flow_key *k, const struct view *v,
                                                                  enum lwipsim_impact_service s)
{
  uint64_t h = lwipsim_key_hash_add(LWIPSIM_KEY_HASH_START, 0,
                                    (uint32_t)s | (uint32_t)v->p->fam << 8 | (uint32_t)v->peer_port << 16);

  memset(k, 0, sizeof *k);
  k->service = (uint8_t)s;
  k->fam = (uint8_t)v->p->fam;
  k->peer_port = v->peer_port;
  k->dev_port = v->dev_port;
  rw_addr_copy(k->peer, v->p, v->peer);
  h = lwipsim_key_hash_add(h, 1, v->dev_port);
  return lwipsim_key_hash_end(lwipsim_key_hash_addr(h, 2, v->peer, v->p->fam == RW_FAM_IP6));
}

static void open_flow_question(struct lwipsim_impact *m, const struct view *v, enum lwipsim_impact_service s,
                               uint64_t now_ms)
{
  struct flow_key k;
  uint32_t hash = flow_key_of(&k, v, s);
  for (int16_t i = m->head[hash & (BUCKETS - 1)]; i != NO_SLOT; i = m->q[i].next) {
    const struct question *q = &m->q[i];
    if (q->hash == hash && memcmp(&q->k, &k, sizeof k) == 0 && !q->answered[CAPTURED] && !q->answered[LIVE]) {
      return; /* a retransmission of a question nobody answered yet */
    }
  }
  struct question *q = ask(m);
  memset(q, 0, sizeof(*q));
  q->open = 1;
  q->k = k;
  q->hash = hash;
  q->t_ms = now_ms;
  q->chained = 1;
  q->next = m->head[hash & (BUCKETS - 1)];
  m->head[hash & (BUCKETS - 1)] = (int16_t)(q - m->q);
}

static void answer(struct lwipsim_impact *m, struct question *q, enum side side, unsigned failed)
{
  q->answered[side] = 1;
  if (side == CAPTURED) {
    q->captured_after = (uint8_t)failed;
  }
  if (q->answered[CAPTURED] && q->answered[LIVE]) {
    settle(m, q);
  }
}

/* The oldest question of this flow the side has not answered yet (the
 * lowest slot of equally old ones, as a scan of the slots would find). */
static void answer_flow(struct lwipsim_impact *m, const struct view *v, enum lwipsim_impact_service s, enum side side,
                        unsigned failed)
{
  struct flow_key k;
  uint32_t hash = flow_key_of(&k, v, s);
  struct question *best = NULL;
  for (int16_t i = m->head[hash & (BUCKETS - 1)]; i != NO_SLOT; i = m->q[i].next) {
    struct question *q = &m->q[i];
    if (q->hash == hash && !q->answered[side] && memcmp(&q->k, &k, sizeof k) == 0 &&
        (best == NULL || q->t_ms < best->t_ms || (q->t_ms == best->t_ms && q < best))) {
      best = q;
    }
  }
  if (best != NULL) {
    answer(m, best, side, failed);
  }
}

static void count(struct lwipsim_impact *m, enum lwipsim_impact_service s, enum side side, unsigned failed);

/* mDNS: queries past the window can no longer be answered. The open
 * queries in slot order, as a walk of every slot would meet them (settling
 * one clears its own bit only). */
static void mdns_expire(struct lwipsim_impact *m, uint64_t now_ms)
{
  for (unsigned w = 0; w < OPEN_MAX / 64; w++) {
    for (uint64_t bits = m->mdns_bits[w]; bits != 0; bits &= bits - 1) {
      struct question *q = &m->q[w * 64 + (unsigned)__builtin_ctzll(bits)];
      if (now_ms - q->t_ms > LWIPSIM_IMPACT_MDNS_WINDOW_MS) {
        settle(m, q);
      }
    }
  }
}

/* Out of line: inlined, its loops and calls made counted_frame save six
 * registers for every frame it sorts (few are mDNS). */
static __attribute__((noinline)) void mdns(struct lwipsim_impact *m, const struct view *v, enum side side,
                                           uint64_t now_ms, unsigned failed)
{
  uint32_t flags;
  if (!rw_get8(v->p, v->p->l4 + LWIPSIM_UDP_HLEN + 2, &flags)) {
    return;
  }
  mdns_expire(m, now_ms);
  int response = (flags & 0x80) != 0;
  if (!v->from_device) {
    if (!response) {
      struct question *q = ask(m);
      unsigned slot = (unsigned)(q - m->q);
      m->mdns_bits[slot / 64] |= UINT64_C(1) << (slot % 64);
      memset(q, 0, sizeof(*q));
      q->open = 1;
      q->k.service = LWIPSIM_IMPACT_MDNS_QUERIES;
      q->k.fam = (uint8_t)v->p->fam;
      q->t_ms = now_ms;
    }
    return;
  }
  if (!response) {
    return; /* the device's own probes and queries */
  }
  /* One response may answer several queries at once (a responder
   * aggregates answers that are due together). */
  for (unsigned w = 0; w < OPEN_MAX / 64; w++) {
    for (uint64_t bits = m->mdns_bits[w]; bits != 0; bits &= bits - 1) {
      struct question *q = &m->q[w * 64 + (unsigned)__builtin_ctzll(bits)];
      if (q->k.fam == v->p->fam && !q->answered[side]) {
        answer(m, q, side, failed);
      }
    }
  }
  count(m, LWIPSIM_IMPACT_MDNS, side, failed);
}

static void count(struct lwipsim_impact *m, enum lwipsim_impact_service s, enum side side, unsigned failed)
{
  for (unsigned i = 0; i < LWIPSIM_IMPACT_STARTS; i++) {
    m->sent[i][side][s] += (failed >> i) & 1;
  }
}

static void count_sent(struct lwipsim_impact *m, const struct view *v, enum side side, unsigned failed)
{
  enum lwipsim_impact_service s;
  if (v->p->proto == LWIPSIM_IPPROTO_TCP) {
    uint32_t b;
    if (v->peer_port != PORT_MQTT || v->payload == 0 || !rw_get8(v->p, v->payload, &b) || b != MQTT_PINGREQ) {
      return;
    }
    s = LWIPSIM_IMPACT_MQTT;
  } else if (v->peer_port == LWIPSIM_PORT_DHCP_SERVER || v->dev_port == LWIPSIM_PORT_DHCP_SERVER) {
    if (rw_dhcp_type(v->p, m->mac) != DHCP_REQUEST) {
      return;
    }
    s = LWIPSIM_IMPACT_DHCP;
  } else if (v->peer_port == LWIPSIM_PORT_SNTP) {
    s = LWIPSIM_IMPACT_SNTP;
  } else if (v->peer_port == LWIPSIM_PORT_DNS) {
    s = LWIPSIM_IMPACT_DNS;
  } else if (v->dev_port == LWIPSIM_PORT_DNS || v->dev_port == LWIPSIM_PORT_SNTP) {
    return; /* the device is no DNS or NTP server */
  } else {
    s = LWIPSIM_IMPACT_UDP;
  }
  count(m, s, side, failed);
}

static int for_device(const struct lwipsim_impact *m, const uint8_t *frame)
{
  return (frame[0] & 1) || lwipsim_mac_eq(frame, m->mac);
}

void lwipsim_impact_frame(struct lwipsim_impact *m, const uint8_t *frame, uint32_t len, int live, uint64_t now_ms,
                          unsigned failed)
{
  struct rw_pkt p;

  rw_parse(&p, frame, len);
  lwipsim_impact_frame_view(m, &p, live, now_ms, failed);
}

/* A peer's TCP segment that may ask: a connection (SYN) or an HTTP request.
 * Out of line: the method's comparisons (a library call among them) made
 * counted_frame save registers for every frame it sorts. */
static __attribute__((noinline)) void peer_segment(struct lwipsim_impact *m, const struct view *v, uint64_t now_ms)
{
  if ((v->tcp_flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK | LWIPSIM_TH_RST)) == LWIPSIM_TH_SYN) {
    open_flow_question(m, v, LWIPSIM_IMPACT_HTTP_CONNECTIONS, now_ms);
  } else if (http_request(v)) {
    open_flow_question(m, v, LWIPSIM_IMPACT_HTTP, now_ms);
  }
}

/* A frame that may count (lwipsim_impact_frame_view has sorted it): kept
 * out of line, so that the frames that cannot (a peer's pure ACKs, the
 * device's, most of a conversation) leave without setting up its frame. */
static __attribute__((noinline)) void counted_frame(struct lwipsim_impact *m, const struct view *v, int live,
                                                    uint64_t now_ms, unsigned failed)
{
  enum side side = live ? LIVE : CAPTURED;

  if (v->p->proto == LWIPSIM_IPPROTO_UDP) {
    if (v->dev_port == LWIPSIM_PORT_MDNS || v->peer_port == LWIPSIM_PORT_MDNS) {
      mdns(m, v, side, now_ms, failed);
    } else if (v->from_device) {
      count_sent(m, v, side, failed);
    }
    return;
  }
  if (!v->from_device) {
    peer_segment(m, v, now_ms);
    return;
  }
  uint32_t syn = v->tcp_flags & (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK | LWIPSIM_TH_RST);
  if (syn == (LWIPSIM_TH_SYN | LWIPSIM_TH_ACK)) {
    answer_flow(m, v, LWIPSIM_IMPACT_HTTP_CONNECTIONS, side, failed);
  } else if (payload_is_http_response(v)) {
    answer_flow(m, v, LWIPSIM_IMPACT_HTTP, side, failed);
  } else {
    count_sent(m, v, side, failed);
  }
}

void lwipsim_impact_frame_view(struct lwipsim_impact *m, const struct lwipsim_frame_view *parsed, int live,
                               uint64_t now_ms, unsigned failed)
{
  const uint8_t *frame = parsed->f;
  struct view v;
  uint32_t off;

  if (parsed->caplen < LWIPSIM_ETH_HLEN || (parsed->fam != RW_FAM_IP4 && parsed->fam != RW_FAM_IP6) ||
      (parsed->fam == RW_FAM_IP6 && !m->ipv6_built) || parsed->frag) {
    return;
  }
  /* The TCP header's offset and flags read once, here, before the MAC
   * addresses: a segment counts only with SYN or a payload (a pure ACK,
   * most of a conversation, neither asks, answers nor is sent as a service,
   * whoever sent it). A UDP header is there whole. */
  if (parsed->proto == LWIPSIM_IPPROTO_TCP) {
    /* one test for both bytes (two checked reads tested the end twice) */
    if (parsed->l4 + 14 > parsed->l3_end) {
      return;
    }
    off = frame[parsed->l4 + 12];
    v.tcp_flags = frame[parsed->l4 + 13];
    uint32_t hlen = (off >> 4) * 4;
    if (!(v.tcp_flags & LWIPSIM_TH_SYN) && parsed->l4 + hlen >= parsed->l3_end) {
      return;
    }
    v.payload = hlen >= LWIPSIM_TCP_HLEN && parsed->l4 + hlen < parsed->l3_end ? parsed->l4 + hlen : 0;
  } else if (parsed->proto == LWIPSIM_IPPROTO_UDP && rw_has(parsed, parsed->l4, LWIPSIM_UDP_HLEN)) {
    v.tcp_flags = 0;
    v.payload = parsed->l4 + LWIPSIM_UDP_HLEN;
  } else {
    return;
  }
  v.from_device = live || lwipsim_mac_eq(frame + 6, m->mac);
  if (!v.from_device && !for_device(m, frame)) {
    return;
  }
  /* Both ports are inside the datagram: the reads above checked further. */
  uint16_t sport = (uint16_t)(frame[parsed->l4] << 8 | frame[parsed->l4 + 1]);
  uint16_t dport = (uint16_t)(frame[parsed->l4 + 2] << 8 | frame[parsed->l4 + 3]);
  v.p = parsed;
  v.dev_port = v.from_device ? sport : dport;
  v.peer_port = v.from_device ? dport : sport;
  v.peer = frame + (v.from_device ? parsed->dst : parsed->src);
  counted_frame(m, &v, live, now_ms, failed);
}

const struct lwipsim_impact_counts *lwipsim_impact_finish(struct lwipsim_impact *m, unsigned start)
{
  static const enum lwipsim_impact_service sent_kinds[] = { LWIPSIM_IMPACT_MDNS, LWIPSIM_IMPACT_DHCP,
                                                            LWIPSIM_IMPACT_SNTP, LWIPSIM_IMPACT_DNS,
                                                            LWIPSIM_IMPACT_MQTT, LWIPSIM_IMPACT_UDP };
  if (!m->finished) {
    m->finished = 1;
    for (unsigned i = 0; i < m->hi; i++) {
      if (m->q[i].open) {
        settle(m, &m->q[i]);
      }
    }
    for (unsigned i = 0; i < LWIPSIM_IMPACT_STARTS; i++) {
      for (size_t k = 0; k < sizeof sent_kinds / sizeof sent_kinds[0]; k++) {
        enum lwipsim_impact_service s = sent_kinds[k];
        uint64_t captured = m->sent[i][CAPTURED][s], live = m->sent[i][LIVE][s];
        m->c[i].of[s] = captured;
        m->c[i].missing[s] = captured > live ? captured - live : 0;
      }
    }
  }
  return &m->c[start < LWIPSIM_IMPACT_STARTS ? start : 0];
}
