#include "test_pcap.h"

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "test_common.h"

#include <pcap/pcap.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every test writes its files under one temporary directory, made before the
 * tests fork and removed after the last one. */
static char tmp_root[256];
static char err[512];

struct test_frame {
  long sec;
  long frac; /* microseconds, or nanoseconds in a nanosecond capture */
  uint32_t len;
  uint8_t fill;
};

/* ---- helpers ---- */

static void pcap_setup(void) { ck_assert_int_eq(tc_mkdtemp(tmp_root, sizeof(tmp_root)), 0); }

static void pcap_teardown(void) { tc_rmtree(tmp_root); }

static const char *tmp_file(const char *name)
{
  static char path[4096];

  snprintf(path, sizeof(path), "%s/%s", tmp_root, name);
  return path;
}

static void fill_frame(uint8_t *buf, const struct test_frame *f)
{
  memset(buf, f->fill, f->len);
  /* an Ethernet-looking header, so the frame is not all one byte */
  buf[12] = 0x08;
  buf[13] = 0x00;
}

/* Writes frames with libpcap itself, independent of our writer. */
static void write_capture(const char *path, int dlt, u_int precision, const struct test_frame *frames, size_t n)
{
  pcap_t *p = pcap_open_dead_with_tstamp_precision(dlt, 65535, precision);
  pcap_dumper_t *d;
  uint8_t buf[1600];
  size_t i;

  ck_assert_ptr_nonnull(p);
  d = pcap_dump_open(p, path);
  ck_assert_ptr_nonnull(d);
  for (i = 0; i < n; i++) {
    struct pcap_pkthdr h;

    memset(&h, 0, sizeof(h));
    h.ts.tv_sec = frames[i].sec;
    h.ts.tv_usec = frames[i].frac;
    h.caplen = h.len = frames[i].len;
    fill_frame(buf, &frames[i]);
    pcap_dump((u_char *)d, &h, buf);
  }
  pcap_dump_close(d);
  pcap_close(p);
}

static long file_size(const char *path)
{
  struct stat st;

  ck_assert_int_eq(stat(path, &st), 0);
  return (long)st.st_size;
}

static void assert_one_line_naming(const char *msg, const char *path)
{
  ck_assert_msg(strstr(msg, path) != NULL, "message does not name %s: %s", path, msg);
  ck_assert_msg(strchr(msg, '\n') == NULL, "message is not one line: %s", msg);
}

/* Reads the whole capture and checks times and contents against frames. */
static void expect_frames(const char *path, const struct test_frame *frames, const uint64_t *times, size_t n)
{
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame f;
  uint8_t expect[1600];
  size_t i;

  ck_assert_msg(lwipsim_pcap_open(path, &r, err, sizeof(err)) == 0, "open failed: %s", err);
  for (i = 0; i < n; i++) {
    ck_assert_msg(lwipsim_pcap_next(r, &f, err, sizeof(err)) == 1, "frame %zu: %s", i + 1, err);
    ck_assert_uint_eq(f.time_us, times[i]);
    ck_assert_uint_eq(f.caplen, frames[i].len);
    ck_assert_uint_eq(f.len, frames[i].len);
    fill_frame(expect, &frames[i]);
    ck_assert_mem_eq(f.data, expect, frames[i].len);
  }
  ck_assert_int_eq(lwipsim_pcap_next(r, &f, err, sizeof(err)), 0);
  ck_assert_int_eq(lwipsim_pcap_next(r, &f, err, sizeof(err)), 0);
  ck_assert_uint_eq(lwipsim_pcap_frame_count(r), n);
  lwipsim_pcap_close(r);
}

static const struct test_frame three[] = {
  { 1000, 500000, 60, 0x11 },
  { 1000, 750000, 342, 0x22 },
  { 1002, 0, 1514, 0x33 },
};

/* ---- tests ---- */

START_TEST(test_pcap_read_relative_times)
{
  const uint64_t times[] = { 0, 250000, 1500000 };
  const char *path = tmp_file("three.pcap");

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, three, 3);
  expect_frames(path, three, times, 3);
}
END_TEST

START_TEST(test_pcap_read_nanosecond)
{
  const struct test_frame frames[] = {
    { 100, 123456789, 60, 1 },
    { 100, 123457789, 60, 2 },
    { 101, 0, 60, 3 },
  };
  /* libpcap scales to microseconds by truncating: 123456789 ns -> 123456 us */
  const uint64_t times[] = { 0, 1, 1000000 - 123456 };
  const char *path = tmp_file("nano.pcap");

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_NANO, frames, 3);
  expect_frames(path, frames, times, 3);
}
END_TEST

static size_t put32(uint8_t *p, uint32_t v)
{
  memcpy(p, &v, 4); /* host order: the byte-order magic tells readers which */
  return 4;
}

static size_t put16(uint8_t *p, uint16_t v)
{
  memcpy(p, &v, 2);
  return 2;
}

static size_t put_epb(uint8_t *p, uint64_t ts_us, const struct test_frame *f)
{
  size_t n = 0, padded = (f->len + 3u) & ~3u;
  uint32_t total = (uint32_t)(32 + padded);

  n += put32(p + n, 6); /* Enhanced Packet Block */
  n += put32(p + n, total);
  n += put32(p + n, 0); /* interface 0 */
  n += put32(p + n, (uint32_t)(ts_us >> 32));
  n += put32(p + n, (uint32_t)ts_us);
  n += put32(p + n, f->len);
  n += put32(p + n, f->len);
  memset(p + n, 0, padded);
  fill_frame(p + n, f);
  n += padded;
  n += put32(p + n, total);
  return n;
}

START_TEST(test_pcap_read_pcapng)
{
  const struct test_frame frames[] = { { 0, 0, 14, 0xaa }, { 0, 0, 61, 0xbb } };
  const uint64_t times[] = { 0, 500000 };
  const char *path = tmp_file("small.pcapng");
  uint8_t buf[512];
  size_t n = 0;

  /* Section Header Block */
  n += put32(buf + n, 0x0A0D0D0A);
  n += put32(buf + n, 28);
  n += put32(buf + n, 0x1A2B3C4D);
  n += put16(buf + n, 1);
  n += put16(buf + n, 0);
  n += put32(buf + n, 0xffffffff); /* section length unknown (-1) */
  n += put32(buf + n, 0xffffffff);
  n += put32(buf + n, 28);
  /* Interface Description Block: Ethernet, default microsecond resolution */
  n += put32(buf + n, 1);
  n += put32(buf + n, 20);
  n += put16(buf + n, DLT_EN10MB);
  n += put16(buf + n, 0);
  n += put32(buf + n, 65535);
  n += put32(buf + n, 20);
  n += put_epb(buf + n, 1700000000000000ull, &frames[0]);
  n += put_epb(buf + n, 1700000000500000ull, &frames[1]);
  tc_write_file(path, buf, n);
  expect_frames(path, frames, times, 2);
}
END_TEST

START_TEST(test_pcap_read_no_frames)
{
  const char *path = tmp_file("empty-capture.pcap");
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame f;

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, NULL, 0);
  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), 0);
  ck_assert_int_eq(lwipsim_pcap_next(r, &f, err, sizeof(err)), 0);
  ck_assert_uint_eq(lwipsim_pcap_frame_count(r), 0);
  lwipsim_pcap_close(r);
}
END_TEST

/* Reads until the first non-1 result; returns it and the frames read before. */
static int read_until_stop(const char *path, uint64_t *frames_read)
{
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame f;
  int rc;

  ck_assert_msg(lwipsim_pcap_open(path, &r, err, sizeof(err)) == 0, "open failed: %s", err);
  while ((rc = lwipsim_pcap_next(r, &f, err, sizeof(err))) == 1) {
  }
  *frames_read = lwipsim_pcap_frame_count(r);
  lwipsim_pcap_close(r);
  return rc;
}

START_TEST(test_pcap_truncated_data)
{
  const char *path = tmp_file("cut-data.pcap");
  uint64_t got;

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, three, 3);
  ck_assert_int_eq(truncate(path, file_size(path) - 10), 0);
  ck_assert_int_eq(read_until_stop(path, &got), -1);
  ck_assert_uint_eq(got, 2);
  assert_one_line_naming(err, path);
  ck_assert_msg(strstr(err, "frame 3") != NULL, "no frame number: %s", err);
}
END_TEST

START_TEST(test_pcap_truncated_header)
{
  const char *path = tmp_file("cut-header.pcap");
  uint64_t got;

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, three, 3);
  /* file header, first record, then half of the second record's header */
  ck_assert_int_eq(truncate(path, 24 + 16 + 60 + 8), 0);
  ck_assert_int_eq(read_until_stop(path, &got), -1);
  ck_assert_uint_eq(got, 1);
  assert_one_line_naming(err, path);
  ck_assert_msg(strstr(err, "frame 2") != NULL, "no frame number: %s", err);
}
END_TEST

START_TEST(test_pcap_truncated_file_header)
{
  const char *path = tmp_file("cut-file-header.pcap");
  struct lwipsim_pcap_reader *r = NULL;

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, three, 3);
  ck_assert_int_eq(truncate(path, 10), 0);
  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), -1);
  ck_assert_ptr_null(r);
  assert_one_line_naming(err, path);
}
END_TEST

START_TEST(test_pcap_garbage)
{
  const char *path = tmp_file("garbage.pcap");
  const char text[] = "this is not a capture, just some text\nwith two lines\n";
  struct lwipsim_pcap_reader *r = NULL;

  tc_write_file(path, text, sizeof(text) - 1);
  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), -1);
  ck_assert_ptr_null(r);
  assert_one_line_naming(err, path);
}
END_TEST

START_TEST(test_pcap_garbage_records)
{
  const char *path = tmp_file("garbage-records.pcap");
  uint8_t buf[24 + 16];
  uint32_t huge = 0x7fffffff;
  uint64_t got;
  FILE *f;

  /* a valid file header, then a record claiming 2 GB of data */
  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, NULL, 0);
  f = fopen(path, "rb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fread(buf, 1, 24, f), 24);
  fclose(f);
  memset(buf + 24, 0, 16);
  memcpy(buf + 24 + 8, &huge, 4);
  memcpy(buf + 24 + 12, &huge, 4);
  tc_write_file(path, buf, sizeof(buf));
  ck_assert_int_eq(read_until_stop(path, &got), -1);
  ck_assert_uint_eq(got, 0);
  assert_one_line_naming(err, path);
  ck_assert_msg(strstr(err, "frame 1") != NULL, "no frame number: %s", err);
}
END_TEST

START_TEST(test_pcap_zero_length_file)
{
  const char *path = tmp_file("zero.pcap");
  struct lwipsim_pcap_reader *r = NULL;

  tc_write_file(path, "", 0);
  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), -1);
  ck_assert_ptr_null(r);
  assert_one_line_naming(err, path);
  ck_assert_msg(strstr(err, "empty") != NULL, "%s", err);
}
END_TEST

START_TEST(test_pcap_missing_file)
{
  const char *path = tmp_file("no-such.pcap");
  struct lwipsim_pcap_reader *r = NULL;

  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), -1);
  assert_one_line_naming(err, path);
}
END_TEST

START_TEST(test_pcap_wrong_link_type)
{
  const char *path = tmp_file("sll.pcap");
  struct lwipsim_pcap_reader *r = NULL;

  write_capture(path, DLT_LINUX_SLL, PCAP_TSTAMP_PRECISION_MICRO, three, 1);
  ck_assert_int_eq(lwipsim_pcap_open(path, &r, err, sizeof(err)), -1);
  ck_assert_ptr_null(r);
  assert_one_line_naming(err, path);
  ck_assert_msg(strstr(err, "link type LINUX_SLL (113) is not supported") != NULL, "%s", err);
  ck_assert_msg(strstr(err, "EN10MB") != NULL, "%s", err);
}
END_TEST

START_TEST(test_pcap_backwards_clamped)
{
  const struct test_frame frames[] = {
    { 10, 0, 60, 1 }, { 12, 0, 60, 2 }, { 11, 0, 60, 3 }, { 9, 0, 60, 4 }, { 13, 0, 60, 5 },
  };
  const uint64_t times[] = { 0, 2000000, 2000000, 2000000, 3000000 };
  const char *path = tmp_file("backwards.pcap");

  write_capture(path, DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, frames, 5);
  expect_frames(path, frames, times, 5);
}
END_TEST

static void write_with_writer(const char *path, const struct test_frame *frames, const uint64_t *times, size_t n)
{
  struct lwipsim_pcap_writer *w = NULL;
  uint8_t buf[1600];
  size_t i;

  ck_assert_msg(lwipsim_pcap_writer_open(path, &w, err, sizeof(err)) == 0, "%s", err);
  for (i = 0; i < n; i++) {
    fill_frame(buf, &frames[i]);
    lwipsim_pcap_writer_write(w, times[i], buf, frames[i].len);
  }
  ck_assert_msg(lwipsim_pcap_writer_flush(w, err, sizeof(err)) == 0, "%s", err);
  lwipsim_pcap_writer_close(w);
}

static void *read_all(const char *path, long *n)
{
  FILE *f = fopen(path, "rb");
  void *buf;

  ck_assert_ptr_nonnull(f);
  *n = file_size(path);
  buf = malloc((size_t)*n + 1);
  ck_assert_ptr_nonnull(buf);
  ck_assert_uint_eq(fread(buf, 1, (size_t)*n, f), (size_t)*n);
  fclose(f);
  return buf;
}

START_TEST(test_pcap_writer_round_trip)
{
  /* virtual time starts at 0, so relative times equal the written ones */
  const uint64_t times[] = { 0, 1500, 2000000, 90000001 };
  const struct test_frame frames[] = { { 0, 0, 42, 1 }, { 0, 0, 60, 2 }, { 0, 0, 1514, 3 }, { 0, 0, 14, 4 } };
  const char *a = tmp_file("out-a.pcap");
  char b[4096];
  void *da, *db;
  long na, nb;

  snprintf(b, sizeof(b), "%s", tmp_file("out-b.pcap"));
  write_with_writer(a, frames, times, 4);
  expect_frames(a, frames, times, 4);
  /* same frames, same bytes: output pcaps can be compared between runs */
  write_with_writer(b, frames, times, 4);
  da = read_all(a, &na);
  db = read_all(b, &nb);
  ck_assert_int_eq(na, nb);
  ck_assert_int_eq(memcmp(da, db, (size_t)na), 0);
  free(da);
  free(db);
}
END_TEST

START_TEST(test_pcap_writer_open_fails)
{
  const char *path = tmp_file("no-such-dir/out.pcap");
  struct lwipsim_pcap_writer *w = NULL;

  ck_assert_int_eq(lwipsim_pcap_writer_open(path, &w, err, sizeof(err)), -1);
  ck_assert_ptr_null(w);
  assert_one_line_naming(err, path);
}
END_TEST

/* ---- the project's shared captures, when they are there ---- */

static int has_suffix(const char *s, const char *suffix)
{
  size_t n = strlen(s), m = strlen(suffix);

  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void read_shared_capture(const char *path)
{
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame f;
  uint64_t last = 0;
  int rc;

  ck_assert_msg(lwipsim_pcap_open(path, &r, err, sizeof(err)) == 0, "%s", err);
  while ((rc = lwipsim_pcap_next(r, &f, err, sizeof(err))) == 1) {
    ck_assert_msg(f.time_us >= last, "%s: time went backwards", path);
    ck_assert_msg(f.caplen <= f.len, "%s: caplen > len", path);
    last = f.time_us;
  }
  ck_assert_msg(rc == 0, "%s", err);
  ck_assert_msg(lwipsim_pcap_frame_count(r) > 0, "%s: no frames", path);
  lwipsim_pcap_close(r);
}

START_TEST(test_pcap_shared_captures)
{
  const char *dir = getenv("LWIPSIM_SHARED_CAPTURES");
  char path[4096];
  struct dirent *e;
  DIR *d;
  int n = 0;

  if (dir == NULL || *dir == '\0') {
    dir = LWIPSIM_SOURCE_DIR "/../shared/captures";
  }
  d = opendir(dir);
  if (d == NULL) {
    printf(
        "SKIP test_pcap_shared_captures: no captures at %s (set LWIPSIM_SHARED_CAPTURES to a folder of .pcap files)\n",
        dir);
    fflush(stdout);
    return;
  }
  while ((e = readdir(d)) != NULL) {
    if (!has_suffix(e->d_name, ".pcap")) {
      continue;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    read_shared_capture(path);
    n++;
  }
  closedir(d);
  if (n == 0) {
    printf("SKIP test_pcap_shared_captures: no .pcap files in %s\n", dir);
  } else {
    printf("test_pcap_shared_captures: read %d captures in %s\n", n, dir);
  }
  fflush(stdout);
}
END_TEST

/* ---- checksum repair (capture_checksums = recompute) ---- */

/* Ethernet + IPv4 10.10.10.1 -> 10.10.10.146 (ID 1, TTL 255) + the protocol's
 * bytes; both checksums left as 0xdead, as a NIC with offload would leave them. */
static size_t make_ipv4_frame(uint8_t *f, uint8_t proto, const uint8_t *l4, size_t l4len)
{
  static const uint8_t hdr[34] = { 0x5c, 0xcf, 0x7f, 0x07, 0xae, 0xfb, 0x00, 0xb5, 0x6d, 0x06, 0x08, 0xba,
                                   0x08, 0x00, 0x45, 0,    0,    0,    0,    1,    0,    0,    255,  0,
                                   0xde, 0xad, 10,   10,   10,   1,    10,   10,   10,   146 };

  memcpy(f, hdr, sizeof(hdr));
  f[16] = (uint8_t)((20 + l4len) >> 8);
  f[17] = (uint8_t)(20 + l4len);
  f[23] = proto;
  memcpy(f + 34, l4, l4len);
  return 34 + l4len;
}

/* The expected sums were computed independently (RFC 1071 one's complement
 * sum, RFC 768/793 pseudo-header) with a few lines of Python. */
START_TEST(test_frame_checksum_fix)
{
  static const uint8_t udp[16] = { 0, 67, 0, 68, 0, 16, 0xde, 0xad, 'l', 'w', 'i', 'p', 's', 'i', 'm', '!' };
  static const uint8_t tcp[20] = { 0,    80,   0xc3, 0x50, 0,    0,    0x03, 0xe8, 0, 0,
                                   0x07, 0xd0, 0x50, 0x12, 0x04, 0x00, 0xde, 0xad, 0, 0 };
  static const uint8_t icmp[11] = { 8, 0, 0xde, 0xad, 0x12, 0x34, 0, 1, 'a', 'b', 'c' };
  uint8_t f[128];
  size_t n;

  n = make_ipv4_frame(f, 17, udp, sizeof(udp));
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 2);
  ck_assert_uint_eq((unsigned)(f[24] << 8 | f[25]), 0x9321);
  ck_assert_uint_eq((unsigned)(f[40] << 8 | f[41]), 0x202e);
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 0); /* right ones stay */

  n = make_ipv4_frame(f, 6, tcp, sizeof(tcp));
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 2);
  ck_assert_uint_eq((unsigned)(f[50] << 8 | f[51]), 0xb3d3);

  n = make_ipv4_frame(f, 1, icmp, sizeof(icmp));
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 2);
  ck_assert_uint_eq((unsigned)(f[36] << 8 | f[37]), 0x2168);
}
END_TEST

START_TEST(test_frame_checksum_left_alone)
{
  static const uint8_t udp[16] = { 0, 67, 0, 68, 0, 16, 0, 0, 'l', 'w', 'i', 'p', 's', 'i', 'm', '!' };
  uint8_t f[128];
  size_t n;

  /* UDP checksum 0 means "none": only the IP header is fixed */
  n = make_ipv4_frame(f, 17, udp, sizeof(udp));
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 1);
  ck_assert_uint_eq((unsigned)(f[40] << 8 | f[41]), 0);
  /* a fragment: header fixed, its UDP checksum spans other frames */
  n = make_ipv4_frame(f, 17, udp, sizeof(udp));
  f[40] = 0xde;
  f[20] = 0x20; /* MF */
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 1);
  ck_assert_uint_eq((unsigned)(f[40] << 8 | f[41]), 0xde00);
  /* cut by the snaplen, a bad header length, not IPv4: untouched */
  n = make_ipv4_frame(f, 17, udp, sizeof(udp));
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n - 1), 0);
  f[14] = 0x44;
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 0);
  f[14] = 0x45;
  f[13] = 0x06; /* ARP */
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, n), 0);
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, 20), 0);
  ck_assert_uint_eq((unsigned)(f[24] << 8 | f[25]), 0xdead);
}
END_TEST

/* Capture 03 (IoT Sentinel, taken at the access point): the AP's DHCP OFFER,
 * frame 5, has UDP checksum 0x29ec where the wire had 0xc093 (Wireshark's
 * calculated value for that frame). */
START_TEST(test_frame_checksum_shared_offer)
{
  const char *dir = getenv("LWIPSIM_SHARED_CAPTURES");
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame fr;
  uint8_t f[2048];
  char path[4096];
  int i;

  snprintf(path, sizeof(path), "%s/03_lwip_esp8266_smartercoffee_dhcp_retx.pcap",
           dir != NULL && *dir != '\0' ? dir : LWIPSIM_SOURCE_DIR "/../shared/captures");
  if (lwipsim_pcap_open(path, &r, err, sizeof(err)) != 0) {
    printf("SKIP test_frame_checksum_shared_offer: %s\n", err);
    return;
  }
  for (i = 0; i < 5; i++) {
    ck_assert_int_eq(lwipsim_pcap_next(r, &fr, err, sizeof(err)), 1);
  }
  ck_assert_uint_le(fr.caplen, sizeof(f));
  memcpy(f, fr.data, fr.caplen);
  ck_assert_uint_eq((unsigned)(f[40] << 8 | f[41]), 0x29ec);
  ck_assert_int_eq(lwipsim_frame_fix_checksums(f, fr.caplen), 1);
  ck_assert_uint_eq((unsigned)(f[40] << 8 | f[41]), 0xc093);
  lwipsim_pcap_close(r);
}
END_TEST

Suite *pcap_suite(void)
{
  const TTest *tests[] = {
    test_pcap_read_relative_times,    test_pcap_read_nanosecond,   test_pcap_read_pcapng,
    test_pcap_read_no_frames,         test_pcap_truncated_data,    test_pcap_truncated_header,
    test_pcap_truncated_file_header,  test_pcap_garbage,           test_pcap_garbage_records,
    test_pcap_zero_length_file,       test_pcap_missing_file,      test_pcap_wrong_link_type,
    test_pcap_backwards_clamped,      test_pcap_writer_round_trip, test_pcap_writer_open_fails,
    test_pcap_shared_captures,        test_frame_checksum_fix,     test_frame_checksum_left_alone,
    test_frame_checksum_shared_offer,
  };
  Suite *s = suite_create("pcap");
  TCase *tc = tcase_create("pcap");
  size_t i;

  /* unchecked: the directory is made once, before the tests fork */
  tcase_add_unchecked_fixture(tc, pcap_setup, pcap_teardown);
  for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
    tcase_add_test(tc, tests[i]);
  }
  suite_add_tcase(s, tc);
  return s;
}
