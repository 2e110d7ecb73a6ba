#include "test_replay_neighbours.h"

#include "replay/neighbours.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

#define ETH TC_ETH

static const uint8_t dev_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
static const uint8_t peer_mac[6] = { 0x02, 0x77, 0, 0, 0, 0x01 };
static const uint8_t other_mac[6] = { 0x02, 0x77, 0, 0, 0, 0x09 };
static const uint8_t dev_ip[4] = { 10, 77, 0, 2 };
static const uint8_t peer_ip[4] = { 10, 77, 0, 1 };
static const uint8_t dev_ip6[16] = { 0xfe, 0x80, [8] = 0x2a, 0xcd, 0xc1, 0xff, 0xfe, 0x03, 0x9e, 0x26 };
static const uint8_t peer_ip6[16] = { 0xfe, 0x80, [8] = 0, 0x77, 0, 0xff, 0xfe, 0, 0, 0x01 };
static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct lwipsim_neighbours *nb;

static uint32_t ip4_udp(uint8_t *b, const uint8_t *eth_src, const uint8_t *src)
{
  memset(b, 0, 60);
  tc_eth(b, dev_mac, eth_src, 0x0800);
  b[ETH] = 0x45;
  tc_put16(b + ETH + 2, 28);
  b[ETH + 8] = 64;
  b[ETH + 9] = 17;
  memcpy(b + ETH + 12, src, 4);
  memcpy(b + ETH + 16, dev_ip, 4);
  tc_put16(b + ETH + 24, 8);
  return 60;
}

/* A neighbour solicitation of the live stack (checksum not needed: the
 * responder does not verify what lwIP built). */
static uint32_t ns(uint8_t *b, const uint8_t *src, const uint8_t *target)
{
  memset(b, 0, ETH + 40 + 32);
  tc_eth(b, (const uint8_t[6]){ 0x33, 0x33, 0xff, target[13], target[14], target[15] }, dev_mac, 0x86dd);
  b[ETH] = 0x60;
  tc_put16(b + ETH + 4, 32);
  b[ETH + 6] = 58;
  b[ETH + 7] = 255;
  memcpy(b + ETH + 8, src, 16);
  b[ETH + 24] = 0xff;
  b[ETH + 25] = 0x02;
  b[ETH + 40] = 135;
  memcpy(b + ETH + 40 + 8, target, 16);
  b[ETH + 40 + 24] = 1; /* source link-layer address option */
  b[ETH + 40 + 25] = 1;
  memcpy(b + ETH + 40 + 26, dev_mac, 6);
  return ETH + 40 + 32;
}

/* An IPv6 frame from a peer, to learn from. */
static uint32_t ip6_from(uint8_t *b, const uint8_t *eth_src, const uint8_t *src)
{
  memset(b, 0, ETH + 48);
  tc_eth(b, dev_mac, eth_src, 0x86dd);
  b[ETH] = 0x60;
  tc_put16(b + ETH + 4, 8);
  b[ETH + 6] = 17;
  b[ETH + 7] = 64;
  memcpy(b + ETH + 8, src, 16);
  memcpy(b + ETH + 24, dev_ip6, 16);
  tc_put16(b + ETH + 40 + 4, 8);
  return ETH + 48;
}

/* Ones' complement sum of the IPv6 pseudo-header and ICMPv6 message. */
static uint32_t icmp6_sum(const uint8_t *b)
{
  uint32_t s = 0, len = tc_get16(b + ETH + 4);

  for (uint32_t i = 0; i < 32; i += 2) {
    s += tc_get16(b + ETH + 8 + i);
  }
  s += len + 58;
  for (uint32_t i = 0; i < len; i += 2) {
    s += tc_get16(b + ETH + 40 + i);
  }
  while (s >> 16) {
    s = (s & 0xffff) + (s >> 16);
  }
  return s;
}

static void setup(void)
{
  nb = lwipsim_neighbours_new(dev_mac);
  ck_assert_ptr_nonnull(nb);
}

static void teardown(void)
{
  lwipsim_neighbours_free(nb);
  nb = NULL;
}

START_TEST(test_neighbours_arp_reply_for_learned_peer)
{
  uint8_t f[128], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  uint32_t n = ip4_udp(f, peer_mac, peer_ip);

  /* unknown yet: no answer */
  uint32_t q = tc_arp(f + 64, dev_mac, bcast, 1, dev_mac, dev_ip, peer_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f + 64, q, out, &kind), 0);
  ck_assert_int_eq(kind, LWIPSIM_NB_NONE);

  lwipsim_neighbours_learn(nb, f, n);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 1);
  n = lwipsim_neighbours_answer(nb, f + 64, q, out, &kind);
  ck_assert_uint_eq(n, 42);
  ck_assert_int_eq(kind, LWIPSIM_NB_ARP);
  ck_assert_mem_eq(out, dev_mac, 6);      /* to the asker */
  ck_assert_mem_eq(out + 6, peer_mac, 6); /* from the peer */
  ck_assert_uint_eq(tc_get16(out + 12), 0x0806);
  ck_assert_uint_eq(tc_get16(out + ETH + 6), 2);
  ck_assert_mem_eq(out + ETH + 8, peer_mac, 6);
  ck_assert_mem_eq(out + ETH + 14, peer_ip, 4);
  ck_assert_mem_eq(out + ETH + 18, dev_mac, 6);
  ck_assert_mem_eq(out + ETH + 24, dev_ip, 4);
}
END_TEST

/* Off-link peers reach the device through a router whose own address the
 * capture never shows: the live stack's ARP for its gateway gets the MAC
 * that carried them, unless two MACs did (then nobody knows which). */
START_TEST(test_neighbours_gateway_is_the_off_link_peers_mac)
{
  static const uint8_t far_ip[4] = { 141, 142, 228, 5 }, far2_ip[4] = { 8, 8, 8, 8 };
  static const uint8_t gw_ip[4] = { 10, 77, 0, 254 }, mask[4] = { 255, 255, 255, 0 }, none[4] = { 0 };
  uint8_t f[128], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  uint32_t q = tc_arp(f + 64, dev_mac, bcast, 1, dev_mac, dev_ip, gw_ip);

  lwipsim_neighbours_learn(nb, f, ip4_udp(f, other_mac, far_ip));
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f + 64, q, out, &kind), 0); /* no route known yet */
  lwipsim_neighbours_set_ipv4_route(nb, dev_ip, mask, gw_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f + 64, q, out, &kind), 42);
  ck_assert_int_eq(kind, LWIPSIM_NB_ARP);
  ck_assert_mem_eq(out + ETH + 8, other_mac, 6);
  ck_assert_mem_eq(out + ETH + 14, gw_ip, 4);

  /* an on-link peer's MAC says nothing about the router */
  lwipsim_neighbours_learn(nb, f, ip4_udp(f, peer_mac, peer_ip));
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f + 64, q, out, &kind), 42);
  ck_assert_mem_eq(out + ETH + 8, other_mac, 6);

  /* a second off-link MAC: ambiguous, no answer */
  lwipsim_neighbours_learn(nb, f, ip4_udp(f, peer_mac, far2_ip));
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f + 64, q, out, &kind), 0);
  lwipsim_neighbours_set_ipv4_route(nb, dev_ip, mask, none);
}
END_TEST

START_TEST(test_neighbours_learns_from_arp_and_latest_mac_wins)
{
  uint8_t f[64], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  uint32_t n = tc_arp(f, peer_mac, bcast, 1, peer_mac, peer_ip, dev_ip);

  lwipsim_neighbours_learn(nb, f, n);
  n = tc_arp(f, other_mac, bcast, 1, other_mac, peer_ip, dev_ip);
  lwipsim_neighbours_learn(nb, f, n);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 1);
  n = tc_arp(f, dev_mac, bcast, 1, dev_mac, dev_ip, peer_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 42);
  ck_assert_mem_eq(out + ETH + 8, other_mac, 6);
}
END_TEST

/* Nothing is learned from the device, from unspecified or group addresses,
 * and gratuitous ARP or ARP probes of the device are never answered. */
START_TEST(test_neighbours_never_for_the_device)
{
  uint8_t f[128], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  static const uint8_t zero[4], mcast[4] = { 224, 0, 0, 251 };
  uint32_t n = ip4_udp(f, dev_mac, dev_ip);

  lwipsim_neighbours_learn(nb, f, n);
  n = tc_arp(f, dev_mac, bcast, 2, dev_mac, dev_ip, peer_ip);
  lwipsim_neighbours_learn(nb, f, n);
  n = ip4_udp(f, peer_mac, zero); /* a DHCP client without an address */
  lwipsim_neighbours_learn(nb, f, n);
  n = ip4_udp(f, peer_mac, mcast);
  lwipsim_neighbours_learn(nb, f, n);
  n = tc_arp(f, peer_mac, bcast, 1, peer_mac, zero, dev_ip); /* a peer's ARP probe */
  lwipsim_neighbours_learn(nb, f, n);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 0);

  /* a peer claiming the device's address is not believed */
  n = tc_arp(f, peer_mac, bcast, 1, peer_mac, dev_ip, dev_ip);
  lwipsim_neighbours_learn(nb, f, n);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 0);
  n = tc_arp(f, dev_mac, bcast, 1, dev_mac, peer_ip, dev_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
  /* the device's gratuitous ARP or probe is never answered, whoever else
   * showed the address */
  static const uint8_t other_ip[4] = { 10, 77, 0, 9 };
  n = tc_arp(f, peer_mac, bcast, 1, peer_mac, other_ip, dev_ip);
  lwipsim_neighbours_learn(nb, f, n);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 1);
  n = tc_arp(f, dev_mac, bcast, 1, dev_mac, other_ip, other_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
  n = tc_arp(f, dev_mac, bcast, 1, dev_mac, dev_ip, dev_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
  n = tc_arp(f, dev_mac, bcast, 1, dev_mac, zero, other_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
  /* and an ARP reply of the stack is no question */
  n = tc_arp(f, dev_mac, peer_mac, 2, dev_mac, dev_ip, peer_ip);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
}
END_TEST

START_TEST(test_neighbours_na_for_ns)
{
  uint8_t f[128], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  static const uint8_t unspec[16];
  uint32_t n = ip6_from(f, peer_mac, peer_ip6);

  lwipsim_neighbours_learn(nb, f, n);
  n = ns(f, dev_ip6, peer_ip6);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 86);
  ck_assert_int_eq(kind, LWIPSIM_NB_ND);
  ck_assert_mem_eq(out, dev_mac, 6);
  ck_assert_mem_eq(out + 6, peer_mac, 6);
  ck_assert_uint_eq(tc_get16(out + 12), 0x86dd);
  ck_assert_uint_eq(out[ETH + 7], 255);
  ck_assert_mem_eq(out + ETH + 8, peer_ip6, 16);
  ck_assert_mem_eq(out + ETH + 24, dev_ip6, 16);
  ck_assert_uint_eq(out[ETH + 40], 136);
  ck_assert_uint_eq(out[ETH + 44], 0x60); /* solicited, override */
  ck_assert_mem_eq(out + ETH + 48, peer_ip6, 16);
  ck_assert_uint_eq(out[ETH + 64], 2); /* target link-layer address */
  ck_assert_mem_eq(out + ETH + 66, peer_mac, 6);
  ck_assert_uint_eq(icmp6_sum(out), 0xffff);

  /* duplicate address detection is about the device: no answer */
  n = ns(f, unspec, peer_ip6);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
  /* nor for an address no peer showed */
  n = ns(f, dev_ip6, dev_ip6);
  ck_assert_uint_eq(lwipsim_neighbours_answer(nb, f, n, out, &kind), 0);
}
END_TEST

/* Every truncation of a valid ARP request and of a peer's IPv6 frame, each a
 * heap copy of exactly its length (ASan sees a read one byte past the end),
 * learns nothing and answers nothing; the whole frames learn exactly one
 * neighbour each.
 * Seeded defect it catches: the frame parser's ARP length check counted from
 * the frame's start instead of the Ethernet header's end (rewrite_eth_ip.c,
 * rw_has(p, 0, LWIPSIM_ARP_LEN)): a cut frame of 28..41 bytes is taken for
 * ARP, a heap-buffer-overflow under ASan (checked by seeding it) and a
 * neighbour learned from it. */
START_TEST(test_neighbours_truncated_frames_learn_nothing)
{
  uint8_t whole[128], out[LWIPSIM_NB_REPLY_MAX];
  enum lwipsim_nb_kind kind;
  uint32_t arp_len = tc_arp(whole, peer_mac, bcast, 1, peer_mac, peer_ip, dev_ip);

  for (uint32_t len = 0; len < arp_len; len++) {
    uint8_t *cut = tc_heap_copy(whole, len);
    lwipsim_neighbours_learn(nb, cut, len);
    ck_assert_uint_eq(lwipsim_neighbours_answer(nb, cut, len, out, &kind), 0);
    free(cut);
    ck_assert_msg(lwipsim_neighbours_count(nb) == 0, "learned a neighbour from %u of %u bytes", len, arp_len);
  }
  uint8_t *full = tc_heap_copy(whole, arp_len);
  lwipsim_neighbours_learn(nb, full, arp_len);
  free(full);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 1);

  uint32_t ip6_len = ip6_from(whole, other_mac, peer_ip6);
  for (uint32_t len = 0; len < ETH + 40; len++) { /* shorter than the IPv6 header */
    uint8_t *cut = tc_heap_copy(whole, len);
    lwipsim_neighbours_learn(nb, cut, len);
    free(cut);
    ck_assert_msg(lwipsim_neighbours_count(nb) == 1, "learned an IPv6 neighbour from %u bytes", len);
  }
  full = tc_heap_copy(whole, ip6_len);
  lwipsim_neighbours_learn(nb, full, ip6_len);
  free(full);
  ck_assert_uint_eq(lwipsim_neighbours_count(nb), 2);
}
END_TEST

Suite *neighbours_suite(void)
{
  Suite *s = suite_create("neighbours");
  TCase *tc = tcase_create("neighbours");

  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_neighbours_arp_reply_for_learned_peer);
  tcase_add_test(tc, test_neighbours_gateway_is_the_off_link_peers_mac);
  tcase_add_test(tc, test_neighbours_learns_from_arp_and_latest_mac_wins);
  tcase_add_test(tc, test_neighbours_never_for_the_device);
  tcase_add_test(tc, test_neighbours_na_for_ns);
  tcase_add_test(tc, test_neighbours_truncated_frames_learn_nothing);
  suite_add_tcase(s, tc);
  return s;
}
