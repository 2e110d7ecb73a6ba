#include "test_replay_rewriter.h"

#include "replay/rewriter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

#define ETH TC_ETH
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10

static const uint8_t dev_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t dev_ip[4] = { 192, 168, 1, 50 };
static const uint8_t peer_ip[4] = { 192, 168, 1, 10 };
static const uint8_t live_ip[4] = { 192, 168, 1, 77 };
static const uint8_t dev_ip6[16] = { 0xfe, 0x80, [15] = 0x01 };
static const uint8_t peer_ip6[16] = { 0xfe, 0x80, [14] = 0x12, [15] = 0x02 };

static struct lwipsim_rewriter *rw;
static uint8_t fb[2048]; /* the last inbound frame, as rewritten */
static uint32_t fl, fl4; /* its length and transport offset */

/* ---- an independent frame builder and checksum verifier ---- */

struct spec {
  int v6, to_device;
  const uint8_t *sip, *dip;
  uint8_t proto;
  uint16_t sport, dport;
  uint32_t seq, ack;
  uint8_t flags;
  const uint8_t *opts, *payload; /* payload NULL: paylen bytes of 'x' */
  uint32_t optlen, paylen;
  int no_udp_csum;
};

/* Sum of pseudo-header and segment; 0xffff when the checksum in it is right. */
static uint32_t l4_sum(const uint8_t *b, int v6, uint8_t proto, uint32_t l4, uint32_t l4len)
{
  uint8_t tail[4];
  uint32_t s = v6 ? tc_sum(b + ETH + 8, 32, 0) : tc_sum(b + ETH + 12, 8, 0);

  tc_put16(tail, proto);
  tc_put16(tail + 2, l4len);
  return tc_sum(b + l4, l4len, tc_sum(tail, 4, s));
}

static int csums_ok(const uint8_t *b, uint32_t len)
{
  uint32_t type = tc_get16(b + 12), hl, l4len;
  uint8_t proto;
  int v6 = type == 0x86dd;

  if (len < ETH + 40 || (type != 0x0800 && !v6)) {
    return 1;
  }
  hl = v6 ? 40 : (uint32_t)(b[ETH] & 15) * 4;
  if (!v6 && tc_sum(b + ETH, hl, 0) != 0xffff) {
    return 0;
  }
  l4len = v6 ? tc_get16(b + ETH + 4) : tc_get16(b + ETH + 2) - hl;
  proto = v6 ? b[ETH + 6] : b[ETH + 9];
  if (proto == 17 && !v6 && tc_get16(b + ETH + hl + 6) == 0) {
    return 1;
  }
  if (proto == 1) {
    return tc_sum(b + ETH + hl, l4len, 0) == 0xffff;
  }
  return l4_sum(b, v6, proto, ETH + hl, l4len) == 0xffff;
}

static uint32_t build(uint8_t *b, const struct spec *s)
{
  uint32_t hl = s->v6 ? 40 : 20, l4 = ETH + hl, th = s->proto == 6 ? 20 + s->optlen : 8;
  uint32_t l4len = th + s->paylen, len = l4 + l4len, cs = s->proto == 6 ? 16 : s->proto == 17 ? 6 : 2;
  uint32_t sum;

  memset(b, 0, len < 60 ? 60 : len); /* Ethernet padding beyond the IP length */
  tc_eth(b, s->to_device ? dev_mac : peer_mac, s->to_device ? peer_mac : dev_mac, s->v6 ? 0x86dd : 0x0800);
  if (s->v6) {
    b[ETH] = 0x60;
    tc_put16(b + ETH + 4, l4len);
    b[ETH + 6] = s->proto;
    b[ETH + 7] = 64;
    memcpy(b + ETH + 8, s->sip, 16);
    memcpy(b + ETH + 24, s->dip, 16);
  } else {
    b[ETH] = 0x45;
    tc_put16(b + ETH + 2, hl + l4len);
    b[ETH + 8] = 64;
    b[ETH + 9] = s->proto;
    memcpy(b + ETH + 12, s->sip, 4);
    memcpy(b + ETH + 16, s->dip, 4);
    tc_put16(b + ETH + 10, ~tc_sum(b + ETH, 20, 0) & 0xffff);
  }
  tc_put16(b + l4, s->sport);
  tc_put16(b + l4 + 2, s->dport);
  if (s->proto == 6) {
    tc_put32(b + l4 + 4, s->seq);
    tc_put32(b + l4 + 8, s->ack);
    b[l4 + 12] = (uint8_t)((th / 4) << 4);
    b[l4 + 13] = s->flags;
    tc_put16(b + l4 + 14, 8192);
    if (s->optlen > 0) {
      memcpy(b + l4 + 20, s->opts, s->optlen);
    }
  } else if (s->proto == 17) {
    tc_put16(b + l4 + 4, l4len);
  }
  if (s->payload != NULL) {
    memcpy(b + l4 + th, s->payload, s->paylen);
  } else {
    memset(b + l4 + th, 'x', s->paylen);
  }
  tc_put16(b + l4 + cs, 0); /* ICMP's checksum sits where the test put a port */
  sum = s->proto == 1 ? tc_sum(b + l4, l4len, 0) : l4_sum(b, s->v6, s->proto, l4, l4len);
  sum = ~sum & 0xffff;
  tc_put16(b + l4 + cs, s->proto == 17 && s->no_udp_csum ? 0 : (sum == 0 && s->proto == 17 ? 0xffff : sum));
  fl4 = l4;
  return len < 60 ? 60 : len;
}

static struct spec tcp(int to_device, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                       uint32_t paylen)
{
  struct spec s = { .to_device = to_device,
                    .proto = 6,
                    .sport = sport,
                    .dport = dport,
                    .seq = seq,
                    .ack = ack,
                    .flags = flags,
                    .paylen = paylen };

  s.sip = to_device ? peer_ip : dev_ip;
  s.dip = to_device ? dev_ip : peer_ip;
  return s;
}

static struct spec udp(int to_device, uint16_t sport, uint16_t dport, const uint8_t *payload, uint32_t paylen)
{
  struct spec s = {
    .to_device = to_device, .proto = 17, .sport = sport, .dport = dport, .payload = payload, .paylen = paylen
  };

  s.sip = to_device ? peer_ip : dev_ip;
  s.dip = to_device ? dev_ip : peer_ip;
  return s;
}

static void ref(const struct spec *s)
{
  uint8_t b[2048];
  uint32_t n = build(b, s);

  lwipsim_rewriter_learn_reference(rw, b, n);
}

static void live(const struct spec *s)
{
  uint8_t b[2048];
  uint32_t n = build(b, s);

  lwipsim_rewriter_learn_transmitted(rw, b, n);
}

/* Injects s; every frame that comes back must have right checksums. */
static int in(const struct spec *s)
{
  int r;

  fl = build(fb, s);
  r = lwipsim_rewriter_inbound(rw, fb, fl);
  ck_assert_msg(csums_ok(fb, fl), "bad checksum after rewrite");
  return r;
}

static const struct lwipsim_divergence *divergence(void) { return lwipsim_rewriter_divergence(rw); }

static void setup(void)
{
  rw = lwipsim_rewriter_new(dev_mac);
  ck_assert_ptr_nonnull(rw);
}

static void teardown(void)
{
  lwipsim_rewriter_free(rw);
  rw = NULL;
}

/* Device as HTTP server on :80: captured ISN A, live ISN B (across the wrap). */
#define PEER_ISN 7000u
#define ISN_A 0xfffffff0u
#define ISN_B 0x00001000u

static void server_handshake(int v6, uint32_t live_isn_sent)
{
  struct spec s = tcp(1, 4321, 80, PEER_ISN, 0, TH_SYN, 0);

  s.v6 = v6;
  if (v6) {
    s.sip = peer_ip6;
    s.dip = dev_ip6;
  }
  ck_assert_int_eq(in(&s), 1);
  s.to_device = 0;
  s.sip = v6 ? dev_ip6 : dev_ip;
  s.dip = v6 ? peer_ip6 : peer_ip;
  s.sport = 80, s.dport = 4321, s.seq = ISN_A, s.ack = PEER_ISN + 1, s.flags = TH_SYN | TH_ACK;
  ref(&s);
  if (live_isn_sent) {
    s.seq = ISN_B;
    live(&s);
  }
}

/* ---- tests ---- */

START_TEST(test_rewriter_tcp_server_session)
{
  struct spec s;

  server_handshake(0, 1);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 1);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK | TH_PSH, 100); /* GET */
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 4), PEER_ISN + 1); /* the peer's own numbers untouched */
  s = tcp(0, 80, 4321, ISN_A + 1, PEER_ISN + 101, TH_ACK | TH_PSH | TH_FIN, 300);
  ref(&s);
  s.seq = ISN_B + 1;
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 101, ISN_A + 302, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 302);
  ck_assert_uint_eq(divergence()->inbound, 4);
  ck_assert_uint_eq(divergence()->rewritten, 3);
  ck_assert_uint_eq(divergence()->diverged, 0);
  for (int i = 0; i < LWIPSIM_DIV_REASONS; i++) {
    ck_assert_uint_eq(divergence()->by_reason[i], 0);
  }
}
END_TEST

START_TEST(test_rewriter_tcp_sack_edges)
{
  /* NOP SACK: the block edges start at an odd offset in the segment */
  static const uint8_t odd[12] = { 1, 5, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  static const uint8_t even[12] = { 1, 1, 5, 10 };
  uint8_t opts[12];
  struct spec s;

  server_handshake(0, 1);
  s = tcp(0, 80, 4321, ISN_A + 1, PEER_ISN + 1, TH_ACK, 1000);
  s.seq = ISN_B + 1;
  live(&s);
  for (int pass = 0; pass < 2; pass++) {
    uint32_t at = pass ? 4 : 3;

    memcpy(opts, pass ? even : odd, 12);
    tc_put32(opts + at, ISN_A + 201);
    tc_put32(opts + at + 4, ISN_A + 401);
    s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 101, TH_ACK, 0);
    s.opts = opts;
    s.optlen = 12;
    ck_assert_int_eq(in(&s), 1);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 101);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 20 + at), ISN_B + 201);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 20 + at + 4), ISN_B + 401);
  }
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 0);
}
END_TEST

/* The live answer is shorter but as many segments: each captured segment's
 * end means the live one's, fully acknowledged, nothing beyond. */
START_TEST(test_rewriter_tcp_ack_maps_segment_ends)
{
  struct spec s;

  server_handshake(0, 1);
  s = tcp(0, 80, 4321, ISN_A + 1, PEER_ISN + 101, TH_ACK | TH_PSH, 443);
  ref(&s);
  s.seq = ISN_B + 1;
  s.paylen = 85;
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 101, ISN_A + 444, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 86);
  /* the captured FIN's end means the live FIN's */
  s = tcp(0, 80, 4321, ISN_A + 444, PEER_ISN + 101, TH_ACK | TH_FIN, 0);
  ref(&s);
  s.seq = ISN_B + 86;
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 101, ISN_A + 445, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 87);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 0);
  ck_assert_uint_eq(divergence()->diverged, 0);
}
END_TEST

/* The captured device sent two segments, the live stack one so far: an ack
 * of the second captured one goes no further than what was sent. */
START_TEST(test_rewriter_tcp_ack_beyond_live_data)
{
  struct spec s;

  server_handshake(0, 1);
  s = tcp(0, 80, 4321, ISN_A + 1, PEER_ISN + 101, TH_ACK | TH_PSH, 186);
  ref(&s);
  s.seq = ISN_A + 187;
  s.paylen = 132;
  ref(&s);
  s = tcp(0, 80, 4321, ISN_B + 1, PEER_ISN + 101, TH_ACK | TH_PSH, 83);
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 101, ISN_A + 187, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 84);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 0);
  s.ack = ISN_A + 319;
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 84);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 1);
  ck_assert_uint_eq(divergence()->diverged, 0);
  ck_assert(csums_ok(fb, fl));
}
END_TEST

/* The peer and the captured device agreed on window scaling, the live stack
 * (no LWIP_WND_SCALE) did not: the peer's window is told in bytes. */
/* The peer acknowledged the captured device's FIN before the live stack sent
 * its own (the live answer came later): the clamped ack is owed, and once
 * the live FIN goes out the rewriter hands over the peer's pure ACK of it,
 * in live sequence space, with the peer's next sequence number and valid
 * checksums. Nothing more is owed after that. */
START_TEST(test_rewriter_tcp_owed_ack_for_late_fin)
{
  struct spec s;
  uint8_t out[LWIPSIM_RW_ACK_MAX];

  server_handshake(0, 1);
  s = tcp(0, 80, 4321, ISN_A + 1, PEER_ISN + 101, TH_ACK | TH_PSH, 50);
  ref(&s);
  s = tcp(0, 80, 4321, ISN_A + 51, PEER_ISN + 101, TH_ACK | TH_FIN, 0);
  ref(&s);
  s = tcp(0, 80, 4321, ISN_B + 1, PEER_ISN + 101, TH_ACK | TH_PSH, 50);
  live(&s);
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), 0);

  /* the peer's FIN, acknowledging the captured FIN: clamped to the live data */
  s = tcp(1, 4321, 80, PEER_ISN + 101, ISN_A + 52, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 51);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 1);
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), 0); /* nothing new sent yet */

  /* the live FIN: now the peer owes its ACK */
  s = tcp(0, 80, 4321, ISN_B + 51, PEER_ISN + 102, TH_ACK | TH_FIN, 0);
  live(&s);
  uint32_t n = lwipsim_rewriter_take_owed_ack(rw, out);
  ck_assert_uint_eq(n, ETH + 20 + 20);
  ck_assert_mem_eq(out, dev_mac, 6);
  ck_assert_mem_eq(out + 6, peer_mac, 6);
  ck_assert_uint_eq(tc_get16(out + ETH + 2), 40);
  ck_assert_uint_eq(tc_get16(out + ETH + 20), 4321);
  ck_assert_uint_eq(tc_get16(out + ETH + 22), 80);
  ck_assert_uint_eq(tc_get32(out + ETH + 24), PEER_ISN + 102); /* after the peer's FIN */
  ck_assert_uint_eq(tc_get32(out + ETH + 28), ISN_B + 52);     /* the live FIN acknowledged */
  ck_assert_uint_eq(out[ETH + 33], TH_ACK);
  ck_assert(csums_ok(out, n));
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), 0);

  /* a retransmitted live FIN owes nothing more */
  live(&s);
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), 0);
}
END_TEST

/* Nine connections each owe the peer's ACK of a late live FIN at once, one
 * more than the owed queue holds (8), and nobody takes them in between. The
 * ninth ACK must not be lost: its flow stays owed, and once the queue has
 * room the flow's next live frame (a retransmitted FIN) brings it.
 * Bad-input item 11: it was dropped while the flow counted it delivered, so
 * the ninth peer never acknowledged the device's FIN. */
START_TEST(test_rewriter_tcp_owed_ack_kept_when_the_queue_is_full)
{
  enum { FLOWS = 9 };
  uint8_t out[LWIPSIM_RW_ACK_MAX];
  struct spec s;

  for (uint16_t f = 0; f < FLOWS; f++) {
    uint16_t port = (uint16_t)(4321 + f);
    uint32_t a = ISN_A + 1000u * f, b = ISN_B + 1000u * f, p = PEER_ISN + 1000u * f;

    s = tcp(1, port, 80, p, 0, TH_SYN, 0);
    ck_assert_int_eq(in(&s), 1);
    s = tcp(0, 80, port, a, p + 1, TH_SYN | TH_ACK, 0);
    ref(&s);
    s.seq = b;
    live(&s);
    s = tcp(0, 80, port, a + 1, p + 101, TH_ACK | TH_PSH, 50);
    ref(&s);
    s = tcp(0, 80, port, a + 51, p + 101, TH_ACK | TH_FIN, 0);
    ref(&s);
    s = tcp(0, 80, port, b + 1, p + 101, TH_ACK | TH_PSH, 50);
    live(&s);
    s = tcp(1, port, 80, p + 101, a + 52, TH_ACK | TH_FIN, 0); /* acknowledges the captured FIN */
    ck_assert_int_eq(in(&s), 1);
  }
  for (uint16_t f = 0; f < FLOWS; f++) { /* every live FIN, nothing taken */
    s = tcp(0, 80, (uint16_t)(4321 + f), ISN_B + 1000u * f + 51, PEER_ISN + 1000u * f + 102, TH_ACK | TH_FIN, 0);
    live(&s);
  }
  for (uint16_t f = 0; f < FLOWS - 1; f++) {
    ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), ETH + 20 + 20);
    ck_assert_uint_eq(tc_get16(out + ETH + 20), 4321 + f);
  }
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), 0); /* the ninth did not fit */

  /* the ninth flow's FIN again: its ACK comes now */
  s = tcp(0, 80, 4321 + FLOWS - 1, ISN_B + 1000u * (FLOWS - 1) + 51, PEER_ISN + 1000u * (FLOWS - 1) + 102,
          TH_ACK | TH_FIN, 0);
  live(&s);
  ck_assert_uint_eq(lwipsim_rewriter_take_owed_ack(rw, out), ETH + 20 + 20);
  ck_assert_uint_eq(tc_get16(out + ETH + 20), 4321 + FLOWS - 1);
  ck_assert_uint_eq(tc_get32(out + ETH + 28), ISN_B + 1000u * (FLOWS - 1) + 52); /* its live FIN acknowledged */
  ck_assert(csums_ok(out, ETH + 20 + 20));
}
END_TEST

START_TEST(test_rewriter_tcp_window_scale_unscaled_live)
{
  static const uint8_t ws7[4] = { 1, 3, 3, 7 }; /* NOP, window scale 7 */
  struct spec s = tcp(1, 4321, 80, PEER_ISN, 0, TH_SYN, 0);

  s.opts = ws7;
  s.optlen = 4;
  ck_assert_int_eq(in(&s), 1);
  s = tcp(0, 80, 4321, ISN_A, PEER_ISN + 1, TH_SYN | TH_ACK, 0);
  s.opts = ws7;
  s.optlen = 4;
  ref(&s);
  s = tcp(0, 80, 4321, ISN_B, PEER_ISN + 1, TH_SYN | TH_ACK, 0);
  live(&s); /* no option: lwIP without window scaling */
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 1);
  /* 8192 << 7 bytes does not fit: the largest unscaled window */
  ck_assert_uint_eq(tc_get16(fb + fl4 + 14), 0xffff);
  ck_assert(csums_ok(fb, fl));
  /* both sides scaling: the field is left as it is */
  teardown();
  setup();
  s = tcp(1, 4321, 80, PEER_ISN, 0, TH_SYN, 0);
  s.opts = ws7;
  s.optlen = 4;
  in(&s);
  s = tcp(0, 80, 4321, ISN_A, PEER_ISN + 1, TH_SYN | TH_ACK, 0);
  s.opts = ws7;
  s.optlen = 4;
  ref(&s);
  s.seq = ISN_B;
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 0);
  in(&s);
  ck_assert_uint_eq(tc_get16(fb + fl4 + 14), 8192);
}
END_TEST

START_TEST(test_rewriter_tcp_no_live_connection)
{
  struct spec s;

  server_handshake(0, 0);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 0);
  s = tcp(1, 5555, 80, 1, 1, TH_ACK | TH_PSH, 10); /* a connection begun before the capture */
  ck_assert_int_eq(in(&s), 0);
  ck_assert_uint_eq(divergence()->diverged, 2);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_NO_LIVE_CONNECTION], 2);
  ck_assert_str_eq(lwipsim_divergence_reason_name(LWIPSIM_DIV_NO_LIVE_CONNECTION), "no_live_connection");
}
END_TEST

START_TEST(test_rewriter_tcp_live_reset_and_closed)
{
  struct spec s;

  server_handshake(0, 1);
  s = tcp(0, 80, 4321, ISN_B + 1, PEER_ISN + 1, TH_ACK | TH_FIN, 0);
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 2, TH_ACK, 0); /* acks the live FIN */
  ck_assert_int_eq(in(&s), 1);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 2, TH_ACK | TH_PSH, 50);
  ck_assert_int_eq(in(&s), 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_LIVE_CLOSED], 1);
  s = tcp(0, 80, 4321, ISN_B + 2, 0, TH_RST, 0);
  live(&s);
  s = tcp(1, 4321, 80, PEER_ISN + 51, ISN_A + 2, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_LIVE_RESET], 1);
  ck_assert_uint_eq(divergence()->diverged, 2);
}
END_TEST

/* One conversation with the device as server on :80, from peer port
 * port, at capture time t: closed both ways in the capture and for the live
 * stack unless open. */
static void conversation(uint16_t port, uint64_t t, int open)
{
  struct spec s = tcp(1, port, 80, PEER_ISN, 0, TH_SYN, 0);

  lwipsim_rewriter_set_now(rw, t);
  ck_assert_int_eq(in(&s), 1);
  s = tcp(0, 80, port, ISN_A, PEER_ISN + 1, TH_SYN | TH_ACK, 0);
  ref(&s);
  s.seq = ISN_B;
  live(&s);
  lwipsim_rewriter_set_now(rw, t + 10);
  s = tcp(1, port, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK | TH_PSH, 100);
  ck_assert_int_eq(in(&s), 1);
  if (open) {
    return;
  }
  lwipsim_rewriter_set_now(rw, t + 20);
  s = tcp(0, 80, port, ISN_A + 1, PEER_ISN + 101, TH_ACK | TH_PSH | TH_FIN, 300);
  ref(&s);
  s.seq = ISN_B + 1;
  live(&s);
  lwipsim_rewriter_set_now(rw, t + 30);
  s = tcp(1, port, 80, PEER_ISN + 101, ISN_A + 302, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 302);
}

/* issue 12: the flow table holds the open conversations and those closed
 * within 2 * TCP_MSL, not every conversation of the capture. */
START_TEST(test_rewriter_flows_bounded)
{
  struct spec s;
  uint64_t t = 0;

  conversation(1000, t, 1); /* stays open all along */
  for (uint16_t i = 0; i < 2000; i++, t += 1000) {
    conversation((uint16_t)(2000 + i), t, 0);
  }
  /* 2000 closed conversations, one a second, 4 set_now calls each: two
   * full sweeps, and every flow closed before the last 120 s + a sweep's
   * lag (4096 calls, 1024 conversations) is gone */
  ck_assert_uint_lt(lwipsim_rewriter_flows(rw), 1200);
  ck_assert_uint_gt(lwipsim_rewriter_flows(rw), 120);
  /* a full sweep 100 s after the last: those of its last 20 s stay (idle
   * less than 120 s), and so does the open one */
  for (unsigned i = 0; i < 4096; i++) {
    lwipsim_rewriter_set_now(rw, t + 100000);
  }
  ck_assert_uint_eq(lwipsim_rewriter_flows(rw), 20 + 1);
  /* a late retransmission of the last peer FIN still finds its flow */
  s = tcp(1, 3999, 80, PEER_ISN + 101, ISN_A + 302, TH_ACK | TH_FIN, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 302);
  /* past 2 * TCP_MSL the closed ones go; the open one stays and still maps */
  for (unsigned i = 0; i < 4096; i++) {
    lwipsim_rewriter_set_now(rw, t + 100000 + 120001);
  }
  ck_assert_uint_eq(lwipsim_rewriter_flows(rw), 1);
  s = tcp(1, 1000, 80, PEER_ISN + 101, ISN_A + 1, TH_ACK, 0);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 1);
  ck_assert_uint_eq(divergence()->diverged, 0);
}
END_TEST

START_TEST(test_rewriter_tcp_device_client)
{
  static const uint16_t cap_port[2] = { 40000, 40001 }, live_port[2] = { 50123, 50124 };
  static const uint32_t cap_isn[2] = { 111111, 222222 }, live_isn[2] = { 999999, 0xfffffffeu };
  struct spec s;

  for (int i = 0; i < 2; i++) { /* captured SYNs first, live ones later: paired in order */
    s = tcp(0, cap_port[i], 443, cap_isn[i], 0, TH_SYN, 0);
    ref(&s);
  }
  for (int i = 0; i < 2; i++) {
    s = tcp(0, live_port[i], 443, live_isn[i], 0, TH_SYN, 0);
    live(&s);
  }
  for (int i = 1; i >= 0; i--) {
    s = tcp(1, 443, cap_port[i], 5000u * (i + 1), cap_isn[i] + 1, TH_SYN | TH_ACK, 0);
    ck_assert_int_eq(in(&s), 1);
    ck_assert_uint_eq(tc_get16(fb + fl4 + 2), live_port[i]);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 8), live_isn[i] + 1);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 4), 5000u * (i + 1));
  }
  s = tcp(1, 443, 40002, 1, 1, TH_SYN | TH_ACK, 0); /* the live stack never opened it */
  ck_assert_int_eq(in(&s), 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_NO_LIVE_CONNECTION], 1);
}
END_TEST

/* Two device-client connections to one server port share a flow key; their
 * segments interleaved, each still finds its own flow (the lookup's slot by
 * the peer's port holds the other one half the time): live port and live
 * sequence space of the right connection. */
START_TEST(test_rewriter_tcp_interleaved_same_key)
{
  static const uint16_t cap_port[2] = { 40000, 40001 }, live_port[2] = { 50123, 50124 };
  static const uint32_t cap_isn[2] = { 1000, 900000 }, live_isn[2] = { 70000, 5000000 }, peer_isn[2] = { 300, 600 };
  static const int order[6] = { 0, 1, 1, 0, 0, 1 };
  uint32_t sent[2] = { 0, 0 };
  struct spec s;

  for (int i = 0; i < 2; i++) {
    s = tcp(0, cap_port[i], 443, cap_isn[i], 0, TH_SYN, 0);
    ref(&s);
    s = tcp(0, live_port[i], 443, live_isn[i], 0, TH_SYN, 0);
    live(&s);
    s = tcp(1, 443, cap_port[i], peer_isn[i], cap_isn[i] + 1, TH_SYN | TH_ACK, 0);
    ck_assert_int_eq(in(&s), 1);
  }
  for (int r = 0; r < 6; r++) {
    int i = order[r];

    s = tcp(0, cap_port[i], 443, cap_isn[i] + 1 + sent[i], peer_isn[i] + 1, TH_ACK, 10);
    ref(&s);
    s = tcp(0, live_port[i], 443, live_isn[i] + 1 + sent[i], peer_isn[i] + 1, TH_ACK, 10);
    live(&s);
    sent[i] += 10;
    s = tcp(1, 443, cap_port[i], peer_isn[i] + 1, cap_isn[i] + 1 + sent[i], TH_ACK, 0);
    ck_assert_int_eq(in(&s), 1);
    ck_assert_uint_eq(tc_get16(fb + fl4 + 2), live_port[i]);
    ck_assert_uint_eq(tc_get32(fb + fl4 + 8), live_isn[i] + 1 + sent[i]);
  }
  ck_assert_uint_eq(divergence()->diverged, 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA], 0);
}
END_TEST

START_TEST(test_rewriter_tcp_ipv6_server)
{
  struct spec s;

  server_handshake(1, 1);
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK | TH_PSH, 33);
  s.v6 = 1;
  s.sip = peer_ip6;
  s.dip = dev_ip6;
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 1);
  ck_assert_uint_eq(divergence()->rewritten, 1);
}
END_TEST

/* A BOOTP message of the given DHCP type, with server id option when sid. */
static uint32_t dhcp_msg(uint8_t *p, uint8_t op, uint32_t xid, uint8_t type, const uint8_t *sid)
{
  memset(p, 0, 300);
  p[0] = op;
  p[1] = 1;
  p[2] = 6;
  tc_put32(p + 4, xid);
  memcpy(p + 28, dev_mac, 6);
  tc_put32(p + 236, 0x63825363);
  p[240] = 53, p[241] = 1, p[242] = type;
  p[243] = 54, p[244] = 4;
  memcpy(p + 245, sid != NULL ? sid : peer_ip, 4);
  p[249] = 255;
  return 250;
}

static int dhcp_in(uint32_t xid, uint8_t type, int no_csum)
{
  uint8_t p[300];
  struct spec s = udp(1, 67, 68, p, dhcp_msg(p, 2, xid, type, NULL));

  s.no_udp_csum = no_csum;
  return in(&s);
}

static void dhcp_out(int live_side, uint32_t xid, uint8_t type)
{
  static const uint8_t any[4], bcast[4] = { 255, 255, 255, 255 };
  uint8_t p[300];
  struct spec s = udp(0, 68, 67, p, dhcp_msg(p, 1, xid, type, NULL));

  s.sip = any;
  s.dip = bcast;
  live_side ? live(&s) : ref(&s);
}

START_TEST(test_rewriter_dhcp_dora)
{
  uint8_t sid[4];

  dhcp_out(0, 0xcafe0001, 1);
  dhcp_out(1, 0x11110001, 1);
  ck_assert_int_eq(dhcp_in(0xcafe0001, 2, 0), 1); /* OFFER */
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8 + 4), 0x11110001);
  ck_assert_int_eq(lwipsim_rewriter_dhcp_server_id(rw, sid), 1);
  ck_assert_mem_eq(sid, peer_ip, 4);
  dhcp_out(0, 0xcafe0001, 3); /* the captured client kept its xid, lwIP takes a new one */
  dhcp_out(1, 0x11110002, 3);
  ck_assert_int_eq(dhcp_in(0xcafe0001, 5, 1), 1); /* ACK, without UDP checksum */
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8 + 4), 0x11110002);
  ck_assert_uint_eq(tc_get16(fb + fl4 + 6), 0);
  ck_assert_mem_eq(fb + fl4 + 8 + 28, dev_mac, 6);
  ck_assert_int_eq(dhcp_in(0xdeadbeef, 5, 0), 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_DHCP_UNKNOWN_XID], 1);
  ck_assert_uint_eq(divergence()->rewritten, 2);
}
END_TEST

/* A DNS query (response when resp) for example.com A. */
static uint32_t dns_msg(uint8_t *p, uint16_t id, int resp)
{
  static const uint8_t q[] = "\7example\3com\0\0\1\0\1";

  memset(p, 0, 12);
  tc_put16(p, id);
  tc_put16(p + 2, resp ? 0x8180 : 0x0100);
  tc_put16(p + 4, 1);
  memcpy(p + 12, q, sizeof(q) - 1);
  return 12 + sizeof(q) - 1;
}

START_TEST(test_rewriter_dns_id_and_port)
{
  uint8_t p[64];
  struct spec s;

  s = udp(0, 5000, 53, p, dns_msg(p, 0x1234, 0));
  ref(&s);
  s = udp(0, 5000, 53, p, dns_msg(p, 0x1235, 0)); /* a second query the live stack never makes */
  ref(&s);
  s = udp(0, 49200, 53, p, dns_msg(p, 0xabcd, 0));
  live(&s);
  s = udp(1, 53, 5000, p, dns_msg(p, 0x1234, 1));
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get16(fb + fl4 + 2), 49200);
  ck_assert_uint_eq(tc_get16(fb + fl4 + 8), 0xabcd);
  s = udp(1, 53, 5000, p, dns_msg(p, 0x1235, 1));
  ck_assert_int_eq(in(&s), 0);
  ck_assert_uint_eq(divergence()->by_reason[LWIPSIM_DIV_NO_LIVE_FLOW], 1);
}
END_TEST

/* The device's SNTP request from port 123 (captured) and 50000 (live), and
 * the server's answer, which must reach the live port. */
static void sntp_exchange(void)
{
  uint8_t p[48] = { 0x23 };
  struct spec s = udp(0, 123, 123, p, sizeof(p));

  ref(&s);
  s.sport = 50000;
  live(&s);
  s = udp(1, 123, 123, p, sizeof(p));
  ck_assert_int_eq(in(&s), 1);
  ck_assert_uint_eq(tc_get16(fb + fl4 + 2), 50000);
}

/* UDP and DNS flows go too once quiet for 120 s: 2000 DNS transactions, one
 * a second, each on its own ports and ID, and an SNTP client that asks
 * every 300 s on one port; a later query of the long-quiet client pairs anew
 * and its answer still maps. */
START_TEST(test_rewriter_udp_flows_bounded)
{
  uint8_t p[64];
  struct spec s;
  uint64_t t = 0;

  for (uint16_t i = 0; i < 2000; i++, t += 1000) {
    lwipsim_rewriter_set_now(rw, t);
    s = udp(0, (uint16_t)(5000 + i), 53, p, dns_msg(p, (uint16_t)(0x1000 + i), 0));
    ref(&s);
    s = udp(0, (uint16_t)(40000 + i), 53, p, dns_msg(p, (uint16_t)(0x8000 + i), 0));
    live(&s);
    if (i % 300 == 0) {
      sntp_exchange();
    }
    for (uint64_t j = 20; j < 27; j++) { /* 8 calls a second: a full sweep every 512 s */
      lwipsim_rewriter_set_now(rw, t + j);
    }
    s = udp(1, 53, (uint16_t)(5000 + i), p, dns_msg(p, (uint16_t)(0x1000 + i), 1));
    ck_assert_int_eq(in(&s), 1);
    ck_assert_uint_eq(tc_get16(fb + fl4 + 2), 40000 + i);
    ck_assert_uint_eq(tc_get16(fb + fl4 + 8), 0x8000 + i);
  }
  /* The DNS flows share one key, so one bucket, which the sweep passed at
   * least once in the last 512 s whatever the hash puts it at: what was
   * quiet for 120 s then is gone, at most the 632 flows of the last 632 s
   * stay (and the SNTP client's); without the sweep all 2001 stay */
  ck_assert_uint_le(lwipsim_rewriter_flows(rw), 633);
  /* One full sweep (a call per bucket) now: every flow quiet for more than
   * 120 s is gone, and exactly the last 120 transactions stay (answered at
   * 1880.026 s and later). Then all go. */
  for (unsigned i = 0; i < 4096; i++) {
    lwipsim_rewriter_set_now(rw, t);
  }
  ck_assert_uint_eq(lwipsim_rewriter_flows(rw), 120);
  for (unsigned i = 0; i < 4096; i++) {
    lwipsim_rewriter_set_now(rw, t + 120001);
  }
  ck_assert_uint_eq(lwipsim_rewriter_flows(rw), 0);
  ck_assert_uint_eq(divergence()->diverged, 0);
}
END_TEST

START_TEST(test_rewriter_sntp_port) { sntp_exchange(); }
END_TEST

START_TEST(test_rewriter_address_change)
{
  static const uint8_t bcast[4] = { 255, 255, 255, 255 };
  uint8_t arp[60];
  struct spec s = udp(0, 7000, 7001, NULL, 4);

  ref(&s); /* learns the captured device address */
  lwipsim_rewriter_set_live_ip4(rw, live_ip);
  s = udp(1, 7001, 7000, NULL, 20);
  ck_assert_int_eq(in(&s), 1);
  ck_assert_mem_eq(fb + ETH + 16, live_ip, 4);
  s.proto = 1; /* ICMP: the IP header checksum only */
  ck_assert_int_eq(in(&s), 1);
  ck_assert_mem_eq(fb + ETH + 16, live_ip, 4);
  s = udp(1, 7001, 7000, NULL, 20);
  s.dip = bcast;
  ck_assert_int_eq(in(&s), 1);
  ck_assert_mem_eq(fb + ETH + 16, bcast, 4);
  memset(arp, 0, sizeof(arp));
  memset(arp, 0xff, 6);
  memcpy(arp + 6, peer_mac, 6);
  tc_put16(arp + 12, 0x0806);
  tc_put16(arp + ETH, 1), tc_put16(arp + ETH + 2, 0x0800), arp[ETH + 4] = 6, arp[ETH + 5] = 4,
                                                                     tc_put16(arp + ETH + 6, 1);
  memcpy(arp + ETH + 14, peer_ip, 4);
  memcpy(arp + ETH + 24, dev_ip, 4);
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, arp, sizeof(arp)), 1);
  ck_assert_mem_eq(arp + ETH + 24, live_ip, 4);
  ck_assert_uint_eq(divergence()->rewritten, 3);
}
END_TEST

START_TEST(test_rewriter_bad_checksum_kept_bad)
{
  struct spec s;
  uint32_t before;

  server_handshake(0, 1);
  lwipsim_rewriter_set_live_ip4(rw, live_ip); /* the pseudo-header changes too */
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 0);
  fl = build(fb, &s);
  fb[fl4 + 17] ^= 0x5a; /* as if captured behind checksum offload */
  fb[ETH + 11] ^= 0x0f;
  before = l4_sum(fb, 0, 6, fl4, 20);
  ck_assert_uint_ne(before, 0xffff);
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, fb, fl), 1);
  ck_assert_uint_eq(tc_get32(fb + fl4 + 8), ISN_B + 1);
  ck_assert_mem_eq(fb + ETH + 16, live_ip, 4);
  /* wrong by as much as before: lwIP drops it as the device did */
  ck_assert_uint_eq(l4_sum(fb, 0, 6, fl4, 20), before);
  ck_assert_uint_ne(tc_sum(fb + ETH, 20, 0), 0xffff);
}
END_TEST

START_TEST(test_rewriter_fill_checksums)
{
  struct spec s = tcp(1, 1, 2, 3, 4, TH_ACK, 17);

  s.v6 = 1, s.sip = peer_ip6, s.dip = dev_ip6, s.proto = 58;
  fl = build(fb, &s);
  memset(fb + fl4 + 2, 0, 2);
  ck_assert_int_eq(lwipsim_frame_fill_checksums(fb, fl), 0);
  ck_assert(csums_ok(fb, fl));
  s = udp(1, 1, 2, NULL, 9);
  fl = build(fb, &s);
  memset(fb + ETH + 10, 0, 2);
  memset(fb + fl4 + 6, 0, 2);
  ck_assert_int_eq(lwipsim_frame_fill_checksums(fb, fl), 0);
  ck_assert(csums_ok(fb, fl));
  ck_assert_int_eq(lwipsim_frame_fill_checksums(fb, 20), -1);
}
END_TEST

/* Each malformed frame must come back untouched and injected. */
static void malformed(uint8_t *b, uint32_t len)
{
  uint8_t copy[2048];

  memcpy(copy, b, len);
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, b, len), 1);
  ck_assert_mem_eq(copy, b, len);
}

START_TEST(test_rewriter_malformed_pass_through)
{
  struct spec s;
  uint32_t n;

  server_handshake(0, 1);
  lwipsim_rewriter_set_live_ip4(rw, live_ip); /* an address change would touch any IPv4 frame */
  s = tcp(1, 4321, 80, PEER_ISN + 1, ISN_A + 1, TH_ACK, 40);
  n = build(fb, &s);
  for (uint32_t cut = 0; cut < n; cut++) { /* caplen shorter than every header and the IP length */
    build(fb, &s);
    malformed(fb, cut);
  }
  build(fb, &s);
  fb[ETH] = 0x44; /* IHL 4 */
  malformed(fb, n);
  fb[ETH] = 0x4f; /* IHL 15: beyond the datagram */
  fb[ETH + 3] = 50;
  malformed(fb, n);
  build(fb, &s);
  fb[fl4 + 12] = 0x40; /* data offset 4 */
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, fb, n), 1);
  build(fb, &s);
  fb[fl4 + 12] = 0xf0; /* data offset beyond the segment */
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, fb, n), 1);
  s.v6 = 1, s.sip = peer_ip6, s.dip = dev_ip6;
  n = build(fb, &s);
  malformed(fb, n - 1);
  s = udp(1, 53, 5000, NULL, 3); /* a DNS runt */
  n = build(fb, &s);
  ck_assert_int_eq(lwipsim_rewriter_inbound(rw, fb, n), 1);
  ck_assert_uint_eq(divergence()->diverged, 0);
}
END_TEST

/* Random byte damage and random truncation of every kind of frame, fed to
 * all three entry points as heap copies of exactly the frame's length, so
 * ASan (the sanitize preset runs this in CI) sees a read one byte past the
 * end: a 2048-byte buffer hid those.
 * Seeded defect it catches: an end check loosened by 6 bytes (parse_ip4's
 * "cut short" test as p->caplen + 6 < p->l3 + tot, so the readable end can lie
 * 6 bytes past a cut frame): under ASan, a heap-buffer-overflow in the DHCP
 * option walk (rewrite_dhcp.c parse_options) on the truncated frames here;
 * checked by seeding it. The old loop's 2048-byte buffer made the same read
 * land in its own memory.
 * Without ASan it still asserts that every frame was counted and that no
 * truncated frame was passed on as rewritten. */
START_TEST(test_rewriter_exact_size_damage)
{
  uint8_t base[4][2048], pl[300];
  uint32_t len[4], rnd = 12345, truncated = 0, truncated_passed = 0;
  struct spec s = tcp(1, 4321, 80, 1, 1, TH_ACK, 20);

  len[0] = build(base[0], &s);
  s.v6 = 1, s.sip = peer_ip6, s.dip = dev_ip6;
  len[1] = build(base[1], &s);
  s = udp(1, 67, 68, pl, dhcp_msg(pl, 2, 1, 2, NULL));
  len[2] = build(base[2], &s);
  s = udp(1, 53, 5000, pl, dns_msg(pl, 1, 1));
  len[3] = build(base[3], &s);
  lwipsim_rewriter_set_live_ip4(rw, live_ip);
  for (int i = 0; i < 40000; i++) {
    int k = i & 3;
    uint8_t damaged[2048];
    uint32_t n;

    memcpy(damaged, base[k], len[k]);
    for (int j = 0; j < 4; j++) {
      rnd = rnd * 1103515245u + 12345u;
      damaged[(rnd >> 8) % len[k]] = (uint8_t)(rnd >> 24);
    }
    n = (rnd >> 4) % 4 == 0 ? (rnd >> 12) % len[k] : len[k];
    uint8_t *f = tc_heap_copy(damaged, n);
    lwipsim_rewriter_learn_reference(rw, f, n);
    lwipsim_rewriter_learn_transmitted(rw, f, n);
    uint64_t rewritten = divergence()->rewritten;
    lwipsim_rewriter_inbound(rw, f, n);
    if (n < TC_ETH + 20) {
      truncated++;
      truncated_passed += divergence()->rewritten != rewritten;
    }
    free(f);
  }
  ck_assert_uint_eq(divergence()->inbound, 40000);
  ck_assert_uint_gt(truncated, 0);
  ck_assert_uint_eq(truncated_passed, 0);
}
END_TEST

START_TEST(test_rewriter_reason_names)
{
  for (int i = 0; i < LWIPSIM_DIV_REASONS; i++) {
    ck_assert_ptr_nonnull(lwipsim_divergence_reason_name(i));
    ck_assert_str_ne(lwipsim_divergence_reason_name(i), "unknown");
  }
  ck_assert_str_eq(lwipsim_divergence_reason_name(-1), "unknown");
  ck_assert_str_eq(lwipsim_divergence_reason_name(LWIPSIM_DIV_REASONS), "unknown");
}
END_TEST

Suite *rewriter_suite(void)
{
  const TTest *tests[] = {
    test_rewriter_tcp_server_session,
    test_rewriter_tcp_sack_edges,
    test_rewriter_tcp_ack_beyond_live_data,
    test_rewriter_tcp_ack_maps_segment_ends,
    test_rewriter_tcp_owed_ack_for_late_fin,
    test_rewriter_tcp_window_scale_unscaled_live,
    test_rewriter_tcp_no_live_connection,
    test_rewriter_tcp_live_reset_and_closed,
    test_rewriter_tcp_device_client,
    test_rewriter_tcp_interleaved_same_key,
    test_rewriter_flows_bounded,
    test_rewriter_tcp_ipv6_server,
    test_rewriter_dhcp_dora,
    test_rewriter_dns_id_and_port,
    test_rewriter_sntp_port,
    test_rewriter_udp_flows_bounded,
    test_rewriter_address_change,
    test_rewriter_bad_checksum_kept_bad,
    test_rewriter_fill_checksums,
    test_rewriter_malformed_pass_through,
    test_rewriter_exact_size_damage,
    test_rewriter_reason_names,
  };
  Suite *s = suite_create("rewriter");
  TCase *tc = tcase_create("rewriter");

  tcase_add_checked_fixture(tc, setup, teardown);
  for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
    tcase_add_test(tc, tests[i]);
  }
  suite_add_tcase(s, tc);
  /* A case of its own: tests/bad-input runs it by name (CK_RUN_CASE) as the
   * check for bad-input item 11. */
  TCase *owed = tcase_create("owed-ack-queue-full");
  tcase_add_checked_fixture(owed, setup, teardown);
  tcase_add_test(owed, test_rewriter_tcp_owed_ack_kept_when_the_queue_is_full);
  suite_add_tcase(s, owed);
  return s;
}
