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

long lwipsim_explore_count_queries(const char *capture, const uint8_t device_mac[6], char *err, size_t errlen)
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
  long total = lwipsim_explore_count_queries(src, device_mac, err, errlen);
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

int lwipsim_explore_write_capture(const char *src, const char *dst, const uint8_t device_mac[6],
                                  const struct lwipsim_explore_candidate *c, char *err, size_t errlen)
{
  struct copy *copies = calloc(LWIPSIM_EXPLORE_MAX_COPIES, sizeof *copies);
  if (copies == NULL) {
    snprintf(err, errlen, "out of memory for the copied queries");
    return -1;
  }
  int n = c->copies > 0 ? pick_copies(src, device_mac, c, copies, err, errlen) : 0;
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_pcap_writer *w = NULL;
  if (n < 0 || lwipsim_pcap_open(src, &r, err, errlen) != 0) {
    free(copies);
    return -1;
  }
  if (lwipsim_pcap_writer_open(dst, &w, err, errlen) != 0) {
    lwipsim_pcap_close(r);
    free(copies);
    return -1;
  }
  int k = 0, rc;
  struct lwipsim_frame f;
  while ((rc = lwipsim_pcap_next(r, &f, err, errlen)) == 1) {
    for (; k < n && copies[k].time_us < f.time_us; k++) {
      lwipsim_pcap_writer_write(w, copies[k].time_us, copies[k].data, copies[k].len);
    }
    lwipsim_pcap_writer_write(w, f.time_us, f.data, f.caplen);
  }
  for (; rc == 0 && k < n; k++) {
    lwipsim_pcap_writer_write(w, copies[k].time_us, copies[k].data, copies[k].len);
  }
  lwipsim_pcap_close(r);
  free(copies);
  if (rc < 0) {
    lwipsim_pcap_writer_close(w);
    return -1;
  }
  return lwipsim_pcap_writer_finish(w, err, errlen);
}
