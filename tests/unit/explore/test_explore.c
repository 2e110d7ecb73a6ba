/* lwipsim explore's search space (sim/explore/explore_candidate.c): which
 * script lines a window moves, the scenario text a candidate becomes, and
 * draws that stay inside the windows. */
#include "explore/test_explore.h"

#include <stdlib.h>
#include <string.h>

#include "explore/explore.h"

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

Suite *explore_suite(void)
{
  Suite *s = suite_create("explore");
  TCase *tc = tcase_create("explore");
  tcase_add_test(tc, test_explore_scan_finds_the_windowed_lines);
  tcase_add_test(tc, test_explore_ini_changes_only_seed_times_and_capture);
  tcase_add_test(tc, test_explore_draws_stay_in_their_windows);
  suite_add_tcase(s, tc);
  return s;
}
