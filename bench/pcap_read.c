/* lwipsim_bench_pcap_read libpcap|mmap FILE: one classic-pcap capture read
 * to its end, either through libpcap's buffered reader (pcap_open_offline,
 * pcap_next_ex: what sim/capture/pcap_reader.c does) or by a small walker
 * over the file mapped into memory. Prints the frames, their bytes, a sum of
 * two bytes of each (both readers must agree) and the loop's wall time; the
 * instructions come from running it under callgrind (bench_pcap_read.sh).
 * Issue 12: "read captures with libpcap's buffered reader or a mapped file,
 * whichever measures faster". */
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define GLOBAL_HDR 24
#define RECORD_HDR 16
#define MAGIC_US 0xa1b2c3d4u /* tcpdump's pcap(5), microsecond timestamps */
#define MAGIC_NS 0xa1b23c4du /* nanosecond timestamps */

struct totals {
  uint64_t frames, bytes, sum;
};

static void take(struct totals *t, const uint8_t *data, uint32_t caplen)
{
  t->frames++;
  t->bytes += caplen;
  /* the frame's first and last bytes: every page of a mapped file is
   * touched (as the replay's copy of a frame would), and the figures stay
   * the readers' own, not a loop over the bytes both would run alike */
  if (caplen > 0) {
    t->sum += data[0] + data[caplen - 1];
  }
}

static int read_libpcap(const char *path, struct totals *t)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (p == NULL) {
    fprintf(stderr, "%s: %s\n", path, errbuf);
    return -1;
  }
  struct pcap_pkthdr *h;
  const u_char *data;
  int rc;
  while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
    take(t, data, h->caplen);
  }
  if (rc != PCAP_ERROR_BREAK) {
    fprintf(stderr, "%s: %s\n", path, pcap_geterr(p));
  }
  pcap_close(p);
  return rc == PCAP_ERROR_BREAK ? 0 : -1;
}

static uint32_t get32(const uint8_t *b, int swap)
{
  uint32_t v;
  memcpy(&v, b, 4);
  return swap ? __builtin_bswap32(v) : v;
}

static int read_mmap(const char *path, struct totals *t)
{
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < GLOBAL_HDR) {
    fprintf(stderr, "%s: cannot open, or shorter than a pcap header\n", path);
    if (fd >= 0) {
      close(fd);
    }
    return -1;
  }
  size_t size = (size_t)st.st_size;
  const uint8_t *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (m == MAP_FAILED) {
    fprintf(stderr, "%s: mmap failed\n", path);
    return -1;
  }
  madvise((void *)m, size, MADV_SEQUENTIAL);
  uint32_t magic = get32(m, 0);
  int swap = magic == __builtin_bswap32(MAGIC_US) || magic == __builtin_bswap32(MAGIC_NS);
  if (!swap && magic != MAGIC_US && magic != MAGIC_NS) {
    fprintf(stderr, "%s: not a classic pcap file\n", path);
    munmap((void *)m, size);
    return -1;
  }
  uint32_t snaplen = get32(m + 16, swap);
  int rc = 0;
  for (size_t off = GLOBAL_HDR; off < size;) {
    if (size - off < RECORD_HDR) {
      fprintf(stderr, "%s: truncated record header at byte %zu\n", path, off);
      rc = -1;
      break;
    }
    uint32_t caplen = get32(m + off + 8, swap);
    if (caplen > snaplen && caplen > 262144) {
      fprintf(stderr, "%s: record at byte %zu is larger than the snapshot length\n", path, off);
      rc = -1;
      break;
    }
    off += RECORD_HDR;
    if (size - off < caplen) {
      fprintf(stderr, "%s: truncated record at byte %zu\n", path, off);
      rc = -1;
      break;
    }
    take(t, m + off, caplen);
    off += caplen;
  }
  munmap((void *)m, size);
  return rc;
}

int main(int argc, char **argv)
{
  if (argc != 3 || (strcmp(argv[1], "libpcap") != 0 && strcmp(argv[1], "mmap") != 0)) {
    fprintf(stderr, "usage: lwipsim_bench_pcap_read libpcap|mmap FILE\n");
    return 2;
  }
  struct totals t = { 0, 0, 0 };
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  int rc = strcmp(argv[1], "mmap") == 0 ? read_mmap(argv[2], &t) : read_libpcap(argv[2], &t);
  clock_gettime(CLOCK_MONOTONIC, &b);
  if (rc != 0) {
    return 1;
  }
  long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("%llu frames %llu bytes sum %llu wall_ns %lld\n", (unsigned long long)t.frames, (unsigned long long)t.bytes,
         (unsigned long long)t.sum, ns);
  return 0;
}
