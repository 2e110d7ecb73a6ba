/* What a failure costs (sim/replay/impact.c), on hand-built frames: queries
 * and requests paired with their answers on both sides, and what each side
 * sent after the failure. */
#include "test_replay_impact.h"

#include "replay/impact.h"

#include <stdint.h>
#include <string.h>

#include "test_common.h"

#define ETH TC_ETH
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

#define CAPTURED 0
#define LIVE 1
#define BEFORE 0u /* no failure yet */
#define AFTER 3u  /* both starts have happened */
#define ANY 2u    /* only the second start (a refused write) */

static const uint8_t dev_mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
static const uint8_t peer_mac[6] = { 0x02, 0x77, 0, 0, 0, 0x01 };
static const uint8_t mdns_mac[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb };
static const uint8_t dev_ip[4] = { 10, 77, 0, 2 };
static const uint8_t peer_ip[4] = { 10, 77, 0, 1 };
static const uint8_t mdns_ip[4] = { 224, 0, 0, 251 };

static uint8_t f[600];

/* An IPv4 frame; from_device picks the direction (a peer's mDNS goes to the
 * group). Returns the transport header; *len the frame's length. */
static uint8_t *ip4(int from_device, int to_group, uint8_t proto, uint32_t l4len, uint32_t *len)
{
  memset(f, 0, sizeof f);
  const uint8_t *dst_mac = to_group ? mdns_mac : from_device ? peer_mac : dev_mac;
  const uint8_t *dst_ip = to_group ? mdns_ip : from_device ? peer_ip : dev_ip;
  tc_eth(f, dst_mac, from_device ? dev_mac : peer_mac, 0x0800);
  f[ETH] = 0x45;
  tc_put16(f + ETH + 2, 20 + l4len);
  f[ETH + 8] = 64;
  f[ETH + 9] = proto;
  memcpy(f + ETH + 12, from_device ? dev_ip : peer_ip, 4);
  memcpy(f + ETH + 16, dst_ip, 4);
  *len = ETH + 20 + l4len < 60 ? 60 : ETH + 20 + l4len;
  return f + ETH + 20;
}

static uint32_t udp(int from_device, uint16_t sport, uint16_t dport, uint8_t byte2)
{
  uint32_t len;
  int group = sport == 5353 && dport == 5353;
  uint8_t *u = ip4(from_device, group, 17, 8 + 12, &len);
  tc_put16(u, sport);
  tc_put16(u + 2, dport);
  tc_put16(u + 4, 8 + 12);
  u[8 + 2] = byte2; /* DNS flags: 0x84 a response, 0 a query */
  return len;
}

static uint32_t tcp(int from_device, uint16_t peer_port, uint16_t dev_port, uint8_t flags, const char *payload)
{
  uint32_t len, n = payload ? (uint32_t)strlen(payload) : 0;
  uint8_t *t = ip4(from_device, 0, 6, 20 + n, &len);
  tc_put16(t, from_device ? dev_port : peer_port);
  tc_put16(t + 2, from_device ? peer_port : dev_port);
  t[12] = 5 << 4;
  t[13] = flags;
  memcpy(t + 20, payload ? payload : "", n);
  return len;
}

static uint32_t dhcp_request(void)
{
  uint32_t len;
  uint8_t *u = ip4(1, 0, 17, 8 + 244, &len);
  tc_put16(u, 68);
  tc_put16(u + 2, 67);
  tc_put16(u + 4, 8 + 244);
  uint8_t *b = u + 8;
  b[0] = 1, b[1] = 1, b[2] = 6;
  memcpy(b + 28, dev_mac, 6);
  tc_put32(b + 236, 0x63825363u);
  b[240] = 53, b[241] = 1, b[242] = 3, b[243] = 255;
  return len;
}

/* An SNTP request over IPv6 from the device. */
static uint32_t sntp6(void)
{
  memset(f, 0, sizeof f);
  tc_eth(f, peer_mac, dev_mac, 0x86dd);
  f[ETH] = 0x60;
  tc_put16(f + ETH + 4, 8 + 48);
  f[ETH + 6] = 17;
  f[ETH + 7] = 64;
  f[ETH + 8] = 0xfe, f[ETH + 9] = 0x80, f[ETH + 23] = 2;   /* fe80::2 */
  f[ETH + 24] = 0xfe, f[ETH + 25] = 0x80, f[ETH + 39] = 1; /* fe80::1 */
  uint8_t *u = f + ETH + 40;
  tc_put16(u, 49160);
  tc_put16(u + 2, 123);
  tc_put16(u + 4, 8 + 48);
  return ETH + 40 + 8 + 48;
}

static void frame(struct lwipsim_impact *m, uint32_t len, int live, uint64_t t, unsigned failed)
{
  lwipsim_impact_frame(m, f, len, live, t, failed);
}

/* A query the captured device answered after the failure and the live one
 * never did is missing; one both answered is not; a response later than the
 * window answers nothing, and a query nobody answered (known-answer
 * suppression) counts for nothing. Every response counts as sent. */
START_TEST(test_impact_mdns_queries_and_responses)
{
  struct lwipsim_impact *m = lwipsim_impact_new(dev_mac, 0);
  ck_assert_ptr_nonnull(m);
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 1000, BEFORE);   /* query 1 */
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 1050, AFTER); /* answered only by the captured device */
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 2000, AFTER);    /* query 2 */
  frame(m, udp(1, 5353, 5353, 0x84), LIVE, 2080, AFTER);
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 2100, AFTER);
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 3000, AFTER); /* query 3: answered too late */
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 3000 + LWIPSIM_IMPACT_MDNS_WINDOW_MS + 1, AFTER);
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 5000, AFTER); /* query 4: nobody answers */
  frame(m, udp(1, 5353, 5353, 0), CAPTURED, 5010, AFTER); /* the device's own probe: no answer */
  const struct lwipsim_impact_counts *c = lwipsim_impact_finish(m, 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MDNS_QUERIES], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_MDNS_QUERIES], 1);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MDNS], 3);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_MDNS], 2);
  ck_assert_str_eq(lwipsim_impact_service_name(LWIPSIM_IMPACT_MDNS), "mdns");
  /* a second finish gives the same counts */
  ck_assert_uint_eq(lwipsim_impact_finish(m, 0)->missing[LWIPSIM_IMPACT_MDNS], 2);
  lwipsim_impact_free(m);
}
END_TEST

/* mDNS queries are found through a bit per slot: a query past the first 64
 * slots is answered and expired as one in slot 0 is, and a query settled to
 * make room leaves its slot to a TCP question that no mDNS response
 * answers. */
START_TEST(test_impact_mdns_slots)
{
  struct lwipsim_impact *m = lwipsim_impact_new(dev_mac, 0);
  ck_assert_ptr_nonnull(m);
  for (uint16_t i = 0; i < 70; i++) {
    frame(m, tcp(0, (uint16_t)(40000 + i), 80, TH_SYN, NULL), CAPTURED, 100, AFTER); /* slots 0-69, unanswered */
  }
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 1000, AFTER); /* slot 70 */
  frame(m, udp(1, 5353, 5353, 0x84), LIVE, 1020, AFTER);
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 1030, AFTER); /* answered by both */
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 2000, AFTER);    /* slot 70 again */
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 2010, AFTER); /* by the captured device only */
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 3000, AFTER);    /* expires the last one; nobody answers it */
  const struct lwipsim_impact_counts *c = lwipsim_impact_finish(m, 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MDNS_QUERIES], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_MDNS_QUERIES], 1);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_HTTP_CONNECTIONS], 0);
  lwipsim_impact_free(m);

  m = lwipsim_impact_new(dev_mac, 0);
  ck_assert_ptr_nonnull(m);
  frame(m, udp(0, 5353, 5353, 0), CAPTURED, 10, AFTER); /* slot 0, the oldest */
  for (uint16_t i = 0; i < 128; i++) {
    frame(m, tcp(0, (uint16_t)(40000 + i), 80, TH_SYN, NULL), CAPTURED, 20, AFTER); /* the last takes slot 0 */
  }
  frame(m, udp(1, 5353, 5353, 0x84), CAPTURED, 40, AFTER); /* answers no connection */
  c = lwipsim_impact_finish(m, 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MDNS_QUERIES], 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_HTTP_CONNECTIONS], 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MDNS], 1);
  lwipsim_impact_free(m);
}
END_TEST

/* Requests and connections pair by the peer's address and port. */
START_TEST(test_impact_http_requests_and_connections)
{
  struct lwipsim_impact *m = lwipsim_impact_new(dev_mac, 0);
  ck_assert_ptr_nonnull(m);
  frame(m, tcp(0, 41000, 80, TH_SYN, NULL), CAPTURED, 100, AFTER);
  frame(m, tcp(0, 41000, 80, TH_SYN, NULL), CAPTURED, 1100, AFTER); /* retransmitted: one question */
  frame(m, tcp(1, 41000, 80, TH_SYN | TH_ACK, NULL), CAPTURED, 101, AFTER);
  frame(m, tcp(1, 41000, 80, TH_RST | TH_ACK, NULL), LIVE, 101, AFTER); /* refused */
  frame(m, tcp(0, 41001, 80, TH_SYN, NULL), CAPTURED, 200, AFTER);
  frame(m, tcp(1, 41001, 80, TH_SYN | TH_ACK, NULL), LIVE, 200, AFTER);
  frame(m, tcp(1, 41001, 80, TH_SYN | TH_ACK, NULL), CAPTURED, 201, AFTER);
  frame(m, tcp(0, 41001, 80, TH_ACK, "GET / HTTP/1.1\r\n"), CAPTURED, 202, AFTER);
  frame(m, tcp(1, 41001, 80, TH_ACK, "HTTP/1.1 200 OK\r\n"), CAPTURED, 203, AFTER);
  frame(m, tcp(1, 41001, 80, TH_ACK, "HTTP/1.1 200 OK\r\n"), LIVE, 230, AFTER);
  /* keep-alive: a second request on the connection, answered only by the captured device */
  frame(m, tcp(0, 41001, 80, TH_ACK, "GET /b HTTP/1.1\r\n"), CAPTURED, 300, AFTER);
  frame(m, tcp(1, 41001, 80, TH_ACK, "HTTP/1.1 200 OK\r\n"), CAPTURED, 301, AFTER);
  /* the live device answers another connection: no answer to 41001 */
  frame(m, tcp(1, 41002, 80, TH_ACK, "HTTP/1.1 200 OK\r\n"), LIVE, 302, AFTER);
  /* a request whose answer came before the failure is not counted */
  frame(m, tcp(0, 41003, 80, TH_ACK, "POST /x HTTP/1.1\r\n"), CAPTURED, 400, BEFORE);
  frame(m, tcp(1, 41003, 80, TH_ACK, "HTTP/1.1 200 OK\r\n"), CAPTURED, 401, BEFORE);
  const struct lwipsim_impact_counts *c = lwipsim_impact_finish(m, 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_HTTP], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_HTTP], 1);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_HTTP_CONNECTIONS], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_HTTP_CONNECTIONS], 1);
  lwipsim_impact_free(m);
}
END_TEST

/* What each side sent after the failure, by service; before it nothing
 * counts, IPv6 is left out of a stack without it, and each start counts
 * from its own moment. */
START_TEST(test_impact_sent_services_and_starts)
{
  struct lwipsim_impact *m = lwipsim_impact_new(dev_mac, 0);
  ck_assert_ptr_nonnull(m);
  frame(m, dhcp_request(), CAPTURED, 10, BEFORE);
  frame(m, dhcp_request(), CAPTURED, 20, ANY);
  frame(m, dhcp_request(), CAPTURED, 30, AFTER);
  frame(m, dhcp_request(), LIVE, 30, AFTER);
  frame(m, udp(1, 49153, 123, 0x23), CAPTURED, 40, AFTER);
  frame(m, udp(1, 49153, 123, 0x23), CAPTURED, 50, AFTER);
  frame(m, udp(1, 49154, 53, 0), CAPTURED, 60, AFTER);
  frame(m, udp(1, 49154, 53, 0), LIVE, 60, AFTER);
  frame(m, udp(1, 49155, 514, 0), CAPTURED, 70, AFTER); /* syslog */
  frame(m, udp(1, 49155, 514, 0), LIVE, 70, AFTER);
  frame(m, udp(1, 49155, 514, 0), LIVE, 75, AFTER); /* the live one sent more: nothing missing */
  frame(m, tcp(1, 1883, 50000, TH_ACK, "\xc0"), CAPTURED, 80, AFTER);
  frame(m, tcp(1, 1883, 50000, TH_ACK, "\xc0"), CAPTURED, 90, AFTER);
  frame(m, tcp(1, 1883, 50000, TH_ACK, "\x30"), CAPTURED, 95, AFTER); /* a PUBLISH is no keep-alive */
  frame(m, tcp(1, 1883, 50000, TH_ACK, "\xc0"), LIVE, 90, AFTER);
  frame(m, sntp6(), CAPTURED, 100, AFTER); /* IPv6, which this stack cannot send */
  const struct lwipsim_impact_counts *c = lwipsim_impact_finish(m, 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_DHCP], 1);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_DHCP], 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_SNTP], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_SNTP], 2);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_DNS], 1);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_DNS], 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_UDP], 1);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_UDP], 0);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_MQTT], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_MQTT], 1);
  /* from the second start (bit 1) on, the DHCP request at 20 ms counts too */
  c = lwipsim_impact_finish(m, 1);
  ck_assert_uint_eq(c->of[LWIPSIM_IMPACT_DHCP], 2);
  ck_assert_uint_eq(c->missing[LWIPSIM_IMPACT_DHCP], 1);
  lwipsim_impact_free(m);

  /* a stack with IPv6 counts it */
  m = lwipsim_impact_new(dev_mac, 1);
  ck_assert_ptr_nonnull(m);
  frame(m, sntp6(), CAPTURED, 100, AFTER);
  ck_assert_uint_eq(lwipsim_impact_finish(m, 0)->missing[LWIPSIM_IMPACT_SNTP], 1);
  lwipsim_impact_free(m);
}
END_TEST

Suite *impact_suite(void)
{
  Suite *s = suite_create("impact");
  TCase *tc = tcase_create("impact");
  tcase_add_test(tc, test_impact_mdns_queries_and_responses);
  tcase_add_test(tc, test_impact_mdns_slots);
  tcase_add_test(tc, test_impact_http_requests_and_connections);
  tcase_add_test(tc, test_impact_sent_services_and_starts);
  suite_add_tcase(s, tc);
  return s;
}
