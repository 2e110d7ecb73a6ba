#include "test_replay_tx_match.h"

#include "replay/rewriter.h"
#include "replay/tx_match.h"

#include <stdint.h>
#include <string.h>

#include "test_common.h"

#define ETH TC_ETH
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

static const uint8_t dev_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
static const uint8_t peer_mac[6] = { 0x02, 0x77, 0, 0, 0, 0x01 };
static const uint8_t dev_ip[4] = { 10, 77, 0, 2 };
static const uint8_t peer_ip[4] = { 10, 77, 0, 1 };

/* An IPv4 frame from the device; the transport header is the caller's. */
static uint8_t *ip4(uint8_t *b, uint32_t *len, uint8_t proto, uint32_t l4len)
{
  memset(b, 0, 600);
  tc_eth(b, peer_mac, dev_mac, 0x0800);
  b[ETH] = 0x45;
  tc_put16(b + ETH + 2, 20 + l4len);
  b[ETH + 8] = 64;
  b[ETH + 9] = proto;
  memcpy(b + ETH + 12, dev_ip, 4);
  memcpy(b + ETH + 16, peer_ip, 4);
  *len = ETH + 20 + l4len < 60 ? 60 : ETH + 20 + l4len;
  return b + ETH + 20;
}

static uint32_t tcp(uint8_t *b, uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags, uint32_t paylen)
{
  uint32_t len;
  uint8_t *t = ip4(b, &len, 6, 20 + paylen);

  tc_put16(t, sport);
  tc_put16(t + 2, dport);
  tc_put32(t + 4, seq);
  tc_put32(t + 8, 1);
  t[12] = 5 << 4;
  t[13] = flags;
  return len;
}

static uint32_t udp(uint8_t *b, uint16_t sport, uint16_t dport, const uint8_t *pay, uint32_t paylen)
{
  uint32_t len;
  uint8_t *u = ip4(b, &len, 17, 8 + paylen);

  tc_put16(u, sport);
  tc_put16(u + 2, dport);
  tc_put16(u + 4, 8 + paylen);
  memcpy(u + 8, pay, paylen);
  return len;
}

static enum lwipsim_tx_class key(const uint8_t *f, uint32_t len, struct lwipsim_tx_key *k)
{
  return lwipsim_tx_key(NULL, dev_mac, f, len, 0, k);
}

START_TEST(test_tx_key_tcp_kinds)
{
  uint8_t f[600];
  struct lwipsim_tx_key k;

  ck_assert_int_eq(key(f, tcp(f, 80, 41746, 100, TH_SYN | TH_ACK, 0), &k), LWIPSIM_TX_KEYED);
  ck_assert_uint_eq(k.ethertype, 0x0800);
  ck_assert_uint_eq(k.ip_proto, 6);
  ck_assert_uint_eq(k.tcp_kind, LWIPSIM_TCP_SYNACK);
  ck_assert_uint_eq(k.dev_port, 80);
  ck_assert_uint_eq(k.peer_port, 41746);
  key(f, tcp(f, 80, 41746, 101, TH_ACK, 186), &k);
  ck_assert_uint_eq(k.tcp_kind, LWIPSIM_TCP_DATA);
  key(f, tcp(f, 80, 41746, 101, TH_ACK | TH_FIN, 46), &k);
  ck_assert_uint_eq(k.tcp_kind, LWIPSIM_TCP_FIN);
  key(f, tcp(f, 80, 41746, 101, TH_RST, 0), &k);
  ck_assert_uint_eq(k.tcp_kind, LWIPSIM_TCP_RST);
  key(f, tcp(f, 49153, 80, 101, TH_SYN, 0), &k);
  ck_assert_uint_eq(k.tcp_kind, LWIPSIM_TCP_SYN);
  /* a pure acknowledgement, even padded to 60 bytes, is counted apart */
  ck_assert_int_eq(key(f, tcp(f, 80, 41746, 101, TH_ACK, 0), &k), LWIPSIM_TX_PURE_ACK);
}
END_TEST

START_TEST(test_tx_key_udp_dns_dhcp_arp_icmp)
{
  uint8_t f[600], pay[300];
  struct lwipsim_tx_key k;

  memset(pay, 0, sizeof pay);
  pay[2] = 0x84; /* QR: a response */
  key(f, udp(f, 5353, 5353, pay, 12), &k);
  ck_assert_uint_eq(k.ip_proto, 17);
  ck_assert_uint_eq(k.dns, LWIPSIM_DNS_RESPONSE);
  ck_assert_int_eq(k.dhcp_type, -1);
  pay[2] = 0;
  key(f, udp(f, 5353, 36411, pay, 12), &k);
  ck_assert_uint_eq(k.dns, LWIPSIM_DNS_QUERY);
  ck_assert_uint_eq(k.peer_port, 36411);
  key(f, udp(f, 49153, 53, pay, 12), &k);
  ck_assert_uint_eq(k.dns, LWIPSIM_DNS_QUERY);
  key(f, udp(f, 40000, 9999, pay, 12), &k);
  ck_assert_uint_eq(k.dns, 0);

  /* BOOTP request with the DHCP cookie and message type 3 */
  pay[0] = 1, pay[1] = 1, pay[2] = 6;
  memcpy(pay + 28, dev_mac, 6);
  tc_put32(pay + 236, 0x63825363u);
  pay[240] = 53, pay[241] = 1, pay[242] = 3, pay[243] = 255;
  key(f, udp(f, 68, 67, pay, 244), &k);
  ck_assert_int_eq(k.dhcp_type, 3);
  ck_assert_uint_eq(k.dns, 0);

  uint32_t len;
  uint8_t *icmp = ip4(f, &len, 1, 8);
  icmp[0] = 8;
  key(f, len, &k);
  ck_assert_uint_eq(k.ip_proto, 1);
  ck_assert_uint_eq(k.icmp_type, 8);

  memset(f, 0, 42);
  tc_put16(f + 12, 0x0806);
  tc_put16(f + ETH, 1);
  tc_put16(f + ETH + 2, 0x0800);
  f[ETH + 4] = 6, f[ETH + 5] = 4;
  tc_put16(f + ETH + 6, 2);
  ck_assert_int_eq(key(f, 42, &k), LWIPSIM_TX_KEYED);
  ck_assert_uint_eq(k.ethertype, 0x0806);
  ck_assert_uint_eq(k.arp_op, 2);
}
END_TEST

/* The live stack's ephemeral port maps back to the captured device's. */
START_TEST(test_tx_key_maps_live_client_port)
{
  uint8_t f[600];
  struct lwipsim_tx_key k;
  struct lwipsim_rewriter *rw = lwipsim_rewriter_new(dev_mac);
  uint32_t n;

  ck_assert_ptr_nonnull(rw);
  n = tcp(f, 41000, 80, 5000, TH_SYN, 0);
  lwipsim_rewriter_learn_reference(rw, f, n);
  n = tcp(f, 49153, 80, 9000, TH_SYN, 0);
  lwipsim_rewriter_learn_transmitted(rw, f, n);
  ck_assert_int_eq(lwipsim_tx_key(rw, dev_mac, f, n, 1, &k), LWIPSIM_TX_KEYED);
  ck_assert_uint_eq(k.dev_port, 41000);
  /* the captured device's frames keep their own port */
  ck_assert_int_eq(lwipsim_tx_key(rw, dev_mac, f, n, 0, &k), LWIPSIM_TX_KEYED);
  ck_assert_uint_eq(k.dev_port, 49153);
  lwipsim_rewriter_free(rw);
}
END_TEST

START_TEST(test_tx_match_counts_min_per_key)
{
  uint8_t f[600];
  struct lwipsim_tx_match *m = lwipsim_tx_match_new(dev_mac, 0);
  const struct lwipsim_tx_counts *c;

  ck_assert_ptr_nonnull(m);
  /* reference: SYN-ACK, two data segments, FIN, one pure ACK */
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 1, TH_SYN | TH_ACK, 0), 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 2, TH_ACK, 186), 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 188, TH_ACK, 132), 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 320, TH_ACK | TH_FIN, 0), 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 321, TH_ACK, 0), 0);
  /* live: SYN-ACK, one data segment, an RST, three pure ACKs */
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 7, TH_SYN | TH_ACK, 0), 1);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 8, TH_ACK, 129), 1);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 137, TH_RST, 0), 1);
  for (int i = 0; i < 3; i++) {
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 137, TH_ACK, 0), 1);
  }
  /* a data segment of another flow does not pair with this one's */
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1235, 8, TH_ACK, 129), 1);
  c = lwipsim_tx_match_counts(m);
  ck_assert_uint_eq(c->reference, 4);
  ck_assert_uint_eq(c->transmitted, 4);
  ck_assert_uint_eq(c->matched, 2); /* SYN-ACK, one data segment */
  ck_assert_uint_eq(c->pure_acks_reference, 1);
  ck_assert_uint_eq(c->pure_acks_transmitted, 3);
  /* order does not matter: the live side catching up pairs too */
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 137, TH_ACK, 10), 1);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 147, TH_ACK, 10), 1);
  ck_assert_uint_eq(c->matched, 3);
  ck_assert_uint_eq(c->transmitted, 6);
  lwipsim_tx_match_free(m);
}
END_TEST

/* The counts move to where the caller keeps them (a run state), and go on
 * from there: none lost, none left behind. */
START_TEST(test_tx_match_count_into)
{
  uint8_t f[600];
  struct lwipsim_tx_match *m = lwipsim_tx_match_new(dev_mac, 0);
  struct lwipsim_tx_counts where;

  ck_assert_ptr_nonnull(m);
  memset(&where, 0xa5, sizeof where);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 1, TH_SYN | TH_ACK, 0), 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 2, TH_ACK, 0), 0);
  lwipsim_tx_match_count_into(m, &where);
  ck_assert_ptr_eq(lwipsim_tx_match_counts(m), &where);
  ck_assert_uint_eq(where.reference, 1);
  ck_assert_uint_eq(where.pure_acks_reference, 1);
  ck_assert_uint_eq(where.transmitted, 0);
  ck_assert_uint_eq(where.matched, 0);
  ck_assert_uint_eq(where.reference_ipv6_unbuilt, 0);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 9, TH_SYN | TH_ACK, 0), 1);
  lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, 1234, 10, TH_ACK, 0), 1);
  ck_assert_uint_eq(where.transmitted, 1);
  ck_assert_uint_eq(where.matched, 1);
  ck_assert_uint_eq(where.pure_acks_transmitted, 1);
  lwipsim_tx_match_free(m);
  /* the place outlives the matcher */
  ck_assert_uint_eq(where.reference, 1);
}
END_TEST

START_TEST(test_tx_match_ipv6_reference_without_ipv6)
{
  uint8_t f[80];
  struct lwipsim_tx_match *m = lwipsim_tx_match_new(dev_mac, 0);
  struct lwipsim_tx_match *m6 = lwipsim_tx_match_new(dev_mac, 1);

  memset(f, 0, sizeof f);
  tc_eth(f, peer_mac, dev_mac, 0x86dd);
  f[ETH] = 0x60;
  tc_put16(f + ETH + 4, 16);
  f[ETH + 6] = 58;
  f[ETH + 7] = 255;
  f[ETH + 40] = 133; /* router solicitation */
  lwipsim_tx_match_frame(m, NULL, f, ETH + 56, 0);
  lwipsim_tx_match_frame(m6, NULL, f, ETH + 56, 0);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m)->reference, 0);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m)->reference_ipv6_unbuilt, 1);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m6)->reference, 1);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m6)->reference_ipv6_unbuilt, 0);
  lwipsim_tx_match_frame(m6, NULL, f, ETH + 56, 1);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m6)->matched, 1);
  lwipsim_tx_match_free(m);
  lwipsim_tx_match_free(m6);
}
END_TEST

/* Keys stay as many as the conversations still unbalanced and recent: equal
 * counts drop a key at once, a TCP key idle for 2 * TCP_MSL goes at the sweep
 * (one hash bucket per lwipsim_tx_match_set_now, 1024 buckets). */
START_TEST(test_tx_match_keys_bounded)
{
  uint8_t f[600];
  struct lwipsim_tx_match *m = lwipsim_tx_match_new(dev_mac, 0);
  uint64_t t = 0;

  /* 300 conversations, one a second: the SYN-ACK both sides sent (balanced),
   * a data segment the captured device sent twice and the live stack once */
  for (uint16_t i = 0; i < 300; i++, t += 1000) {
    uint16_t port = (uint16_t)(20000 + i);

    lwipsim_tx_match_set_now(m, t);
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, port, 100, TH_SYN | TH_ACK, 0), 0);
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, port, 100, TH_SYN | TH_ACK, 0), 1);
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, port, 101, TH_ACK, 50), 0);
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, port, 101, TH_ACK, 50), 0);
    lwipsim_tx_match_frame(m, NULL, f, tcp(f, 80, port, 101, TH_ACK, 50), 1);
  }
  ck_assert_uint_eq(lwipsim_tx_match_counts(m)->matched, 600);
  /* balanced SYN-ACK keys are gone; the data keys are at most 300 */
  ck_assert_uint_le(lwipsim_tx_match_entries(m), 300);
  ck_assert_uint_gt(lwipsim_tx_match_entries(m), 100);
  /* a full sweep 2 * TCP_MSL after the 200th: 100 keys are young enough to stay */
  for (unsigned i = 0; i < 1024; i++) {
    lwipsim_tx_match_set_now(m, 200000 + 120000);
  }
  ck_assert_uint_eq(lwipsim_tx_match_entries(m), 100);
  /* an ARP key never goes on idleness, however old */
  memset(f, 0, 60);
  tc_eth(f, peer_mac, dev_mac, 0x0806);
  lwipsim_tx_match_frame(m, NULL, f, 60, 0);
  for (unsigned i = 0; i < 2048; i++) {
    lwipsim_tx_match_set_now(m, 10000000);
  }
  ck_assert_uint_eq(lwipsim_tx_match_entries(m), 1);
  /* and the counts it keeps still pair the next frame */
  lwipsim_tx_match_frame(m, NULL, f, 60, 1);
  ck_assert_uint_eq(lwipsim_tx_match_counts(m)->matched, 601);
  ck_assert_uint_eq(lwipsim_tx_match_entries(m), 0);
  lwipsim_tx_match_free(m);
}
END_TEST

Suite *tx_match_suite(void)
{
  Suite *s = suite_create("tx_match");
  TCase *tc = tcase_create("tx_match");

  tcase_add_test(tc, test_tx_key_tcp_kinds);
  tcase_add_test(tc, test_tx_key_udp_dns_dhcp_arp_icmp);
  tcase_add_test(tc, test_tx_key_maps_live_client_port);
  tcase_add_test(tc, test_tx_match_counts_min_per_key);
  tcase_add_test(tc, test_tx_match_ipv6_reference_without_ipv6);
  tcase_add_test(tc, test_tx_match_keys_bounded);
  tcase_add_test(tc, test_tx_match_count_into);
  suite_add_tcase(s, tc);
  return s;
}
