/* lwipsim explore's search space (sim/explore/explore_candidate.c): which
 * script lines a window moves, the scenario text a candidate becomes, and
 * draws that stay inside the windows. */
#include "explore/test_explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pcap_reader.h"
#include "explore/explore.h"
#include "test_common.h"

static const char ini[] = "; a device\n"
                          "[scenario]\n"
                          "duration = 75s\n"
                          "capture = capture.pcap\n"
                          "\n"
                          "[device]\n"
                          "mac = 28:cd:c1:03:9e:26\n"
                          "\n"
                          "[script]\n"
                          "0s = netif-up\n"
                          "0.5s = mdns-start kittyfood _http._tcp 80\n"
                          "10s = reload\n"
                          "on dhcp-bound = reload\n"
                          "20s = reload\n";

static void space_with(struct lwipsim_explore_space *space, const char *window)
{
  char err[256];
  memset(space, 0, sizeof *space);
  ck_assert_int_eq(lwipsim_explore_parse_window(window, &space->windows[0], err, sizeof err), 0);
  space->n_windows = 1;
}

START_TEST(test_explore_scan_finds_the_windowed_lines)
{
  struct lwipsim_explore_space space;
  struct lwipsim_explore_candidate orig;
  char err[256];
  space_with(&space, "reload=5s:30s");
  ck_assert_int_eq(lwipsim_explore_scan(ini, "s.ini", &space, &orig, err, sizeof err), 0);
  ck_assert_uint_eq(space.n_timed, 2); /* not the event's reload */
  ck_assert_uint_eq(orig.time_ms[0], 10000);
  ck_assert_uint_eq(orig.time_ms[1], 20000);
  ck_assert_uint_eq(orig.seed, 1); /* no seed line: the format's default */

  space_with(&space, "dhcp=1s:2s");
  ck_assert_int_eq(lwipsim_explore_scan(ini, "s.ini", &space, &orig, err, sizeof err), -1);
  ck_assert_str_eq(err, "s.ini: --window dhcp: no timed script line runs 'dhcp'");
  space_with(&space, "reload=1s:80s");
  ck_assert_int_eq(lwipsim_explore_scan(ini, "s.ini", &space, &orig, err, sizeof err), -1);
  ck_assert_str_eq(err, "s.ini: --window reload: ends at or after the scenario's end (75000 ms)");
}
END_TEST

START_TEST(test_explore_ini_changes_only_seed_times_and_capture)
{
  struct lwipsim_explore_space space;
  struct lwipsim_explore_candidate orig, c;
  char err[256];
  space_with(&space, "reload=5s:30s");
  ck_assert_int_eq(lwipsim_explore_scan(ini, "s.ini", &space, &orig, err, sizeof err), 0);
  c = orig;
  c.seed = 77;
  c.time_ms[0] = 5123;
  c.time_ms[1] = 29999;
  char *text = lwipsim_explore_ini(&space, ini, &c, "c3.pcap", "; found\n");
  ck_assert_ptr_nonnull(text);
  ck_assert_str_eq(text, "; found\n"
                         "; a device\n"
                         "[scenario]\n"
                         "duration = 75s\n"
                         "capture = c3.pcap\n"
                         "\n"
                         "seed = 77\n" /* the file had none: added at the section's end */
                         "[device]\n"
                         "mac = 28:cd:c1:03:9e:26\n"
                         "\n"
                         "[script]\n"
                         "0s = netif-up\n"
                         "0.5s = mdns-start kittyfood _http._tcp 80\n"
                         "5123ms = reload\n"
                         "on dhcp-bound = reload\n"
                         "29999ms = reload\n");
  free(text);
  /* an existing seed line is replaced where it stands; no capture: unchanged */
  text = lwipsim_explore_ini(&space, "[scenario]\nseed = 4\nduration = 9s\n[script]\n1s = reload\n", &c, NULL, NULL);
  ck_assert_str_eq(text, "[scenario]\nseed = 77\nduration = 9s\n[script]\n5123ms = reload\n");
  free(text);
}
END_TEST

START_TEST(test_explore_draws_stay_in_their_windows)
{
  struct lwipsim_explore_space space;
  struct lwipsim_explore_candidate orig, c, m;
  char err[256];
  space_with(&space, "reload=5s:30s");
  space.max_copies = 6;
  space.n_queries = 3;
  ck_assert_int_eq(lwipsim_explore_scan(ini, "s.ini", &space, &orig, err, sizeof err), 0);
  uint64_t rng = 1, again = 1;
  int moved = 0;
  for (int i = 0; i < 500; i++) {
    lwipsim_explore_random(&space, &rng, &c);
    lwipsim_explore_mutate(&space, &rng, &c, &m);
    for (size_t k = 0; k < space.n_timed; k++) {
      ck_assert(c.time_ms[k] >= 5000 && c.time_ms[k] <= 30000);
      ck_assert(m.time_ms[k] >= 5000 && m.time_ms[k] <= 30000);
      /* a step moves a line by at most a second */
      ck_assert(m.time_ms[k] + 1000 >= c.time_ms[k] && m.time_ms[k] <= c.time_ms[k] + 1000);
      moved += m.time_ms[k] != c.time_ms[k];
    }
    ck_assert_uint_le(c.copies, 6);
    ck_assert_uint_le(m.copies, 6);
  }
  ck_assert_int_gt(moved, 50);
  /* the same seed draws the same candidates */
  lwipsim_explore_random(&space, &again, &m);
  rng = 1;
  lwipsim_explore_random(&space, &rng, &c);
  ck_assert_mem_eq(&c, &m, sizeof c);
}
END_TEST

/* A moved conversation: the bundled http-concurrent capture with its fourth
 * conversation 300 ms later. Every frame is still there; the moved ones are
 * exactly 300 ms later in their own order, the others where they were. */
START_TEST(test_explore_moved_conversation_keeps_its_order)
{
  static const uint8_t device[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
  const char *src = tc_source_path("scenarios/http-concurrent/capture.pcap");
  struct lwipsim_explore_space space;
  char err[512], dir[256], dst[300];
  memset(&space, 0, sizeof space);
  ck_assert_int_eq(lwipsim_explore_scan_capture(src, device, &space, err, sizeof err), 0);
  ck_assert_uint_ge(space.n_flows, 4);
  struct lwipsim_explore_candidate c;
  memset(&c, 0, sizeof c);
  c.shift_peer = 3;
  c.flow = space.flows[3];
  c.shift_us = 300000;
  ck_assert_int_eq(tc_mkdtemp(dir, sizeof dir), 0);
  snprintf(dst, sizeof dst, "%s/moved.pcap", dir);
  ck_assert_int_eq(lwipsim_explore_write_capture(src, dst, device, &c, err, sizeof err), 0);

  /* the moved flow's frames and the others', in both files, in order */
  struct lwipsim_pcap_reader *a, *b;
  ck_assert_int_eq(lwipsim_pcap_open(src, &a, err, sizeof err), 0);
  ck_assert_int_eq(lwipsim_pcap_open(dst, &b, err, sizeof err), 0);
  enum { MAX = 4096 };
  static uint64_t ta[2][MAX], tb[2][MAX];
  size_t na[2] = { 0, 0 }, nb[2] = { 0, 0 };
  struct lwipsim_frame f;
  for (int file = 0; file < 2; file++) {
    struct lwipsim_pcap_reader *r = file ? b : a;
    while (lwipsim_pcap_next(r, &f, err, sizeof err) == 1) {
      /* the flow: TCP to or from the peer's port (unique in this capture) */
      const uint8_t *d = f.data;
      int tcp = f.caplen > 14 + 24 && d[12] == 8 && d[13] == 0 && d[14 + 9] == 6;
      unsigned sport = tcp ? (unsigned)(d[34] << 8 | d[35]) : 0, dport = tcp ? (unsigned)(d[36] << 8 | d[37]) : 0;
      int moved = tcp && (sport == c.flow.peer_port || dport == c.flow.peer_port);
      uint64_t *t = file ? tb[moved] : ta[moved];
      size_t *n = file ? &nb[moved] : &na[moved];
      ck_assert_uint_lt(*n, MAX);
      t[(*n)++] = f.time_us;
    }
  }
  lwipsim_pcap_close(a);
  lwipsim_pcap_close(b);
  tc_rmtree(dir);
  ck_assert_uint_gt(na[1], 3);
  ck_assert_uint_eq(na[0], nb[0]);
  ck_assert_uint_eq(na[1], nb[1]);
  for (size_t i = 0; i < na[0]; i++) {
    ck_assert_uint_eq(ta[0][i], tb[0][i]);
  }
  for (size_t i = 0; i < na[1]; i++) {
    ck_assert_uint_eq(ta[1][i] + 300000, tb[1][i]);
  }
}
END_TEST

Suite *explore_suite(void)
{
  Suite *s = suite_create("explore");
  TCase *tc = tcase_create("explore");
  tcase_add_test(tc, test_explore_scan_finds_the_windowed_lines);
  tcase_add_test(tc, test_explore_ini_changes_only_seed_times_and_capture);
  tcase_add_test(tc, test_explore_draws_stay_in_their_windows);
  tcase_add_test(tc, test_explore_moved_conversation_keeps_its_order);
  suite_add_tcase(s, tc);
  return s;
}
