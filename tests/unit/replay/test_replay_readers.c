/* The rewriter's checked readers (sim/replay/rewrite_priv.h): a read inside
 * the readable bytes answers, a read that would end one byte past them fails
 * with 0, before and after rw_parse has found the datagram. */
#include "test_replay_readers.h"

#include "replay/rewrite_priv.h"

#include <stdint.h>
#include <string.h>

/* A 60-byte IPv4/UDP frame (minimum Ethernet size) carrying a 28-byte
 * datagram: 18 bytes of Ethernet padding follow it. */
static uint32_t udp_frame(uint8_t *b)
{
  memset(b, 0, 60);
  b[12] = 0x08; /* IPv4 */
  b[14] = 0x45;
  b[17] = 28; /* total length */
  b[23] = 17; /* UDP */
  b[34] = 0x12;
  b[35] = 0x34; /* source port */
  b[36] = 0x00;
  b[37] = 0x35; /* destination port 53 */
  b[41] = 0xee; /* last byte of the UDP header, the datagram's last */
  b[42] = 0xaa; /* padding */
  return 60;
}

START_TEST(test_readers_stop_at_the_datagram)
{
  uint8_t b[60];
  struct rw_pkt p;
  uint32_t v = 7;
  uint16_t s, d;

  rw_parse(&p, b, udp_frame(b));
  ck_assert_int_eq(p.fam, RW_FAM_IP4);
  ck_assert_uint_eq(p.l3_end, 42);
  ck_assert_int_eq(rw_get_ports(&p, &s, &d), 1);
  ck_assert_uint_eq(s, 0x1234);
  ck_assert_uint_eq(d, 53);
  ck_assert_int_eq(rw_get16(&p, 40, &v), 1);
  ck_assert_uint_eq(v, 0x00ee);
  ck_assert_int_eq(rw_get8(&p, 41, &v), 1);
  ck_assert_uint_eq(v, 0xee);
  /* the padding is in the frame but not in the datagram */
  ck_assert_int_eq(rw_get16(&p, 41, &v), 0);
  ck_assert_uint_eq(v, 0);
  ck_assert_int_eq(rw_get8(&p, 42, &v), 0);
  ck_assert_int_eq(rw_get32(&p, 39, &v), 0);
  ck_assert_int_eq(rw_get32(&p, 38, &v), 1);
  /* an offset near the top of the range does not wrap around */
  ck_assert_int_eq(rw_get16(&p, UINT32_MAX, &v), 0);
  ck_assert_int_eq(rw_get32(&p, UINT32_MAX - 2, &v), 0);
}
END_TEST

START_TEST(test_readers_stop_at_the_capture)
{
  uint8_t b[60];
  struct rw_pkt p;
  uint32_t v;

  udp_frame(b);
  /* cut inside the IP header: not parsed, and only the captured bytes read */
  rw_parse(&p, b, 30);
  ck_assert_int_eq(p.fam, RW_FAM_NONE);
  ck_assert_int_eq(rw_get16(&p, 28, &v), 1);
  ck_assert_int_eq(rw_get16(&p, 29, &v), 0);
  ck_assert_int_eq(rw_get8(&p, 30, &v), 0);
  /* cut inside the UDP header: the datagram is longer than the capture, so it is left alone */
  rw_parse(&p, b, 37);
  ck_assert_int_eq(p.fam, RW_FAM_NONE);
  ck_assert_uint_eq(p.proto, 0);
  ck_assert_int_eq(rw_get16(&p, 34, &v), 1);
  ck_assert_uint_eq(v, 0x1234);
  ck_assert_int_eq(rw_get16(&p, 36, &v), 0);
  /* no frame at all */
  rw_parse(&p, b, 0);
  ck_assert_int_eq(rw_get8(&p, 0, &v), 0);
}
END_TEST

Suite *readers_suite(void)
{
  Suite *s = suite_create("readers");
  TCase *tc = tcase_create("readers");

  tcase_add_test(tc, test_readers_stop_at_the_datagram);
  tcase_add_test(tc, test_readers_stop_at_the_capture);
  suite_add_tcase(s, tc);
  return s;
}
