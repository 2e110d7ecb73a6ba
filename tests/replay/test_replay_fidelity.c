/* How faithfully the bundled scenario replays: divergence, transmit match,
 * DHCP end to end, synthetic neighbour replies and --strict. */
#include "test_replay_fidelity.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/frame_checksum.h"
#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"
#include "scenario/scenario.h"
#include "test_common.h"

#define BUNDLED "scenarios/mdns-http-reload"
/* The profile the capture was recorded for runs to the end without panicking. */
#define RECORDED_PROFILE "circuitpython-10.0.0-alpha.4"

static const uint8_t peer_mac[6] = { 0x02, 0x77, 0, 0, 0, 0x01 };

static const cJSON *obj(const cJSON *record, const char *key)
{
  const cJSON *o = cJSON_GetObjectItemCaseSensitive(record, key);
  ck_assert_msg(cJSON_IsObject(o), "record has no object %s", key);
  return o;
}

/* Acceptance: under 2% of the inbound frames diverge and at least 95% of
 * what the captured device sent (by type and flow) the live stack sent too. */
START_TEST(test_fidelity_bundled_scenario_acceptance)
{
  struct tc_replay r;
  tc_replay(&r, RECORDED_PROFILE, tc_source_path(BUNDLED), NULL);
  ck_assert_msg(r.record != NULL, "no record; stderr: %s", r.err);
  ck_assert_int_eq(r.exit_code, 0);
  const cJSON *div = obj(r.record, "divergence"), *tx = obj(r.record, "tx_match");
  double inbound = tc_num(div, "inbound"), diverged = tc_num(div, "diverged");
  double reference = tc_num(tx, "reference"), matched = tc_num(tx, "matched");
  ck_assert_int_eq((int)inbound, 201);
  ck_assert_msg(diverged * 100 < 2 * inbound, "%.0f of %.0f inbound frames diverged", diverged, inbound);
  ck_assert_int_lt((int)tc_num(div, "diverged_permille"), 20);
  ck_assert_int_ge((int)reference, 140);
  ck_assert_msg(matched * 100 >= 95 * reference, "matched %.0f of %.0f", matched, reference);
  ck_assert_int_ge((int)tc_num(tx, "matched_permille"), 950);
  /* every request was answered as the capture's peer saw it: no ack of data
   * the live device never sent */
  ck_assert_int_eq((int)tc_num(obj(div, "by_reason"), "ack_beyond_live_data"), 0);
  /* recorded from the same lwIP build: no frame of a kind it cannot send */
  ck_assert_int_eq((int)tc_num(tx, "reference_ipv6_unbuilt"), 0);
  tc_replay_free(&r);
}
END_TEST

/* Acceptance, for every scenario the product ships (scenarios/<name>/ with
 * the profile it was recorded with): replayed on that profile, under 2% of
 * the inbound frames diverge and at least 95% of the recorded device's
 * frames are matched by type and flow. */
START_TEST(test_fidelity_every_bundled_scenario)
{
  char dir[600];
  snprintf(dir, sizeof dir, "%s", tc_source_path("scenarios"));
  DIR *d = opendir(dir);
  ck_assert_ptr_nonnull(d);
  struct dirent *e;
  int checked = 0;
  while ((e = readdir(d)) != NULL) {
    char path[1200], err[600];
    snprintf(path, sizeof path, "%s/%s/scenario.ini", dir, e->d_name);
    struct lwipsim_scenario sc;
    if (e->d_name[0] == '.' || lwipsim_scenario_load(path, &sc, err, sizeof err) != 0) {
      continue; /* tools/, third-party/: not scenarios themselves */
    }
    char profile[sizeof sc.profile];
    snprintf(profile, sizeof profile, "%s", sc.profile);
    lwipsim_scenario_free(&sc);
    ck_assert_msg(profile[0] != '\0', "%s names no profile", path);
    struct tc_replay r;
    tc_replay(&r, profile, path, NULL);
    ck_assert_msg(r.record != NULL, "%s: no record; stderr: %s", e->d_name, r.err);
    const cJSON *div = obj(r.record, "divergence"), *tx = obj(r.record, "tx_match");
    double inbound = tc_num(div, "inbound"), diverged = tc_num(div, "diverged");
    double reference = tc_num(tx, "reference"), matched = tc_num(tx, "matched");
    printf("fidelity %-20s on %-30s diverged %3.0f of %3.0f inbound, matched %3.0f of %3.0f\n", e->d_name, profile,
           diverged, inbound, matched, reference);
    ck_assert_msg(inbound > 0 && reference > 0, "%s: nothing replayed", e->d_name);
    ck_assert_msg(diverged * 100 < 2 * inbound, "%s: %.0f of %.0f inbound frames diverged", e->d_name, diverged,
                  inbound);
    ck_assert_msg(matched * 100 >= 95 * reference, "%s: matched %.0f of %.0f", e->d_name, matched, reference);
    tc_replay_free(&r);
    checked++;
  }
  closedir(d);
  ck_assert_int_ge(checked, 5);
}
END_TEST

/* A hand-built TCP session to the device's HTTP server: handshake, GET, the
 * device's answer and both FINs, with the captured device's ISN (5000) not
 * the live one. Replayed against the live lwIP, every client segment fits. */
#define HB_DEV_ISN 5000u
#define HB_CLI_ISN 100u

struct hb_writer {
  struct lwipsim_pcap_writer *w;
  uint64_t t_us;
};

static void hb_tcp(struct hb_writer *hb, int from_device, uint32_t seq, uint32_t ack, uint8_t flags, const char *data)
{
  static const uint8_t dev[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
  static const uint8_t dev_ip[4] = { 10, 77, 0, 2 }, cli_ip[4] = { 10, 77, 0, 1 };
  uint8_t f[256] = { 0 };
  size_t dlen = data ? strlen(data) : 0, opt = (flags & 0x02) ? 4 : 0;
  size_t tcp_len = 20 + opt + dlen, ip_len = 20 + tcp_len;
  memcpy(f, from_device ? peer_mac : dev, 6);
  memcpy(f + 6, from_device ? dev : peer_mac, 6);
  f[12] = 0x08;
  uint8_t *ip = f + 14, *tcp = ip + 20;
  ip[0] = 0x45;
  ip[2] = (uint8_t)(ip_len >> 8), ip[3] = (uint8_t)ip_len;
  ip[8] = 64, ip[9] = 6;
  memcpy(ip + 12, from_device ? dev_ip : cli_ip, 4);
  memcpy(ip + 16, from_device ? cli_ip : dev_ip, 4);
  uint16_t sport = from_device ? 80 : 40000, dport = from_device ? 40000 : 80;
  tcp[0] = (uint8_t)(sport >> 8), tcp[1] = (uint8_t)sport, tcp[2] = (uint8_t)(dport >> 8), tcp[3] = (uint8_t)dport;
  for (int i = 0; i < 4; i++) {
    tcp[4 + i] = (uint8_t)(seq >> (24 - 8 * i));
    tcp[8 + i] = (uint8_t)(ack >> (24 - 8 * i));
  }
  tcp[12] = (uint8_t)(((20 + opt) / 4) << 4);
  tcp[13] = flags;
  tcp[14] = 0x16, tcp[15] = 0xd0; /* window 5840 */
  if (opt) {
    tcp[20] = 2, tcp[21] = 4, tcp[22] = 0x05, tcp[23] = 0xb4; /* MSS 1460 */
  }
  memcpy(tcp + 20 + opt, data ? data : "", dlen);
  lwipsim_frame_fix_checksums(f, 14 + ip_len);
  lwipsim_pcap_writer_write(hb->w, hb->t_us, f, (uint32_t)(14 + ip_len));
  hb->t_us += 1000;
}

START_TEST(test_fidelity_handbuilt_http_session)
{
  static const char get[] = "GET / HTTP/1.1\r\nHost: kittyfood.local\r\n\r\n";
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 46\r\n"
                             "Connection: close\r\n\r\n";
  static const char body[] = "<html><body><h1>kittyfood</h1></body></html>\r\n";
  const uint32_t L = sizeof get - 1, H = sizeof head - 1, B = sizeof body - 1;
  const uint32_t c = HB_CLI_ISN, d = HB_DEV_ISN;
  char dir[300], path[600], err[300];
  struct hb_writer hb = { NULL, 1000000 };

  snprintf(dir, sizeof dir, "%s", tc_tmpdir());
  snprintf(path, sizeof path, "%s/capture.pcap", dir);
  ck_assert_msg(lwipsim_pcap_writer_open(path, &hb.w, err, sizeof err) == 0, "%s", err);
  hb_tcp(&hb, 0, c, 0, 0x02, NULL);                     /* SYN */
  hb_tcp(&hb, 1, d, c + 1, 0x12, NULL);                 /* SYN-ACK (captured device) */
  hb_tcp(&hb, 0, c + 1, d + 1, 0x10, NULL);             /* ACK */
  hb_tcp(&hb, 0, c + 1, d + 1, 0x18, get);              /* GET */
  hb_tcp(&hb, 1, d + 1, c + 1 + L, 0x18, head);         /* header block */
  hb_tcp(&hb, 0, c + 1 + L, d + 1 + H, 0x10, NULL);     /* ACK: lwIP's Nagle holds the body until then */
  hb_tcp(&hb, 1, d + 1 + H, c + 1 + L, 0x18, body);     /* body */
  hb_tcp(&hb, 0, c + 1 + L, d + 1 + H + B, 0x10, NULL); /* ACK of the page */
  hb_tcp(&hb, 1, d + 1 + H + B, c + 1 + L, 0x11, NULL); /* the device closes: FIN */
  hb_tcp(&hb, 0, c + 1 + L, d + 2 + H + B, 0x11, NULL); /* client FIN, acking it */
  hb_tcp(&hb, 1, d + 2 + H + B, c + 2 + L, 0x10, NULL); /* last ACK (captured device) */
  lwipsim_pcap_writer_close(hb.w);

  static const char ini[] = "[scenario]\nduration = 5s\ncapture = capture.pcap\n\n[device]\nmac = 28:cd:c1:03:9e:26\n\n"
                            "[script]\n0s = netif-up\n0s = static 10.77.0.2/24 gw 10.77.0.254\n0s = http-listen 80\n";
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  tc_write_file(path, ini, sizeof ini - 1);
  char out_pcap[700];
  snprintf(out_pcap, sizeof out_pcap, "%s/out.pcap", dir);

  struct tc_replay r;
  tc_replay(&r, RECORDED_PROFILE, dir, "--pcap-out", out_pcap, NULL);
  ck_assert_msg(r.record != NULL, "no record; stderr: %s", r.err);
  ck_assert_str_eq(tc_str(r.record, "outcome"), "ok");
  const cJSON *div = obj(r.record, "divergence");
  ck_assert_int_eq((int)tc_num(div, "inbound"), 6); /* SYN, ACK, GET, two ACKs, FIN */
  ck_assert_int_eq((int)tc_num(div, "diverged"), 0);
  ck_assert_int_eq((int)tc_num(obj(div, "by_reason"), "ack_beyond_live_data"), 0);
  ck_assert_int_eq((int)tc_num(div, "rewritten"), 5); /* every segment after the SYN carries a mapped ack */
  ck_assert_int_eq((int)tc_num(obj(r.record, "frames"), "synthetic_arp_replies"), 1);
  const cJSON *tx = obj(r.record, "tx_match");
  ck_assert_int_eq((int)tc_num(tx, "reference"), 4); /* SYN-ACK, header, body, FIN; the last ACK is a pure ack */
  ck_assert_int_eq((int)tc_num(tx, "matched"), 4);

  /* the live device answered the GET with its page and closed */
  size_t n;
  char *sent = tc_read_file(out_pcap, &n);
  ck_assert_ptr_nonnull(sent);
  ck_assert_ptr_nonnull(memmem(sent, n, body, B));
  free(sent);
  tc_replay_free(&r);
}
END_TEST

/* The script says dhcp: dnsmasq's OFFER and ACK reach the live stack with its
 * own xid, lwIP binds 10.77.0.2 and everything after comes from there. */
START_TEST(test_fidelity_dhcp_binds_the_captured_lease)
{
  struct tc_replay r;
  char pcap_path[600];
  snprintf(pcap_path, sizeof pcap_path, "%s/out.pcap", tc_tmpdir());
  tc_replay(&r, RECORDED_PROFILE, tc_source_path(BUNDLED), "--pcap-out", pcap_path, NULL);
  ck_assert_msg(r.record != NULL, "no record; stderr: %s", r.err);
  const cJSON *why = obj(obj(r.record, "divergence"), "by_reason");
  ck_assert_int_eq((int)tc_num(why, "dhcp_unknown_xid"), 0);
  ck_assert_int_eq((int)tc_num(why, "dhcp_no_live_xid"), 0);

  struct lwipsim_pcap_reader *rd;
  struct lwipsim_frame f;
  char err[300];
  ck_assert_msg(lwipsim_pcap_open(pcap_path, &rd, err, sizeof err) == 0, "%s", err);
  int from_zero = 0, from_lease = 0, other = 0, rc;
  while ((rc = lwipsim_pcap_next(rd, &f, err, sizeof err)) == 1) {
    if (f.caplen < 34 || f.data[12] != 0x08 || f.data[13] != 0x00) {
      continue;
    }
    const uint8_t *src = f.data + 26;
    if (src[0] == 0 && src[1] == 0 && src[2] == 0 && src[3] == 0) {
      from_zero++;
      ck_assert_int_eq(from_lease, 0); /* DISCOVER and REQUEST come first */
    } else if (src[0] == 10 && src[1] == 77 && src[2] == 0 && src[3] == 2) {
      from_lease++;
    } else {
      other++;
    }
  }
  ck_assert_int_eq(rc, 0);
  lwipsim_pcap_close(rd);
  ck_assert_int_eq(from_zero, 2);
  ck_assert_int_gt(from_lease, 50);
  ck_assert_int_eq(other, 0);
  tc_replay_free(&r);
}
END_TEST

/* Without the peer's own ARP request in the capture, lwIP has to ask for
 * 10.77.0.1 before its SYN-ACKs can leave; the replay answers as the peer. */
START_TEST(test_fidelity_synthetic_arp_reply)
{
  char dir[300], path[600], err[300];
  struct lwipsim_pcap_reader *rd;
  struct lwipsim_pcap_writer *wr;
  struct lwipsim_frame f;
  int rc, dropped = 0;

  snprintf(dir, sizeof dir, "%s", tc_tmpdir()); /* replay_run makes its own */
  snprintf(path, sizeof path, "%s/capture.pcap", dir);
  ck_assert_msg(lwipsim_pcap_open(tc_source_path(BUNDLED "/capture.pcap"), &rd, err, sizeof err) == 0, "%s", err);
  ck_assert_msg(lwipsim_pcap_writer_open(path, &wr, err, sizeof err) == 0, "%s", err);
  while ((rc = lwipsim_pcap_next(rd, &f, err, sizeof err)) == 1) {
    if (f.caplen >= 14 && memcmp(f.data + 6, peer_mac, 6) == 0 && f.data[12] == 0x08 && f.data[13] == 0x06) {
      dropped++;
      continue;
    }
    lwipsim_pcap_writer_write(wr, f.time_us, f.data, f.caplen);
  }
  ck_assert_int_eq(rc, 0);
  lwipsim_pcap_close(rd);
  lwipsim_pcap_writer_close(wr);
  ck_assert_int_eq(dropped, 1); /* its reply to the device's request */

  size_t len;
  char *ini = tc_read_file(tc_source_path(BUNDLED "/scenario.ini"), &len);
  ck_assert_ptr_nonnull(ini);
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  tc_write_file(path, ini, len);
  free(ini);

  struct tc_replay r;
  tc_replay(&r, RECORDED_PROFILE, dir, NULL);
  ck_assert_msg(r.record != NULL, "no record; stderr: %s", r.err);
  const cJSON *frames = obj(r.record, "frames");
  ck_assert_int_ge((int)tc_num(frames, "synthetic_arp_replies"), 1);
  ck_assert_int_eq((int)tc_num(frames, "synthetic_nd_replies"), 0);
  ck_assert_int_eq((int)tc_num(obj(r.record, "divergence"), "diverged"), 0);
  /* every connection served as with the peer's ARP reply in the capture */
  ck_assert_int_eq((int)tc_num(obj(r.record, "tx_match"), "matched"), 144);
  ck_assert_int_eq((int)tc_num(obj(r.record, "tx_match"), "reference"), 144);
  tc_replay_free(&r);
}
END_TEST

/* text with the first `from` replaced by `to`; malloc'd. */
static char *replace_once(const char *text, const char *from, const char *to)
{
  const char *at = strstr(text, from);
  ck_assert_msg(at != NULL, "no '%s' in the scenario", from);
  char *out;
  ck_assert_int_ge(asprintf(&out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from)), 0);
  return out;
}

/* The bundled scenario in a fresh folder, one script line changed, the
 * capture read where it is. */
static const char *scenario_copy_with_script(const char *from, const char *to)
{
  static char dir[300];
  char path[600], cap[700];
  snprintf(dir, sizeof dir, "%s", tc_tmpdir());
  char *ini = tc_read_file(tc_source_path(BUNDLED "/scenario.ini"), NULL);
  ck_assert_ptr_nonnull(ini);
  char *changed = replace_once(ini, from, to);
  snprintf(cap, sizeof cap, "capture = %s", tc_source_path(BUNDLED "/capture.pcap"));
  char *moved = replace_once(changed, "capture = capture.pcap", cap);
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  tc_write_file(path, moved, strlen(moved));
  free(ini);
  free(changed);
  free(moved);
  return dir;
}

/* --strict: a replay with diverged frames fails with status 5 after writing
 * its record, and says how many and why on one line. The static address
 * leaves dnsmasq's three replies without a live request. */
START_TEST(test_fidelity_strict_fails_on_divergence)
{
  const char *dir = scenario_copy_with_script("0s = dhcp", "0s = static 10.77.0.2/24 gw 10.77.0.1");
  struct tc_replay r;
  tc_replay(&r, RECORDED_PROFILE, dir, "--strict", NULL);
  ck_assert_int_eq(r.exit_code, 5);
  ck_assert_msg(r.record != NULL, "no record; stderr: %s", r.err);
  /* dnsmasq's OFFER and ACK: a device with a static address never asked */
  ck_assert_int_eq((int)tc_num(obj(r.record, "divergence"), "diverged"), 2);
  ck_assert_str_eq(r.err, "lwipsim: --strict: 2 of 201 inbound frames diverged (most: dhcp_no_live_xid, 2)\n");
  /* the record itself is the run's: exit_code 0 (the outcome), not 5 */
  ck_assert_int_eq((int)tc_num(r.record, "exit_code"), 0);
  tc_replay_free(&r);

  /* the same without --strict: ok */
  tc_replay(&r, RECORDED_PROFILE, dir, NULL);
  ck_assert_int_eq(r.exit_code, 0);
  ck_assert_str_eq(r.err, "");
  tc_replay_free(&r);

  /* and the faithful replay passes --strict */
  tc_replay(&r, RECORDED_PROFILE, tc_source_path(BUNDLED), "--strict", NULL);
  ck_assert_int_eq(r.exit_code, 0);
  tc_replay_free(&r);
}
END_TEST

Suite *fidelity_suite(void)
{
  Suite *s = suite_create("fidelity");
  TCase *tc = tcase_create("fidelity");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_fidelity_bundled_scenario_acceptance);
  tcase_add_test(tc, test_fidelity_every_bundled_scenario);
  tcase_add_test(tc, test_fidelity_handbuilt_http_session);
  tcase_add_test(tc, test_fidelity_dhcp_binds_the_captured_lease);
  tcase_add_test(tc, test_fidelity_synthetic_arp_reply);
  tcase_add_test(tc, test_fidelity_strict_fails_on_divergence);
  suite_add_tcase(s, tc);
  return s;
}
