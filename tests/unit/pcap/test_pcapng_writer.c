/* The hand-written pcapng writer (sim/capture/pcapng_writer.c): libpcap
 * reads its packets back with their interfaces' times, and a walk over the
 * blocks finds every length consistent and each comment on its packet. */
#include "pcap/test_pcapng_writer.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pcapng_writer.h"
#include "test_common.h"

static char tmp_root[256], path[512];

static void setup(void) { ck_assert_int_eq(tc_mkdtemp(tmp_root, sizeof tmp_root), 0); }
static void teardown(void) { tc_rmtree(tmp_root); }

static uint32_t le32(const uint8_t *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static void write_sample(void)
{
  static const char *const names[] = { "peers", "device" };
  static const uint8_t a[1] = { 0xaa }, b[5] = { 1, 2, 3, 4, 5 }, c[60] = { 0 };
  struct lwipsim_pcapng_writer *w;
  char err[256];
  snprintf(path, sizeof path, "%s/t.pcapng", tmp_root);
  ck_assert_int_eq(lwipsim_pcapng_open(path, names, 2, &w, err, sizeof err), 0);
  lwipsim_pcapng_comment(w, "before any packet"); /* lands on the first */
  lwipsim_pcapng_packet(w, 0, 1795699512056000ull, a, sizeof a);
  lwipsim_pcapng_packet(w, 1, 1795699512556001ull, b, sizeof b);
  lwipsim_pcapng_comment(w, "on b");
  lwipsim_pcapng_comment(w, "on b, too");
  lwipsim_pcapng_packet(w, 0, 1795699513000000ull, c, sizeof c);
  ck_assert_int_eq(lwipsim_pcapng_finish(w, err, sizeof err), 0);
}

START_TEST(test_pcapng_libpcap_reads_it_back)
{
  write_sample();
  char err[PCAP_ERRBUF_SIZE];
  pcap_t *p = pcap_open_offline(path, err);
  ck_assert_msg(p != NULL, "%s", err);
  struct pcap_pkthdr *h;
  const u_char *data;
  static const uint32_t lens[] = { 1, 5, 60 };
  static const long usec[] = { 56000, 556001, 0 };
  for (int i = 0; i < 3; i++) {
    ck_assert_int_eq(pcap_next_ex(p, &h, &data), 1);
    ck_assert_uint_eq(h->caplen, lens[i]);
    ck_assert_uint_eq(h->len, lens[i]);
    ck_assert_int_eq((long)h->ts.tv_usec, usec[i]);
    ck_assert_int_eq((long)h->ts.tv_sec, i < 2 ? 1795699512L : 1795699513L);
  }
  ck_assert_uint_eq(data[0], 0); /* the last packet's bytes */
  ck_assert_int_eq(pcap_next_ex(p, &h, &data), -2);
  pcap_close(p);
}
END_TEST

/* The comments of the EPB at index k, joined with '|'. */
static void walk(const uint8_t *f, size_t n, char comments[3][128], int *blocks)
{
  size_t at = 0;
  int epb = 0;
  *blocks = 0;
  while (at < n) {
    ck_assert_uint_ge(n - at, 12);
    uint32_t type = le32(f + at), total = le32(f + at + 4);
    ck_assert_uint_eq(total % 4, 0);
    ck_assert_uint_le(total, n - at);
    ck_assert_uint_eq(le32(f + at + total - 4), total); /* the length repeated at the end */
    if (type == 6) {
      uint32_t caplen = le32(f + at + 20);
      size_t opt = at + 28 + ((caplen + 3u) & ~3u);
      comments[epb][0] = '\0';
      while (opt < at + total - 4) {
        uint16_t code = le16(f + opt), len = le16(f + opt + 2);
        if (code == 0) {
          break;
        }
        ck_assert_uint_eq(code, 1);
        size_t used = strlen(comments[epb]);
        snprintf(comments[epb] + used, 128 - used, "%s%.*s", used ? "|" : "", (int)len, (const char *)f + opt + 4);
        opt += 4 + ((len + 3u) & ~3u);
      }
      epb++;
    }
    (*blocks)++;
    at += total;
  }
  ck_assert_int_eq(epb, 3);
}

START_TEST(test_pcapng_blocks_and_comments)
{
  write_sample();
  size_t n;
  uint8_t *f = (uint8_t *)tc_read_file(path, &n);
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(le32(f), 0x0A0D0D0Au);
  ck_assert_uint_eq(le32(f + 8), 0x1A2B3C4Du);
  char comments[3][128];
  int blocks;
  walk(f, n, comments, &blocks);
  ck_assert_int_eq(blocks, 1 + 2 + 3); /* SHB, two IDBs, three EPBs */
  ck_assert_str_eq(comments[0], "before any packet");
  ck_assert_str_eq(comments[1], "on b|on b, too");
  ck_assert_str_eq(comments[2], "");
  free(f);
}
END_TEST

START_TEST(test_pcapng_full_disk_is_an_error)
{
  static const char *const names[] = { "peers" };
  struct lwipsim_pcapng_writer *w;
  char err[256];
  ck_assert_int_eq(lwipsim_pcapng_open("/dev/full", names, 1, &w, err, sizeof err), -1);
  ck_assert_str_eq(err, "/dev/full: cannot write (No space left on device)");
}
END_TEST

Suite *pcapng_writer_suite(void)
{
  Suite *s = suite_create("pcapng_writer");
  TCase *tc = tcase_create("pcapng_writer");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_pcapng_libpcap_reads_it_back);
  tcase_add_test(tc, test_pcapng_blocks_and_comments);
  tcase_add_test(tc, test_pcapng_full_disk_is_an_error);
  suite_add_tcase(s, tc);
  return s;
}
