/* sim/common/inet_checksum.c against published values (RFC 1071's example,
 * a textbook IPv4 header) and against ref_checksum below, a plain RFC 1071
 * loop written separately from the code under test. */
#include "test_inet_checksum.h"

#include "common/inet_checksum.h"

#include <stdint.h>
#include <string.h>

/* The checksum field of n bytes, the slow way: 16-bit words, odd byte padded
 * with zero, 64-bit sum folded at the end. */
static uint16_t ref_checksum(const uint8_t *b, size_t n)
{
  uint64_t sum = 0;

  for (size_t i = 0; i < n; i++) {
    sum += (i % 2 == 0) ? (uint64_t)b[i] << 8 : b[i];
  }
  while (sum >> 16) {
    sum = (sum & 0xffff) + (sum >> 16);
  }
  return (uint16_t)~sum;
}

/* RFC 1071 section 3: the sum of 00 01 f2 03 f4 f5 f6 f7 is ddf2. */
START_TEST(test_rfc1071_example)
{
  static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

  ck_assert_uint_eq(lwipsim_inet_fold(lwipsim_inet_sum(0, b, sizeof b, 0)), 0xddf2);
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0, b, sizeof b, 0)), 0x220d);
  /* byte order independence (RFC 1071 2(B)): the swapped data sums to the swapped sum */
  static const uint8_t s[] = { 0x01, 0x00, 0x03, 0xf2, 0xf5, 0xf4, 0xf7, 0xf6 };
  ck_assert_uint_eq(lwipsim_inet_fold(lwipsim_inet_sum(0, s, sizeof s, 0)), 0xf2dd);
}
END_TEST

START_TEST(test_odd_lengths)
{
  static const uint8_t b[] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde };

  /* a trailing byte is a word's high half */
  ck_assert_uint_eq(lwipsim_inet_fold(lwipsim_inet_sum(0, b, 1, 0)), 0x1200);
  ck_assert_uint_eq(lwipsim_inet_fold(lwipsim_inet_sum(0, b, 3, 0)), 0x1234 + 0x5600);
  for (size_t n = 0; n <= sizeof b; n++) {
    ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0, b, n, 0)), ref_checksum(b, n));
    /* split anywhere: the second range starts odd when the first was odd */
    for (size_t cut = 0; cut <= n; cut++) {
      uint32_t acc = lwipsim_inet_sum(0, b, cut, 0);

      acc = lwipsim_inet_sum(acc, b + cut, n - cut, (int)(cut & 1));
      ck_assert_uint_eq(lwipsim_inet_checksum(acc), ref_checksum(b, n));
    }
  }
  /* odd: the first byte is a low half */
  ck_assert_uint_eq(lwipsim_inet_fold(lwipsim_inet_sum(0, b, 1, 1)), 0x0012);
}
END_TEST

/* The carry fold keeps a 64 KiB datagram of 0xff bytes from overflowing. */
START_TEST(test_large_range)
{
  static uint8_t b[65535];

  memset(b, 0xff, sizeof b);
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0, b, sizeof b, 0)), ref_checksum(b, sizeof b));
  for (size_t i = 0; i < sizeof b; i++) {
    b[i] = (uint8_t)(i * 7u + 3u);
  }
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0xfffeu, b, sizeof b, 0)),
                    (uint16_t)~lwipsim_inet_fold(0xfffeu + (uint16_t)~ref_checksum(b, sizeof b)));
}
END_TEST

/* A textbook IPv4 header (192.168.0.1 -> 192.168.0.199, UDP, 115 bytes). */
START_TEST(test_known_ipv4_header)
{
  uint8_t h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                    0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };

  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0, h, sizeof h, 0)), 0xb861);
  h[10] = 0xb8;
  h[11] = 0x61;
  /* a header with its checksum in place sums to all ones */
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_sum(0, h, sizeof h, 0)), 0);
}
END_TEST

START_TEST(test_pseudo_headers)
{
  static const uint8_t s4[4] = { 10, 0, 0, 1 }, d4[4] = { 10, 0, 0, 2 };
  static const uint8_t s6[16] = { 0xfe, 0x80, [15] = 1 }, d6[16] = { 0xff, 0x02, [15] = 0xfb };
  uint8_t ph[40] = { 0 };

  /* RFC 768: source, destination, zero, protocol, length */
  memcpy(ph, s4, 4);
  memcpy(ph + 4, d4, 4);
  ph[9] = 17;
  ph[10] = 0x01;
  ph[11] = 0x2c;
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_pseudo4(s4, d4, 17, 300)), ref_checksum(ph, 12));
  /* RFC 8200 8.1: source, destination, 32-bit length, three zeros, next header */
  memset(ph, 0, sizeof ph);
  memcpy(ph, s6, 16);
  memcpy(ph + 16, d6, 16);
  ph[33] = 0x01; /* length 0x00012c04: above 64 KiB, as a jumbogram's */
  ph[34] = 0x2c;
  ph[35] = 0x04;
  ph[39] = 58;
  ck_assert_uint_eq(lwipsim_inet_checksum(lwipsim_inet_pseudo6(s6, d6, 58, 0x12c04u)), ref_checksum(ph, 40));
}
END_TEST

/* RFC 1624: updating the field for a changed range equals recomputing, at
 * even and odd offsets; a wrong checksum stays wrong by the same amount. */
START_TEST(test_incremental_update)
{
  uint8_t seg[32];

  for (size_t i = 0; i < sizeof seg; i++) {
    seg[i] = (uint8_t)(i * 37u + 11u);
  }
  for (size_t off = 0; off + 4 <= sizeof seg; off++) {
    for (size_t n = 1; n <= 4; n++) {
      static const uint8_t nb[4] = { 0xde, 0xad, 0x00, 0x01 };
      uint8_t copy[32];
      uint16_t before = ref_checksum(seg, sizeof seg), after;

      memcpy(copy, seg, sizeof seg);
      memcpy(copy + off, nb, n);
      after = lwipsim_inet_update(before, seg + off, nb, n, (int)(off & 1));
      ck_assert_uint_eq(after, ref_checksum(copy, sizeof copy));
      /* off by one before, off by one after */
      ck_assert_uint_eq(lwipsim_inet_update((uint16_t)(before - 1), seg + off, nb, n, (int)(off & 1)),
                        (uint16_t)~lwipsim_inet_fold((uint32_t)(uint16_t)~after + 1));
    }
  }
}
END_TEST

/* The value form gives what the byte form gives, bit for bit (a rewritten
 * frame's checksum reaches the run record through lwIP's verdict on it):
 * 2 and 4 bytes, even and odd offsets, checksums and values at the edges of
 * ones' complement (0 and 0xffff, all bits set, all clear), then a fixed
 * pseudo-random sequence. */
START_TEST(test_incremental_update_be)
{
  static const uint32_t vals[] = { 0,           1,           0xff,        0xffff,      0x10000,
                                   0xffff0000u, 0xfffffffeu, 0xffffffffu, 0x12345678u, 0x80000000u,
                                   0x0000ff00u, 0x00ff00ffu, 0xdeadbeefu };
  static const uint16_t hcs[] = { 0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x220d };
  size_t nv = sizeof vals / sizeof vals[0], nh = sizeof hcs / sizeof hcs[0];
  uint32_t x = 0x9e3779b9u;
  unsigned checked = 0;

  for (size_t round = 0; round < 2000; round++) {
    for (unsigned n = 2; n <= 4; n += 2) {
      for (int odd = 0; odd <= 1; odd++) {
        uint32_t old, nb;
        uint16_t hc;
        uint8_t ob[4], nbb[4];

        if (round < nv * nv * nh) {
          old = vals[round % nv];
          nb = vals[round / nv % nv];
          hc = hcs[round / (nv * nv)];
        } else {
          x = x * 1664525u + 1013904223u;
          old = x;
          x = x * 1664525u + 1013904223u;
          nb = x;
          hc = (uint16_t)(x >> 7);
        }
        if (n == 2) {
          old &= 0xffff;
          nb &= 0xffff;
        }
        for (unsigned i = 0; i < n; i++) {
          ob[i] = (uint8_t)(old >> (8 * (n - 1 - i)));
          nbb[i] = (uint8_t)(nb >> (8 * (n - 1 - i)));
        }
        ck_assert_uint_eq(lwipsim_inet_update_be(hc, old, nb, n, odd), lwipsim_inet_update(hc, ob, nbb, n, odd));
        checked++;
      }
    }
  }
  ck_assert_uint_eq(checked, 8000);
}
END_TEST

Suite *inet_checksum_suite(void)
{
  Suite *s = suite_create("inet_checksum");
  TCase *tc = tcase_create("core");

  tcase_add_test(tc, test_rfc1071_example);
  tcase_add_test(tc, test_odd_lengths);
  tcase_add_test(tc, test_large_range);
  tcase_add_test(tc, test_known_ipv4_header);
  tcase_add_test(tc, test_pseudo_headers);
  tcase_add_test(tc, test_incremental_update);
  tcase_add_test(tc, test_incremental_update_be);
  suite_add_tcase(s, tc);
  return s;
}
