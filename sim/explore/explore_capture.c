/* The candidate's capture: the original frames, streamed, with copies of
 * peers' mDNS queries merged in at their times. Only the queries to copy are
 * held in memory (at most LWIPSIM_EXPLORE_MAX_COPIES), so the capture's
 * length costs nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "explore/explore.h"

#define ETH 14
#define MDNS_PORT 5353
#define MAX_FRAME 1518
#define COPY_SPREAD_US 2000000u /* a copy arrives within 2 s of its query */

struct copy {
  uint64_t time_us;
  uint32_t len;
  uint8_t data[MAX_FRAME];
};

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

/* A peer's mDNS query over IPv4: not from the device, UDP to port 5353, a
 * whole packet, QR = 0 (a question, RFC 6762 18.2). */
static int is_query(const struct lwipsim_frame *f, const uint8_t device_mac[6])
{
  const uint8_t *d = f->data;
  if (f->caplen != f->len || f->caplen < ETH + 20 + 8 + 12 || f->caplen > MAX_FRAME ||
      memcmp(d + 6, device_mac, 6) == 0 || be16(d + 12) != 0x0800) {
    return 0;
  }
  unsigned ihl = (d[ETH] & 15u) * 4u;
  if ((d[ETH] >> 4) != 4 || ihl < 20 || d[ETH + 9] != 17 || (be16(d + ETH + 6) & 0x3fff) != 0 ||
      ETH + ihl + 8 + 12 > f->caplen) {
    return 0;
  }
  const uint8_t *udp = d + ETH + ihl;
  return be16(udp + 2) == MDNS_PORT && (udp[8 + 2] & 0x80) == 0;
}

static long count_queries(const char *capture, const uint8_t device_mac[6], char *err, size_t errlen)
{
  struct lwipsim_pcap_reader *r;
  if (lwipsim_pcap_open(capture, &r, err, errlen) != 0) {
    return -1;
  }
  long n = 0;
  struct lwipsim_frame f;
  int rc;
  while ((rc = lwipsim_pcap_next(r, &f, err, errlen)) == 1) {
    n += is_query(&f, device_mac);
  }
  lwipsim_pcap_close(r);
  return rc < 0 ? -1 : n;
}

/* The conversation a frame belongs to: an IPv4 TCP or UDP packet between
 * the device and a unicast peer; 0 when it is not one. */
static int flow_of(const struct lwipsim_frame *f, const uint8_t device_mac[6], struct lwipsim_explore_flow *out)
{
  const uint8_t *d = f->data;
  if (f->caplen < ETH + 20 + 4 || be16(d + 12) != 0x0800 || (d[ETH] >> 4) != 4) {
    return 0;
  }
  unsigned ihl = (d[ETH] & 15u) * 4u;
  uint8_t proto = d[ETH + 9];
  if (ihl < 20 || (proto != 6 && proto != 17) || ETH + ihl + 4 > f->caplen || (be16(d + ETH + 6) & 0x1fff) != 0) {
    return 0;
  }
  int from_device = memcmp(d + 6, device_mac, 6) == 0;
  const uint8_t *peer_mac = from_device ? d : d + 6;
  if (!from_device && memcmp(d, device_mac, 6) != 0) {
    return 0; /* neither end is the device: not one of its conversations */
  }
  if ((peer_mac[0] & 1) != 0) {
    return 0; /* broadcast and multicast: no one peer */
  }
  const uint8_t *l4 = d + ETH + ihl;
  out->proto = proto;
  memcpy(out->peer_ip, d + ETH + (from_device ? 16 : 12), 4);
  out->peer_port = be16(l4 + (from_device ? 2 : 0));
  out->device_port = be16(l4 + (from_device ? 0 : 2));
  return 1;
}

static int same_flow(const struct lwipsim_explore_flow *a, const struct lwipsim_explore_flow *b)
{
  return a->proto == b->proto && memcmp(a->peer_ip, b->peer_ip, 4) == 0 && a->peer_port == b->peer_port &&
         a->device_port == b->device_port;
}

int lwipsim_explore_scan_capture(const char *capture, const uint8_t device_mac[6], struct lwipsim_explore_space *space,
                                 char *err, size_t errlen)
{
  struct lwipsim_pcap_reader *r;
  if (lwipsim_pcap_open(capture, &r, err, errlen) != 0) {
    return -1;
  }
  space->n_queries = 0;
  space->n_flows = 0;
  struct lwipsim_frame f;
  int rc;
  while ((rc = lwipsim_pcap_next(r, &f, err, errlen)) == 1) {
    space->n_queries += (size_t)is_query(&f, device_mac);
    struct lwipsim_explore_flow fl;
    if (!flow_of(&f, device_mac, &fl)) {
      continue;
    }
    size_t i = 0;
    while (i < space->n_flows && !same_flow(&space->flows[i], &fl)) {
      i++;
    }
    if (i == space->n_flows && i < LWIPSIM_EXPLORE_MAX_FLOWS) {
      space->flows[space->n_flows++] = fl;
    }
  }
  lwipsim_pcap_close(r);
  return rc < 0 ? -1 : 0;
}

static int by_time(const void *a, const void *b)
{
  const struct copy *x = a, *y = b;
  return x->time_us < y->time_us ? -1 : x->time_us > y->time_us;
}

/* The k-th copy of a query: a new sender in the query's /24 (host 200 + k,
 * a locally administered MAC), checksums made right for the new header. */
static void make_copy(struct copy *c, const struct lwipsim_frame *f, unsigned k, uint64_t shift_us, int earlier)
{
  memcpy(c->data, f->data, f->caplen);
  c->len = f->caplen;
  const uint8_t mac[6] = { 0x02, 0x4c, 0x57, 0x53, 0x00, (uint8_t)k };
  memcpy(c->data + 6, mac, 6);
  c->data[ETH + 12 + 3] = (uint8_t)(200 + k % 50);
  c->time_us = earlier ? (f->time_us > shift_us ? f->time_us - shift_us : 0) : f->time_us + shift_us;
  lwipsim_frame_fix_checksums(c->data, c->len);
}

/* Picks the queries to copy (by their index among the capture's queries)
 * and makes the copies. */
static int pick_copies(const char *src, const uint8_t device_mac[6], const struct lwipsim_explore_candidate *cand,
                       struct copy *copies, char *err, size_t errlen)
{
  long total = count_queries(src, device_mac, err, errlen);
  if (total < 0) {
    return -1;
  }
  if (total == 0) {
    return 0;
  }
  uint64_t rng = cand->copies_seed;
  long which[LWIPSIM_EXPLORE_MAX_COPIES];
  uint64_t shift[LWIPSIM_EXPLORE_MAX_COPIES];
  int earlier[LWIPSIM_EXPLORE_MAX_COPIES];
  for (unsigned k = 0; k < cand->copies; k++) {
    which[k] = (long)(lwipsim_explore_next(&rng) % (uint64_t)total);
    shift[k] = lwipsim_explore_next(&rng) % COPY_SPREAD_US;
    earlier[k] = (int)(lwipsim_explore_next(&rng) & 1);
  }
  struct lwipsim_pcap_reader *r;
  if (lwipsim_pcap_open(src, &r, err, errlen) != 0) {
    return -1;
  }
  long q = 0;
  struct lwipsim_frame f;
  int rc;
  while ((rc = lwipsim_pcap_next(r, &f, err, errlen)) == 1) {
    if (!is_query(&f, device_mac)) {
      continue;
    }
    for (unsigned k = 0; k < cand->copies; k++) {
      if (which[k] == q) {
        make_copy(&copies[k], &f, k, shift[k], earlier[k]);
      }
    }
    q++;
  }
  lwipsim_pcap_close(r);
  if (rc < 0) {
    return -1;
  }
  qsort(copies, cand->copies, sizeof copies[0], by_time);
  return (int)cand->copies;
}

/* One of the merged streams: the capture read again, keeping only the
 * frames of one peer's conversation (moved) or only the others. */
struct stream {
  struct lwipsim_pcap_reader *r;
  const struct lwipsim_explore_flow *flow; /* NULL: every frame */
  const uint8_t *device_mac;
  int moved; /* 1: the peer's frames, shifted; 0: all but those */
  int64_t shift_us;
  int have;
  uint64_t time_us;
  struct lwipsim_frame f;
};

static int of_flow(const struct lwipsim_frame *f, const uint8_t *device_mac, const struct lwipsim_explore_flow *flow)
{
  struct lwipsim_explore_flow fl;
  return flow_of(f, device_mac, &fl) && same_flow(&fl, flow);
}

/* The stream's next frame; 0, or -1 with the reader's message. */
static int stream_next(struct stream *s, char *err, size_t errlen)
{
  s->have = 0;
  int rc;
  while ((rc = lwipsim_pcap_next(s->r, &s->f, err, errlen)) == 1) {
    if (s->flow != NULL && of_flow(&s->f, s->device_mac, s->flow) != s->moved) {
      continue;
    }
    int64_t t = (int64_t)s->f.time_us + (s->moved ? s->shift_us : 0);
    s->time_us = t > 0 ? (uint64_t)t : 0;
    s->have = 1;
    return 0;
  }
  return rc < 0 ? -1 : 0;
}

int lwipsim_explore_write_capture(const char *src, const char *dst, const uint8_t device_mac[6],
                                  const struct lwipsim_explore_candidate *c, char *err, size_t errlen)
{
  struct copy *copies = calloc(LWIPSIM_EXPLORE_MAX_COPIES, sizeof *copies);
  if (copies == NULL) {
    snprintf(err, errlen, "out of memory for the copied queries");
    return -1;
  }
  int n = c->copies > 0 ? pick_copies(src, device_mac, c, copies, err, errlen) : 0;
  /* the others, and (when a conversation moves) the moved one */
  struct stream st[2] = { { .flow = c->shift_peer >= 0 ? &c->flow : NULL, .device_mac = device_mac },
                          { .flow = &c->flow, .device_mac = device_mac, .moved = 1, .shift_us = c->shift_us } };
  int streams = c->shift_peer >= 0 ? 2 : 1, rc = n < 0 ? -1 : 0;
  for (int i = 0; i < streams && rc == 0; i++) {
    rc = lwipsim_pcap_open(src, &st[i].r, err, errlen) != 0 || stream_next(&st[i], err, errlen) != 0 ? -1 : 0;
  }
  struct lwipsim_pcap_writer *w = NULL;
  if (rc == 0 && lwipsim_pcap_writer_open(dst, &w, err, errlen) != 0) {
    rc = -1;
  }
  int k = 0;
  while (rc == 0) {
    /* the earliest of the streams' heads and the next copy; on a tie the
     * capture's own frame first, the moved conversation's, then a copy */
    int pick = -1;
    for (int i = 0; i < streams; i++) {
      if (st[i].have && (pick < 0 || st[i].time_us < st[pick].time_us)) {
        pick = i;
      }
    }
    if (k < n && (pick < 0 || copies[k].time_us < st[pick].time_us)) {
      lwipsim_pcap_writer_write(w, copies[k].time_us, copies[k].data, copies[k].len);
      k++;
      continue;
    }
    if (pick < 0) {
      break;
    }
    lwipsim_pcap_writer_write(w, st[pick].time_us, st[pick].f.data, st[pick].f.caplen);
    rc = stream_next(&st[pick], err, errlen);
  }
  for (int i = 0; i < streams; i++) {
    if (st[i].r != NULL) {
      lwipsim_pcap_close(st[i].r);
    }
  }
  free(copies);
  if (w == NULL) {
    return -1;
  }
  if (rc != 0) {
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  return lwipsim_pcap_writer_finish(w, err, errlen);
}
