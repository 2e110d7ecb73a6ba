/* Streaming reader for Ethernet captures, classic pcap and pcapng alike.
 *
 * libpcap does the file-format work; this file adds what the replay needs on
 * top: one frame in memory at a time (captures can be far larger than RAM is
 * worth spending on them), times relative to the first frame and never going
 * backwards, and one-line error messages that name the file and the frame.
 *
 * A classic pcap file of version 2.4 (what tcpdump, Wireshark and lwipsim
 * write) is also mapped into memory, and its plain records are read from
 * the map: 34 instructions a frame instead of libpcap's 470 (two freads and
 * a copy; bench.pcap_read). libpcap has opened the file and checked its
 * header all the same; the first record that is not plain (a header or data
 * cut short, a captured length over the snapshot length or libpcap's
 * maximum) hands the rest of the file back to libpcap at that record, so
 * its handling and its messages stay libpcap's. */
#include "capture/pcap_reader.h"

#include "common/error_text.h"

#include <pcap/pcap.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define US_PER_S 1000000LL

struct lwipsim_pcap_reader {
  pcap_t *pcap;
  char *path;
  uint64_t count;      /* frames returned so far */
  long long first_sec; /* timestamp of the first frame */
  long long first_usec;
  uint64_t last_time_us; /* time_us of the previous frame */
  /* the mapped file (NULL: libpcap reads every record) */
  const uint8_t *map;
  size_t map_size, off; /* off: the next record's header */
  size_t dropped;       /* pages below it were given back (MADV_DONTNEED) */
  size_t page;
  int swapped, nsec;
  uint32_t snapshot;
};

/* The classic format (pcap(5), libpcap's sf-pcap.c): a 24-byte file header,
 * then per record a 16-byte header (seconds, microseconds or nanoseconds,
 * captured length, length on the wire, each 32 bits in the writer's order). */
#define FILE_HDR 24
#define RECORD_HDR 16
#define MAGIC_US 0xa1b2c3d4u
#define MAGIC_NS 0xa1b23c4du
/* libpcap's largest captured length for Ethernet (pcap-int.h MAXIMUM_SNAPLEN,
 * max_snaplen_for_dlt): a longer record is libpcap's to refuse */
#define LIBPCAP_MAX_CAPLEN 262144u
/* Pages of the map read past are given back in steps of this, so the
 * process's resident size stays flat in the capture's length. */
#define DROP_STEP (256u << 10)

/* libpcap's own message for an empty file talks about header bytes; say plainly
 * what is wrong, and catch a directory before libpcap gives a vaguer error. */
static int check_file(const char *path, char *err, size_t errlen)
{
  struct stat st;

  if (stat(path, &st) != 0) {
    lwipsim_set_err(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    lwipsim_set_err(err, errlen, "%s: is a directory, not a capture file", path);
    return -1;
  }
  if (S_ISREG(st.st_mode) && st.st_size == 0) {
    lwipsim_set_err(err, errlen, "%s: empty file (not a pcap or pcapng capture)", path);
    return -1;
  }
  return 0;
}

static int check_link_type(pcap_t *p, const char *path, char *err, size_t errlen)
{
  int dlt = pcap_datalink(p);
  const char *name;

  if (dlt == DLT_EN10MB) {
    return 0;
  }
  name = pcap_datalink_val_to_name(dlt);
  lwipsim_set_err(err, errlen, "%s: link type %s (%d) is not supported; lwipsim replays Ethernet (EN10MB) captures",
                  path, name != NULL ? name : "unknown", dlt);
  return -1;
}

static uint32_t get32(const struct lwipsim_pcap_reader *r, size_t off)
{
  uint32_t v;
  memcpy(&v, r->map + off, 4);
  return r->swapped ? __builtin_bswap32(v) : v;
}

/* Maps a classic pcap 2.4 file libpcap has opened; anything else (pcapng,
 * other versions and magics, a file that is not regular or cannot be
 * mapped) stays libpcap's alone. */
static void map_file(struct lwipsim_pcap_reader *r)
{
  if (pcap_major_version(r->pcap) != 2 || pcap_minor_version(r->pcap) != 4 || pcap_snapshot(r->pcap) <= 0) {
    return;
  }
  int fd = open(r->path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0) {
    return;
  }
  /* a file larger than the address space (a 32-bit build) is libpcap's: a
   * map cut at SIZE_MAX would end the capture early without a word */
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < FILE_HDR ||
      (uintmax_t)st.st_size > (uintmax_t)SIZE_MAX) {
    close(fd);
    return;
  }
  void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (m == MAP_FAILED) {
    return;
  }
  r->map = m;
  r->map_size = (size_t)st.st_size;
  uint32_t magic;
  memcpy(&magic, r->map, 4);
  r->swapped = magic == __builtin_bswap32(MAGIC_US) || magic == __builtin_bswap32(MAGIC_NS);
  r->nsec = magic == MAGIC_NS || magic == __builtin_bswap32(MAGIC_NS);
  if ((!r->swapped && magic != MAGIC_US && magic != MAGIC_NS) || r->swapped != pcap_is_swapped(r->pcap)) {
    munmap(m, r->map_size);
    r->map = NULL;
    return;
  }
  madvise(m, r->map_size, MADV_SEQUENTIAL);
  r->snapshot = (uint32_t)pcap_snapshot(r->pcap);
  r->off = FILE_HDR;
  r->dropped = 0;
  long page = sysconf(_SC_PAGESIZE);
  r->page = page > 0 && (page & (page - 1)) == 0 ? (size_t)page : 4096;
}

static void unmap_file(struct lwipsim_pcap_reader *r)
{
  if (r->map != NULL) {
    munmap((void *)(uintptr_t)r->map, r->map_size);
    r->map = NULL;
  }
}

/* The next record from the map: 1 with *h and *data, 0 at the end, -1 when
 * the record is not plain (libpcap takes over at it). The timestamp fields
 * as libpcap makes them: signed 32-bit, nanoseconds divided down. */
static int mapped_next(struct lwipsim_pcap_reader *r, struct pcap_pkthdr *h, const u_char **data)
{
  if (r->off == r->map_size) {
    return 0;
  }
  if (r->map_size - r->off < RECORD_HDR) {
    return -1;
  }
  uint32_t caplen = get32(r, r->off + 8);
  if (caplen > LIBPCAP_MAX_CAPLEN || caplen > r->snapshot || r->map_size - r->off - RECORD_HDR < caplen) {
    return -1;
  }
  h->ts.tv_sec = (int32_t)get32(r, r->off);
  h->ts.tv_usec = (int32_t)get32(r, r->off + 4);
  if (r->nsec) {
    h->ts.tv_usec /= 1000;
  }
  h->caplen = caplen;
  h->len = get32(r, r->off + 12);
  /* the previous frame is released by this call: its pages may go */
  size_t below = r->off & ~(r->page - 1); /* a page size is a power of two: no division a frame */
  if (below - r->dropped >= DROP_STEP) {
    madvise((void *)(uintptr_t)(r->map + r->dropped), below - r->dropped, MADV_DONTNEED);
    r->dropped = below;
  }
  *data = r->map + r->off + RECORD_HDR;
  r->off += RECORD_HDR + caplen;
  return 1;
}

/* A record libpcap must read: it reads on from that record's offset. */
static int hand_back(struct lwipsim_pcap_reader *r)
{
  FILE *fp = pcap_file(r->pcap);
  off_t at = (off_t)r->off;
  unmap_file(r);
  return fp != NULL && fseeko(fp, at, SEEK_SET) == 0 ? 0 : -1;
}

int lwipsim_pcap_open(const char *path, struct lwipsim_pcap_reader **out, char *err, size_t errlen)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  struct lwipsim_pcap_reader *r;
  pcap_t *p;

  if (out == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_open: no output pointer");
    return -1;
  }
  *out = NULL;
  if (path == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_open: no path");
    return -1;
  }
  if (check_file(path, err, errlen) != 0) {
    return -1;
  }
  errbuf[0] = '\0';
  /* Micro precision makes libpcap scale nanosecond captures down for us, so
   * every capture looks the same from here on. */
  p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (p == NULL) {
    lwipsim_strip_newline(errbuf);
    /* libpcap's wording for a file that is neither pcap nor pcapng */
    lwipsim_set_err(err, errlen, "%s: %s%s", path, errbuf[0] != '\0' ? errbuf : "cannot open capture",
                    strcmp(errbuf, "unknown file format") == 0 ? " (not a pcap or pcapng capture)" : "");
    return -1;
  }
  if (check_link_type(p, path, err, errlen) != 0) {
    pcap_close(p);
    return -1;
  }
  r = calloc(1, sizeof(*r));
  if (r == NULL || (r->path = strdup(path)) == NULL) {
    free(r);
    pcap_close(p);
    lwipsim_set_err(err, errlen, "%s: out of memory", path);
    return -1;
  }
  r->pcap = p;
  map_file(r);
  *out = r;
  return 0;
}

/* Time of this frame relative to the first one, in microseconds.
 * A frame stamped earlier than the previous one gets the previous frame's time:
 * captures stitched together (mergecap -a, cat of two rotations) or taken while
 * NTP stepped the clock have such jumps, and the frames still reached the device
 * in file order. Keeping file order and clamping the time keeps virtual time
 * monotonic for the replay scheduler without reordering what the device saw.
 * Returns -1 if the jump is too large to represent. */
static int frame_time_us(struct lwipsim_pcap_reader *r, const struct pcap_pkthdr *h, uint64_t *time_us)
{
  long long sec = (long long)h->ts.tv_sec;
  long long usec = (long long)h->ts.tv_usec;
  long long dsec, dus;

  if (r->count == 0) {
    r->first_sec = sec;
    r->first_usec = usec;
    r->last_time_us = 0;
    *time_us = 0;
    return 0;
  }
  dsec = sec - r->first_sec;
  /* pcapng allows 64-bit timestamps; a corrupt one must not overflow below. */
  if (dsec > (long long)(INT64_MAX / US_PER_S) - 2 || dsec < -((long long)(INT64_MAX / US_PER_S) - 2)) {
    return -1;
  }
  dus = dsec * US_PER_S + (usec - r->first_usec);
  if (dus < 0 || (uint64_t)dus < r->last_time_us) {
    *time_us = r->last_time_us;
  } else {
    *time_us = (uint64_t)dus;
  }
  r->last_time_us = *time_us;
  return 0;
}

int lwipsim_pcap_next(struct lwipsim_pcap_reader *r, struct lwipsim_frame *f, char *err, size_t errlen)
{
  struct pcap_pkthdr *h = NULL;
  const u_char *data = NULL;
  uint64_t frame_no;
  int rc;

  if (r == NULL || f == NULL) {
    lwipsim_set_err(err, errlen, "lwipsim_pcap_next: no reader or frame");
    return -1;
  }
  frame_no = r->count + 1; /* 1-based, as Wireshark numbers frames */
  struct pcap_pkthdr mapped;
  rc = r->map != NULL ? mapped_next(r, &mapped, &data) : -1;
  if (rc == 1) {
    h = &mapped;
  } else if (rc == 0) {
    return 0;
  } else if (r->map != NULL && hand_back(r) != 0) {
    lwipsim_set_err(err, errlen, "%s: frame %llu: cannot seek in the capture: %s", r->path,
                    (unsigned long long)frame_no, strerror(errno));
    return -1;
  } else {
    rc = pcap_next_ex(r->pcap, &h, &data);
  }
  if (rc == PCAP_ERROR_BREAK) {
    return 0;
  }
  if (rc != 1 || h == NULL || data == NULL) {
    char msg[PCAP_ERRBUF_SIZE];

    snprintf(msg, sizeof(msg), "%s", rc == PCAP_ERROR ? pcap_geterr(r->pcap) : "unexpected end of capture");
    lwipsim_strip_newline(msg);
    lwipsim_set_err(err, errlen, "%s: frame %llu: %s", r->path, (unsigned long long)frame_no, msg);
    return -1;
  }
  if (frame_time_us(r, h, &f->time_us) != 0) {
    lwipsim_set_err(err, errlen, "%s: frame %llu: timestamp out of range (corrupt capture?)", r->path,
                    (unsigned long long)frame_no);
    return -1;
  }
  f->data = data;
  f->caplen = h->caplen;
  f->len = h->len;
  r->count = frame_no;
  return 1;
}

uint64_t lwipsim_pcap_frame_count(const struct lwipsim_pcap_reader *r) { return r != NULL ? r->count : 0; }

void lwipsim_pcap_close(struct lwipsim_pcap_reader *r)
{
  if (r == NULL) {
    return;
  }
  unmap_file(r);
  pcap_close(r->pcap);
  free(r->path);
  free(r);
}

uint64_t lwipsim_pcap_first_time_us(const struct lwipsim_pcap_reader *r)
{
  if (r == NULL || r->count == 0 || r->first_sec < 0) {
    return 0;
  }
  return (uint64_t)r->first_sec * US_PER_S + (uint64_t)(r->first_usec > 0 ? r->first_usec : 0);
}
