#include "test_scenario.h"

#include "scenario/capture_clock.h"
#include "scenario/scenario.h"
#include "scenario/shared_captures.h"
#include "test_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char tmp_root[256];
static char err[1024];
static struct lwipsim_scenario sc;

/* ---- helpers ---- */

static void scenario_setup(void) { ck_assert_int_eq(tc_mkdtemp(tmp_root, sizeof(tmp_root)), 0); }

static void scenario_teardown(void) { tc_rmtree(tmp_root); }

/* Makes TMP/name/ with scenario.ini holding text; returns the directory. */
static const char *make_scenario(const char *name, const char *text)
{
  static char dir[4096];
  char path[4200];

  snprintf(dir, sizeof(dir), "%s/%s", tmp_root, name);
  ck_assert_int_eq(mkdir(dir, 0700), 0);
  snprintf(path, sizeof(path), "%s/scenario.ini", dir);
  if (text != NULL) {
    tc_write_text(path, text);
  }
  return dir;
}

/* Loads a scenario that must fail; checks "DIR/scenario.ini:LINE: " and that
 * every NULL-terminated keyword is in the message. */
static void expect_error(const char *name, const char *text, int line, ...)
{
  const char *dir = make_scenario(name, text);
  char prefix[4300];
  const char *kw;
  va_list ap;

  ck_assert_msg(lwipsim_scenario_load(dir, &sc, err, sizeof(err)) == -1, "%s: loaded, expected an error", name);
  ck_assert_ptr_null(sc.actions);
  snprintf(prefix, sizeof(prefix), "%s/scenario.ini:%d: ", dir, line);
  ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "expected prefix '%s', got '%s'", prefix, err);
  ck_assert_msg(strchr(err, '\n') == NULL, "message is not one line: %s", err);
  va_start(ap, line);
  while ((kw = va_arg(ap, const char *)) != NULL) {
    ck_assert_msg(strstr(err, kw) != NULL, "'%s' not in: %s", kw, err);
  }
  va_end(ap);
}

static void load_ok(const char *dir)
{
  ck_assert_msg(lwipsim_scenario_load(dir, &sc, err, sizeof(err)) == 0, "load failed: %s", err);
}

static const uint8_t zero4[4];

/* ---- good files ---- */

static const char every_action[] = "; every action, out of time order\n"
                                   "[scenario]\n"
                                   "description = all actions\n"
                                   "duration = 2min\n"
                                   "\n"
                                   "[script]\n"
                                   "60s = tcp-connect 10.77.0.1:8080\n"                           /* line 7 */
                                   "0s = netif-up\n"                                              /* 8 */
                                   "0s = static 10.77.0.2/24 gw 10.77.0.1\n"                      /* 9 */
                                   "0s = ipv6-linklocal on\n"                                     /* 10 */
                                   "500ms = mdns-start kittyfood _http._tcp 80\n"                 /* 11 */
                                   "0.5s = http-listen 80\n"                                      /* 12 */
                                   "10s = reload\n"                                               /* 13 */
                                   "20s = mdns-stop\n"                                            /* 14 */
                                   "20s = http-close\n"                                           /* 15 */
                                   "30s = netif-down\n"                                           /* 16 */
                                   "31s = dhcp\n"                                                 /* 17 */
                                   "31s = static 192.168.1.9/16\n"                                /* 18 */
                                   "32s = mdns-start cpy-1 _printer._udp 515 Kitchen Printer 2\n" /* 19 */
                                   "33s = mdns-start bare\n"                                      /* 20 */
                                   "34s = ipv6-linklocal off\n";                                  /* 21 */

START_TEST(test_scenario_every_action)
{
  static const struct {
    enum lwipsim_action_kind kind;
    uint64_t time_ms;
    int line;
  } expect[] = {
    { LWIPSIM_ACT_NETIF_UP, 0, 8 },        { LWIPSIM_ACT_STATIC, 0, 9 },
    { LWIPSIM_ACT_IPV6_LINKLOCAL, 0, 10 }, { LWIPSIM_ACT_MDNS_START, 500, 11 },
    { LWIPSIM_ACT_HTTP_LISTEN, 500, 12 },  { LWIPSIM_ACT_RELOAD, 10000, 13 },
    { LWIPSIM_ACT_MDNS_STOP, 20000, 14 },  { LWIPSIM_ACT_HTTP_CLOSE, 20000, 15 },
    { LWIPSIM_ACT_NETIF_DOWN, 30000, 16 }, { LWIPSIM_ACT_DHCP, 31000, 17 },
    { LWIPSIM_ACT_STATIC, 31000, 18 },     { LWIPSIM_ACT_MDNS_START, 32000, 19 },
    { LWIPSIM_ACT_MDNS_START, 33000, 20 }, { LWIPSIM_ACT_IPV6_LINKLOCAL, 34000, 21 },
    { LWIPSIM_ACT_TCP_CONNECT, 60000, 7 },
  };
  const uint8_t a2[4] = { 10, 77, 0, 2 }, a1[4] = { 10, 77, 0, 1 }, b9[4] = { 192, 168, 1, 9 };
  const struct lwipsim_action *a;
  size_t i;

  load_ok(make_scenario("every-action", every_action));
  ck_assert_uint_eq(sc.n_actions, sizeof(expect) / sizeof(expect[0]));
  for (i = 0; i < sc.n_actions; i++) {
    ck_assert_msg(sc.actions[i].kind == expect[i].kind, "action %zu is %s", i, lwipsim_action_name(sc.actions[i].kind));
    ck_assert_uint_eq(sc.actions[i].time_ms, expect[i].time_ms);
    ck_assert_int_eq(sc.actions[i].line, expect[i].line);
  }
  a = &sc.actions[1];
  ck_assert_mem_eq(a->addr, a2, 4);
  ck_assert_uint_eq(a->prefix_len, 24);
  ck_assert_mem_eq(a->gw, a1, 4);
  ck_assert_int_eq(sc.actions[2].on, 1);
  ck_assert_int_eq(sc.actions[13].on, 0);
  a = &sc.actions[3];
  ck_assert_str_eq(a->hostname, "kittyfood");
  ck_assert_str_eq(a->service, "_http");
  ck_assert_int_eq(a->service_is_udp, 0);
  ck_assert_str_eq(a->instance, "kittyfood");
  ck_assert_uint_eq(a->port, 80);
  ck_assert_uint_eq(sc.actions[4].port, 80);
  a = &sc.actions[10];
  ck_assert_mem_eq(a->addr, b9, 4);
  ck_assert_uint_eq(a->prefix_len, 16);
  ck_assert_mem_eq(a->gw, zero4, 4);
  a = &sc.actions[11];
  ck_assert_str_eq(a->hostname, "cpy-1");
  ck_assert_str_eq(a->service, "_printer");
  ck_assert_int_eq(a->service_is_udp, 1);
  ck_assert_uint_eq(a->port, 515);
  ck_assert_str_eq(a->instance, "Kitchen Printer 2");
  a = &sc.actions[12];
  ck_assert_str_eq(a->hostname, "bare");
  ck_assert_str_eq(a->service, "");
  ck_assert_str_eq(a->instance, "bare");
  ck_assert_uint_eq(a->port, 0);
  a = &sc.actions[14];
  ck_assert_mem_eq(a->addr, a1, 4);
  ck_assert_uint_eq(a->port, 8080);
  ck_assert_str_eq(lwipsim_action_name(LWIPSIM_ACT_TCP_CONNECT), "tcp-connect");
  lwipsim_scenario_free(&sc);
}
END_TEST

START_TEST(test_scenario_defaults)
{
  load_ok(make_scenario("minimal", "[scenario]\nduration = 90s\n"));
  ck_assert_str_eq(sc.name, "minimal");
  ck_assert_uint_eq(sc.duration_ms, 90000);
  ck_assert_uint_eq(sc.capture_start_ms, 0);
  ck_assert_uint_eq(sc.seed, 1);
  ck_assert_str_eq(sc.capture_path, "");
  ck_assert_str_eq(sc.description, "");
  ck_assert_int_eq(sc.has_device_mac, 0);
  ck_assert_uint_eq(sc.n_actions, 0);
  ck_assert_msg(strstr(sc.path, "minimal/scenario.ini") != NULL, "%s", sc.path);
  lwipsim_scenario_free(&sc);
  load_ok(make_scenario("longest", "[scenario]\nduration = 10000000s\n")); /* the maximum itself */
  ck_assert_uint_eq(sc.duration_ms, LWIPSIM_MAX_DURATION_MS);
  lwipsim_scenario_free(&sc);
}
END_TEST

START_TEST(test_scenario_with_capture)
{
  const uint8_t mac[6] = { 0x28, 0xcd, 0xc1, 0x03, 0x9e, 0x26 };
  const char *dir = make_scenario("issue-9381", "[scenario]\n"
                                                "description = mDNS responder + HTTP server, two reloads within 30 s\n"
                                                "source = recorded with real Linux peers, see RECORDING.md\n"
                                                "capture = capture.pcap\n"
                                                "duration = 90s\n"
                                                "capture_start = 1.5s\n"
                                                "seed = 4294967295\n"
                                                "[device]\n"
                                                "mac = 28:CD:c1:03:9e:26\n");
  char capture[4200];

  snprintf(capture, sizeof(capture), "%s/capture.pcap", dir);
  tc_write_text(capture, "not read by the scenario loader");
  load_ok(dir);
  ck_assert_str_eq(sc.name, "issue-9381");
  ck_assert_str_eq(sc.capture_path, capture);
  ck_assert_str_eq(sc.description, "mDNS responder + HTTP server, two reloads within 30 s");
  ck_assert_str_eq(sc.source, "recorded with real Linux peers, see RECORDING.md");
  ck_assert_uint_eq(sc.capture_start_ms, 1500);
  ck_assert_uint_eq(sc.seed, 4294967295u);
  ck_assert_int_eq(sc.has_device_mac, 1);
  ck_assert_mem_eq(sc.device_mac, mac, 6);
  lwipsim_scenario_free(&sc);

  /* the file itself, and a directory given with a trailing slash */
  snprintf(capture, sizeof(capture), "%s/scenario.ini", dir);
  load_ok(capture);
  ck_assert_str_eq(sc.name, "issue-9381");
  lwipsim_scenario_free(&sc);
  snprintf(capture, sizeof(capture), "%s/", dir);
  load_ok(capture);
  ck_assert_str_eq(sc.name, "issue-9381");
  lwipsim_scenario_free(&sc);
}
END_TEST

/* Debian's inih strips "; comment" after a value (a ';' after a blank); check
 * that ours does, since the format documentation relies on it. */
START_TEST(test_scenario_inline_comments)
{
  load_ok(make_scenario("comments", "[scenario]   ; the header may have one too\n"
                                    "duration = 90s               ; required\n"
                                    "description = a;b ; only the part after a blank is a comment\n"
                                    "# a hash comment\n"
                                    "[script]\n"
                                    "0s = netif-up ; bring it up\n"));
  ck_assert_uint_eq(sc.duration_ms, 90000);
  ck_assert_str_eq(sc.description, "a;b");
  ck_assert_uint_eq(sc.n_actions, 1);
  lwipsim_scenario_free(&sc);
  /* "10.0.0.2/8;not" is one argument, so the line above is a bad prefix */
  expect_error("comments-2", "[scenario]\nduration = 90s\n[script]\n1s = static 10.0.0.2/8;not a comment\n", 4,
               "static", "prefix", NULL);
}
END_TEST

START_TEST(test_scenario_parse_duration)
{
  static const struct {
    const char *text;
    uint64_t ms;
  } good[] = {
    { "90s", 90000 }, { "1500ms", 1500 },  { "0.25s", 250 },   { "5min", 300000 }, { "0s", 0 },
    { "0.001s", 1 },  { "1.5min", 90000 }, { "2.125s", 2125 }, { "0ms", 0 },
  };
  static const char *const bad[] = {
    "",     "90",    "s",   "1.2345s", "1.5ms", "-1s", "1 s",
    " 1s",  ".5s",   "5.s", "1e3s",    "5m",    "5h",  "99999999999999999999s",
    "1sec", "0x10s",
  };
  uint64_t ms;
  size_t i;

  for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
    ck_assert_msg(lwipsim_parse_duration_ms(good[i].text, &ms) == 0, "'%s' rejected", good[i].text);
    ck_assert_uint_eq(ms, good[i].ms);
  }
  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    ck_assert_msg(lwipsim_parse_duration_ms(bad[i], &ms) == -1, "'%s' accepted", bad[i]);
  }
}
END_TEST

START_TEST(test_scenario_parse_mac)
{
  static const char *const bad[] = {
    "",
    "28:cd:c1:03:9e",
    "28:cd:c1:03:9e:2",
    "28:cd:c1:03:9e:26:00",
    "28-cd-c1-03-9e-26",
    "28:cd:c1:03:9e:2g",
    "28cd:c1:03:9e:26:",
  };
  const uint8_t expect[6] = { 0xff, 0x00, 0xab, 0xcd, 0x01, 0x9e };
  uint8_t mac[6];
  size_t i;

  ck_assert_int_eq(lwipsim_parse_mac("ff:00:AB:cd:01:9E", mac), 0);
  ck_assert_mem_eq(mac, expect, 6);
  for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    ck_assert_msg(lwipsim_parse_mac(bad[i], mac) == -1, "'%s' accepted", bad[i]);
  }
}
END_TEST

/* ---- one test per kind of error ---- */

START_TEST(test_scenario_err_no_scenario_file)
{
  const char *dir = make_scenario("empty-folder", NULL);
  char expect[4300];

  ck_assert_int_eq(lwipsim_scenario_load(dir, &sc, err, sizeof(err)), -1);
  snprintf(expect, sizeof(expect),
           "%s: no scenario.ini (a scenario is a folder with scenario.ini and optionally a capture)", dir);
  ck_assert_str_eq(err, expect);
  snprintf(expect, sizeof(expect), "%s/not-there", tmp_root);
  ck_assert_int_eq(lwipsim_scenario_load(expect, &sc, err, sizeof(err)), -1);
  ck_assert_msg(strstr(err, expect) != NULL, "%s", err);
}
END_TEST

START_TEST(test_scenario_err_unknown_section)
{
  expect_error("unknown-section", "[scenario]\nduration = 90s\n\n[scirpt]\n\n[device]\n", 4, "unknown section [scirpt]",
               "[script]", NULL);
}
END_TEST

START_TEST(test_scenario_err_key_outside_section)
{
  expect_error("no-section", "; comment\nduration = 90s\n", 2, "'duration'", "outside any section", NULL);
}
END_TEST

START_TEST(test_scenario_err_unknown_key)
{
  expect_error("unknown-key", "[scenario]\nduration = 90s\ndurration = 80s\n", 3, "unknown key 'durration'",
               "[scenario]", "capture_start", NULL);
  expect_error("unknown-key-device", "[scenario]\nduration = 90s\n[device]\nip = 1.2.3.4\n", 4, "unknown key 'ip'",
               "mac", NULL);
}
END_TEST

START_TEST(test_scenario_err_unknown_action)
{
  expect_error("unknown-action", "[scenario]\nduration = 90s\n[script]\n0s = netif-up\n1s = reboot now\n", 5,
               "unknown action 'reboot'", "netif-up", "tcp-connect", "reload", NULL);
}
END_TEST

START_TEST(test_scenario_err_bad_arguments)
{
  static const struct {
    const char *action;
    const char *keyword;
  } cases[] = {
    { "static 10.0.0.2", "/PREFIX" },
    { "static 10.0.0.2/33", "prefix" },
    { "static 10.0.0.256/24", "address" },
    { "static 10.0.0.2/24 via 10.0.0.1", "'gw'" },
    { "static 10.0.0.2/24 gw 10.0.0", "gateway" },
    { "static 10.0.0.2/24 gw", "static" },
    { "static", "static" },
    { "ipv6-linklocal yes", "'on' or 'off'" },
    { "ipv6-linklocal", "'on' or 'off'" },
    { "mdns-start", "host name" },
    { "mdns-start host _http._tcp", "port" },
    { "mdns-start host _http 80", "_NAME._tcp" },
    { "mdns-start host _http._sctp 80", "_NAME._tcp" },
    { "mdns-start host _http._tcp 0", "port" },
    { "mdns-start host_x", "letters, digits" },
    { "http-listen", "port" },
    { "http-listen 65536", "port" },
    { "http-listen 80 81", "port" },
    { "tcp-connect 10.0.0.1", "A.B.C.D:PORT" },
    { "tcp-connect 10.0.0.1:", "port" },
    { "tcp-connect 10.0.0:80", "address" },
    { "reload now", "takes no arguments" },
    { "netif-up eth0", "takes no arguments" },
    { "dhcp 1 2 3 4 5 6 7 8 9", "too many arguments" },
  };
  char text[512], name[64];
  size_t i;

  for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    snprintf(text, sizeof(text), "[scenario]\nduration = 90s\n[script]\n\n0s = %s\n", cases[i].action);
    snprintf(name, sizeof(name), "bad-args-%zu", i);
    expect_error(name, text, 5, cases[i].keyword, NULL);
  }
  expect_error("no-action", "[scenario]\nduration = 90s\n[script]\n0s =\n", 4, "no action", NULL);
}
END_TEST

START_TEST(test_scenario_err_bad_time)
{
  expect_error("bad-action-time", "[scenario]\nduration = 90s\n[script]\n1.2345s = reload\n", 4, "bad time '1.2345s'",
               "1500ms", NULL);
  expect_error("bad-duration", "[scenario]\nduration = 90\n", 2, "bad time '90'", "duration", NULL);
  expect_error("zero-duration", "[scenario]\nduration = 0s\n", 2, "duration must be more than 0", NULL);
  /* the documented maximum, 10^7 s: one millisecond more is refused, on its line */
  expect_error(
      "long-duration", "[scenario]\n; 1e12 s grew the runner until the OOM killer came\nduration = 10000000.001s\n", 3,
      "duration 10000000.001s is longer than the longest run lwipsim replays (10000000s, about 115 days)", NULL);
  expect_error("huge-duration", "[scenario]\nduration = 1000000000s\n", 2, "longest run", NULL);
  /* far past it: still the duration's own sentence, not a generic limit */
  expect_error("beyond-time-limit", "[scenario]\nduration = 1000000000000s\n", 2,
               "duration 1000000000000s is longer than the longest run", NULL);
  /* every other time has the same limit, the longest run */
  expect_error("gap-beyond-limit", "[scenario]\nduration = 9s\ncapture_max_gap = 10000000.001s\n", 3,
               "capture_max_gap '10000000.001s' is over the limit of 10000000s", NULL);
  expect_error("action-beyond-limit", "[scenario]\nduration = 9s\n[script]\n10000001s = reload\n", 4,
               "time '10000001s' is over the limit of 10000000s", NULL);
  expect_error("bad-start", "[scenario]\nduration = 9s\ncapture_start = soon\n", 3, "capture_start", NULL);
}
END_TEST

START_TEST(test_scenario_err_bad_mac)
{
  expect_error("bad-mac", "[scenario]\nduration = 90s\n[device]\nmac = 28:cd:c1:03:9e\n", 4, "bad MAC",
               "28:cd:c1:03:9e", NULL);
}
END_TEST

START_TEST(test_scenario_err_bad_seed)
{
  expect_error("bad-seed", "[scenario]\nduration = 90s\nseed = 4294967296\n", 3, "bad seed", NULL);
}
END_TEST

START_TEST(test_scenario_err_hostname_too_long)
{
  char text[512];

  snprintf(text, sizeof(text), "[scenario]\nduration = 90s\n[script]\n0s = mdns-start %.64s\n",
           "a123456789b123456789c123456789d123456789e123456789f123456789g1234");
  expect_error("long-hostname", text, 4, "hostname", "too long", "64 characters", "at most 63", NULL);
}
END_TEST

START_TEST(test_scenario_err_duplicate_key)
{
  expect_error("dup-key", "[scenario]\nduration = 90s\nseed = 2\n\nduration = 60s\n", 5, "duplicate key 'duration'",
               "line 2", NULL);
  expect_error("dup-mac",
               "[scenario]\nduration = 90s\n[device]\nmac = 28:cd:c1:03:9e:26\n[device]\n"
               "mac = 28:cd:c1:03:9e:27\n",
               6, "duplicate key 'mac'", NULL);
}
END_TEST

START_TEST(test_scenario_err_missing_duration)
{
  expect_error("no-duration", "; header comment\n[scenario]\ndescription = x\n", 2, "no duration", "duration = 90s",
               NULL);
  expect_error("no-scenario-section", "[script]\n0s = reload\n", 1, "no [scenario] section", NULL);
}
END_TEST

START_TEST(test_scenario_err_missing_mac)
{
  expect_error("no-mac", "[scenario]\nduration = 90s\ncapture = capture.pcap\n", 3, "[device]", "mac", NULL);
}
END_TEST

START_TEST(test_scenario_err_action_after_end)
{
  expect_error("late-action", "[scenario]\nduration = 30s\n[script]\n0s = netif-up\n30s = reload\n31s = reload\n", 6,
               "reload", "after the end", "duration", NULL);
  expect_error("late-start", "[scenario]\nduration = 30s\ncapture_start = 31s\n", 3, "capture_start", "after the end",
               NULL);
}
END_TEST

START_TEST(test_scenario_err_capture_not_found)
{
  const char *dir = make_scenario("no-capture", "[scenario]\nduration = 90s\ncapture = x.pcap\n[device]\n"
                                                "mac = 28:cd:c1:03:9e:26\n");
  char expect[4300];

  ck_assert_int_eq(lwipsim_scenario_load(dir, &sc, err, sizeof(err)), -1);
  snprintf(expect, sizeof(expect), "%s/scenario.ini: capture 'x.pcap' not found", dir);
  ck_assert_msg(strncmp(err, expect, strlen(expect)) == 0, "got: %s", err);
}
END_TEST

START_TEST(test_scenario_err_syntax)
{
  expect_error("syntax", "[scenario]\nduration = 90s\n[script]\n0s netif-up\n", 4, "syntax error", NULL);
  expect_error("syntax-header", "[scenario\nduration = 90s\n", 1, "syntax error", NULL);
  /* the first problem wins even when a later one is found by our own checks */
  expect_error("syntax-first", "[scenario]\nnonsense\nduration = 90s\nbogus = 1\n", 2, "syntax error", NULL);
}
END_TEST

START_TEST(test_scenario_err_line_too_long)
{
  char text[1024];

  snprintf(text, sizeof(text), "[scenario]\nduration = 90s\ndescription = %0300d\n", 7);
  expect_error("long-line", text, 3, "line is 314 characters long", "at most", NULL);
}
END_TEST

START_TEST(test_scenario_err_indented)
{
  expect_error("indented", "[scenario]\nduration = 90s\n[script]\n0s = netif-up\n  1s = reload\n", 5, "indented",
               "continuation", NULL);
}
END_TEST

/* ---- shared captures, profile, capture_max_gap ---- */

static const char shared_text[] = "[scenario]\n"
                                  "duration = 90s\n"
                                  "capture = shared:c.pcap\n" /* line 3 */
                                  "[device]\n"
                                  "mac = 28:cd:c1:03:9e:26\n";

/* TMP/name/ with sub-folders; returns TMP/name. */
static const char *make_dirs(const char *name, const char *const *subs)
{
  static char base[4096];
  char path[4300];

  snprintf(base, sizeof(base), "%s/%s", tmp_root, name);
  ck_assert_int_eq(mkdir(base, 0700), 0);
  for (; *subs != NULL; subs++) {
    snprintf(path, sizeof(path), "%s/%s", base, *subs);
    ck_assert_msg(mkdir(path, 0700) == 0, "mkdir %s", path);
  }
  return base;
}

START_TEST(test_scenario_shared_from_env)
{
  const char *dir = make_scenario("shared-env", shared_text);
  char captures[4200], expect[4300];

  snprintf(captures, sizeof(captures), "%s/caps", tmp_root);
  ck_assert_int_eq(mkdir(captures, 0700), 0);
  snprintf(expect, sizeof(expect), "%s/c.pcap", captures);
  tc_write_text(expect, "not read by the scenario loader");
  ck_assert_int_eq(setenv(LWIPSIM_SHARED_ENV, captures, 1), 0);
  load_ok(dir);
  ck_assert_str_eq(sc.capture_path, expect);
  ck_assert_int_eq(sc.capture_is_shared, 1);
  lwipsim_scenario_free(&sc);
}
END_TEST

/* Without the variable: <repo>/../shared/captures, <repo> being the nearest
 * folder above the scenario with scenarios/ and lwipopts/ (tests/ has
 * scenarios/ too, but no lwipopts/, so a test scenario finds the real root). */
START_TEST(test_scenario_shared_from_repo_root)
{
  static const char *const subs[] = { "repo",       "repo/lwipopts",        "repo/scenarios",
                                      "repo/tests", "repo/tests/scenarios", "repo/tests/scenarios/x",
                                      "shared",     "shared/captures",      NULL };
  const char *base = make_dirs("layout", subs);
  char ini[4300], pcap[4300], got[4300];

  snprintf(ini, sizeof(ini), "%s/repo/tests/scenarios/x/scenario.ini", base);
  tc_write_text(ini, shared_text);
  snprintf(pcap, sizeof(pcap), "%s/shared/captures/c.pcap", base);
  tc_write_text(pcap, "x");
  ck_assert_int_eq(unsetenv(LWIPSIM_SHARED_ENV), 0);
  load_ok(ini);
  /* the root is the real path; the file must be the one written above */
  ck_assert_msg(strstr(sc.capture_path, "/repo/../shared/captures/c.pcap") != NULL, "%s", sc.capture_path);
  ck_assert_ptr_nonnull(realpath(sc.capture_path, got));
  ck_assert_str_eq(strrchr(got, '/'), "/c.pcap");
  lwipsim_scenario_free(&sc);

  snprintf(ini, sizeof(ini), "%s/repo/tests/scenarios/x", base);
  ck_assert_int_eq(lwipsim_shared_captures_dir(ini, got, sizeof(got)), 0);
  ck_assert_msg(strstr(got, "/layout/repo/../shared/captures") != NULL, "%s", got);
  /* the variable wins, even over a root that has the captures */
  ck_assert_int_eq(setenv(LWIPSIM_SHARED_ENV, "/elsewhere", 1), 0);
  ck_assert_int_eq(lwipsim_shared_captures_dir(ini, got, sizeof(got)), 0);
  ck_assert_str_eq(got, "/elsewhere");
  /* empty counts as unset */
  ck_assert_int_eq(setenv(LWIPSIM_SHARED_ENV, "", 1), 0);
  ck_assert_int_eq(lwipsim_shared_captures_dir(ini, got, sizeof(got)), 0);
  ck_assert_msg(strstr(got, "/layout/repo/../shared/captures") != NULL, "%s", got);
}
END_TEST

START_TEST(test_scenario_err_shared_not_found)
{
  char missing[4200];

  snprintf(missing, sizeof(missing), "%s/no-such-folder", tmp_root);
  ck_assert_int_eq(setenv(LWIPSIM_SHARED_ENV, missing, 1), 0);
  expect_error("shared-missing", shared_text, 3, "shared capture 'c.pcap' not found", missing,
               "point LWIPSIM_SHARED_CAPTURES at the folder", NULL);
  /* no variable and no repository root above /tmp/...: say how to point at them */
  ck_assert_int_eq(unsetenv(LWIPSIM_SHARED_ENV), 0);
  expect_error("shared-no-root", shared_text, 3, "'shared:c.pcap'", "no repository root", "set LWIPSIM_SHARED_CAPTURES",
               NULL);
  ck_assert_int_eq(lwipsim_shared_captures_dir(tmp_root, missing, sizeof(missing)), -1);
}
END_TEST

START_TEST(test_scenario_err_shared_bad_name)
{
  ck_assert_int_eq(setenv(LWIPSIM_SHARED_ENV, tmp_root, 1), 0);
  expect_error("shared-dotdot",
               "[scenario]\nduration = 9s\ncapture = shared:../x.pcap\n[device]\n"
               "mac = 28:cd:c1:03:9e:26\n",
               3, "bad shared capture", "no '/'", NULL);
  expect_error("shared-empty",
               "[scenario]\nduration = 9s\ncapture = shared:\n[device]\n"
               "mac = 28:cd:c1:03:9e:26\n",
               3, "bad shared capture", NULL);
}
END_TEST

START_TEST(test_scenario_profile_and_max_gap)
{
  const char *dir = make_scenario("profile", "[scenario]\nduration = 90s\nprofile = circuitpython-9.0.5\n"
                                             "capture = c.pcap\ncapture_max_gap = 1.5s\n[device]\n"
                                             "mac = 28:cd:c1:03:9e:26\n");
  char capture[4200];

  snprintf(capture, sizeof(capture), "%s/c.pcap", dir);
  tc_write_text(capture, "x");
  load_ok(dir);
  ck_assert_str_eq(sc.profile, "circuitpython-9.0.5");
  ck_assert_uint_eq(sc.capture_max_gap_ms, 1500);
  ck_assert_int_eq(sc.capture_is_shared, 0);
  lwipsim_scenario_free(&sc);

  load_ok(make_scenario("no-profile", "[scenario]\nduration = 90s\n"));
  ck_assert_str_eq(sc.profile, "");
  ck_assert_uint_eq(sc.capture_max_gap_ms, 0);
  ck_assert_int_eq(sc.capture_checksums_recompute, 0);
  lwipsim_scenario_free(&sc);

  expect_error("bad-profile", "[scenario]\nduration = 90s\nprofile = ../lwipopts\n", 3, "bad profile",
               "lwipsim profiles", NULL);
  expect_error("gap-zero", "[scenario]\nduration = 90s\ncapture = c.pcap\ncapture_max_gap = 0s\n", 4,
               "capture_max_gap must be more than 0", NULL);
  expect_error("gap-no-capture", "[scenario]\nduration = 90s\ncapture_max_gap = 60s\n", 3,
               "capture_max_gap is set but there is no capture", NULL);
  expect_error("gap-bad", "[scenario]\nduration = 90s\ncapture = c.pcap\ncapture_max_gap = 60\n", 4,
               "bad time '60' for capture_max_gap", NULL);
}
END_TEST

START_TEST(test_scenario_capture_checksums)
{
  const char *dir = make_scenario("checksums", "[scenario]\nduration = 9s\ncapture = c.pcap\n"
                                               "capture_checksums = recompute\n[device]\nmac = 28:cd:c1:03:9e:26\n");
  char capture[4200];

  snprintf(capture, sizeof(capture), "%s/c.pcap", dir);
  tc_write_text(capture, "x");
  load_ok(dir);
  ck_assert_int_eq(sc.capture_checksums_recompute, 1);
  lwipsim_scenario_free(&sc);
  expect_error("checksums-bad", "[scenario]\nduration = 9s\ncapture = c.pcap\ncapture_checksums = fix\n", 4,
               "bad capture_checksums 'fix'", "'keep'", "'recompute'", NULL);
  expect_error("checksums-no-capture", "[scenario]\nduration = 9s\ncapture_checksums = keep\n", 3,
               "capture_checksums is set but there is no capture", NULL);
}
END_TEST

START_TEST(test_capture_clock)
{
  struct lwipsim_capture_clock c;

  /* no limit: capture_start plus the offset, truncated to ms */
  lwipsim_capture_clock_init(&c, 500, 0);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 0), 500);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 1999), 501);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251275117830ull), 24251275617ull);
  ck_assert_uint_eq(c.gaps_cut, 0);

  /* capture 18's shape: 0 s, then 24251275.117830 s, 15.770375 s later, ... */
  lwipsim_capture_clock_init(&c, 0, 60000);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 0), 0);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251275117830ull), 60000);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251290888205ull), 75770);
  ck_assert_uint_eq(c.gaps_cut, 1);
  /* a pause of exactly the limit is kept; one just over it is cut */
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251350888205ull), 135770);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251410888206ull), 195770);
  ck_assert_uint_eq(c.gaps_cut, 2);
  /* equal offsets (the reader clamps backwards time) are due together */
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 24251410888206ull), 195770);
  ck_assert_uint_eq(lwipsim_capture_clock_due_ms(&c, 5), 195770);
  ck_assert_uint_eq(c.gaps_cut, 2);
}
END_TEST

Suite *scenario_suite(void)
{
  const TTest *tests[] = {
    test_scenario_every_action,
    test_scenario_defaults,
    test_scenario_with_capture,
    test_scenario_inline_comments,
    test_scenario_parse_duration,
    test_scenario_parse_mac,
    test_scenario_err_no_scenario_file,
    test_scenario_err_unknown_section,
    test_scenario_err_key_outside_section,
    test_scenario_err_unknown_key,
    test_scenario_err_unknown_action,
    test_scenario_err_bad_arguments,
    test_scenario_err_bad_time,
    test_scenario_err_bad_mac,
    test_scenario_err_bad_seed,
    test_scenario_err_hostname_too_long,
    test_scenario_err_duplicate_key,
    test_scenario_err_missing_duration,
    test_scenario_err_missing_mac,
    test_scenario_err_action_after_end,
    test_scenario_err_capture_not_found,
    test_scenario_err_syntax,
    test_scenario_err_line_too_long,
    test_scenario_err_indented,
    test_scenario_shared_from_env,
    test_scenario_shared_from_repo_root,
    test_scenario_err_shared_not_found,
    test_scenario_err_shared_bad_name,
    test_scenario_profile_and_max_gap,
    test_scenario_capture_checksums,
    test_capture_clock,
  };
  Suite *s = suite_create("scenario");
  TCase *tc = tcase_create("scenario");
  size_t i;

  /* unchecked: the directory is made once, before the tests fork */
  tcase_add_unchecked_fixture(tc, scenario_setup, scenario_teardown);
  for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
    tcase_add_test(tc, tests[i]);
  }
  suite_add_tcase(s, tc);
  return s;
}
