/* The feature matrix (tests/matrix/CMakeLists.txt): one entry per run,
 * `lwipsim_matrix_tests ENTRY RUNNER`. Builds the entry's runner, replays a
 * script that uses only what its header enabled and checks what the script
 * holds, asserts the one-line error for the actions its header turned off,
 * and, for some, replays a capture with frames the stack cannot parse. */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_common.h"

struct off_action {
  const char *action; /* a [script] action this entry's header turned off */
  const char *option; /* the option the error names */
};

struct matrix_entry {
  const char *name;
  const char *script; /* [script] lines after "0s = netif-up" */
  const char *pool;   /* a pool the script holds ... */
  int min_peak;       /* ... at least this many of, at its peak */
  const char *timer;  /* armed at SYS_TIMEOUT's peak, or NULL */
  const char *option; /* a resolved option to check, or NULL */
  long long option_value;
  const char *extra_pool; /* a pool the record must list (custom pools), or NULL */
  int transmits;          /* the stack must have sent frames on its own */
  struct off_action off[2];
  const char *capture; /* a bundled capture with frames this stack cannot parse, or NULL */
};

#define STATIC "0s = static 10.0.0.2/24\n"
#define LISTEN STATIC "1s = http-listen 80\n"
#define MDNS "1s = mdns-start matrix _http._tcp 80\n"
#define LINKLOCAL "0s = ipv6-linklocal on\n"
#define DUALSTACK_CAPTURE "scenarios/dualstack-mdns/capture.pcap"

static const struct matrix_entry entries[] = {
  { "base",
    LISTEN,
    "TCP_PCB_LISTEN",
    1,
    "etharp_tmr",
    "LWIP_IGMP",
    0,
    NULL,
    0,
    { { "mdns-start matrix", "LWIP_MDNS_RESPONDER" }, { "dhcp", "LWIP_DHCP" } },
    DUALSTACK_CAPTURE },
  { "ipv6", STATIC LINKLOCAL, "MLD6_GROUP", 1, "nd6_tmr", "LWIP_IPV6", 1, NULL, 1, { { 0 } }, NULL },
  { "ipv6-only",
    LINKLOCAL,
    "MLD6_GROUP",
    1,
    "nd6_tmr",
    "LWIP_IPV4",
    0,
    NULL,
    1,
    { { "static 10.0.0.2/24", "LWIP_IPV4" }, { "dhcp", "LWIP_IPV4" } },
    DUALSTACK_CAPTURE },
  { "tcp-off",
    STATIC,
    "SYS_TIMEOUT",
    1,
    "etharp_tmr",
    "LWIP_TCP",
    0,
    NULL,
    0,
    { { "http-listen 80", "LWIP_TCP" }, { "tcp-connect 10.0.0.1:80", "LWIP_TCP" } },
    NULL },
  { "udp-off", LISTEN, "TCP_PCB_LISTEN", 1, NULL, "LWIP_UDP", 0, NULL, 0, { { 0 } }, NULL },
  { "udp-tcp-off",
    STATIC,
    "SYS_TIMEOUT",
    1,
    "etharp_tmr",
    "LWIP_TCP",
    0,
    NULL,
    0,
    { { "http-listen 80", "LWIP_TCP" }, { "mqtt-connect 10.0.0.1:1883", "LWIP_TCP" } },
    NULL },
  { "igmp", STATIC, "IGMP_GROUP", 1, "igmp_tmr", "LWIP_IGMP", 1, NULL, 0, { { 0 } }, NULL },
  { "dhcp", "0s = dhcp\n", "UDP_PCB", 1, "acd_tmr", "LWIP_ACD", 1, NULL, 1, { { 0 } }, NULL },
  { "dhcp-no-acd", "0s = dhcp\n", "UDP_PCB", 1, "dhcp_coarse_tmr", "LWIP_ACD", 0, NULL, 1, { { 0 } }, NULL },
  { "autoip", STATIC, "SYS_TIMEOUT", 1, "acd_tmr", "LWIP_ACD", 1, NULL, 0, { { "dhcp", "LWIP_DHCP" } }, NULL },
  { "dns", STATIC, "SYS_TIMEOUT", 1, "dns_tmr", "LWIP_DNS", 1, NULL, 0, { { 0 } }, NULL },
  { "mdns",
    STATIC MDNS,
    "UDP_PCB",
    1,
    "mdns_probe_and_announce",
    "LWIP_MDNS_RESPONDER",
    1,
    NULL,
    1,
    { { "dhcp", "LWIP_DHCP" } },
    NULL },
  { "mdns-ipv6",
    STATIC LINKLOCAL MDNS,
    "UDP_PCB",
    1,
    "mdns_probe_and_announce",
    "LWIP_IPV6",
    1,
    NULL,
    1,
    { { 0 } },
    NULL },
  { "mdns-ipv6-only",
    LINKLOCAL MDNS,
    "UDP_PCB",
    1,
    "mdns_probe_and_announce",
    "LWIP_IPV4",
    0,
    NULL,
    1,
    { { "static 10.0.0.2/24", "LWIP_IPV4" } },
    NULL },
  { "mdns-tcp-off",
    STATIC MDNS,
    "UDP_PCB",
    1,
    "mdns_probe_and_announce",
    "LWIP_TCP",
    0,
    NULL,
    1,
    { { "http-listen 80", "LWIP_TCP" }, { "mqtt-publish sensors/temp 24", "LWIP_TCP" } },
    NULL },
  { "mdns-2.1.3", STATIC MDNS, "UDP_PCB", 1, "mdns_probe", "LWIP_MDNS_RESPONDER", 1, NULL, 1, { { 0 } }, NULL },
  { "memp-mem-malloc", LISTEN, "TCP_PCB_LISTEN", 1, NULL, "MEMP_MEM_MALLOC", 1, NULL, 0, { { 0 } }, NULL },
  { "mem-libc-malloc", LISTEN, "TCP_PCB_LISTEN", 1, NULL, "MEM_LIBC_MALLOC", 1, NULL, 0, { { 0 } }, NULL },
  { "both-malloc", LISTEN, "TCP_PCB_LISTEN", 1, NULL, "MEMP_MEM_MALLOC", 1, NULL, 0, { { 0 } }, NULL },
  { "custom-pools", LISTEN, "TCP_PCB_LISTEN", 1, NULL, NULL, 0, "MATRIX_APP", 0, { { 0 } }, NULL },
  { "chksum-0", STATIC MDNS, "UDP_PCB", 1, NULL, NULL, 0, NULL, 1, { { 0 } }, NULL },
  { "chksum-1", STATIC MDNS, "UDP_PCB", 1, NULL, NULL, 0, NULL, 1, { { 0 } }, NULL },
  { "chksum-3", STATIC MDNS, "UDP_PCB", 1, NULL, NULL, 0, NULL, 1, { { 0 } }, NULL },
  { "stats-off", LISTEN, "TCP_PCB_LISTEN", 1, NULL, NULL, 0, NULL, 0, { { 0 } }, NULL },
  { "debug-0", LISTEN, "TCP_PCB_LISTEN", 1, NULL, NULL, 0, NULL, 0, { { 0 } }, NULL },
  { "sys-prot", LISTEN, "TCP_PCB_LISTEN", 1, NULL, NULL, 0, NULL, 0, { { 0 } }, NULL },
};

static const struct matrix_entry *entry;
static const char *runner_target;
static char runner[600];

static void write_scenario(const char *dir, const char *capture, const char *script)
{
  char path[400], ini[2048];
  snprintf(path, sizeof path, "%s/scenario.ini", dir);
  if (capture == NULL) {
    snprintf(ini, sizeof ini, "[scenario]\nduration = 10s\n[script]\n0s = netif-up\n%s", script);
  } else {
    snprintf(ini, sizeof ini,
             "[scenario]\nduration = 40s\ncapture = %s/%s\n[device]\nmac = 28:cd:c1:03:9e:26\n"
             "[script]\n0s = netif-up\n%s",
             LWIPSIM_SOURCE_DIR, capture, script);
  }
  tc_write_file(path, ini, strlen(ini));
}

struct runner_result {
  int exit_code;
  char *err;
  cJSON *record;
};

static void run_runner(const char *dir, struct runner_result *r)
{
  char json[400], out[400], err[400];
  snprintf(json, sizeof json, "%s/record.json", dir);
  snprintf(out, sizeof out, "%s/stdout.txt", dir);
  snprintf(err, sizeof err, "%s/stderr.txt", dir);
  char *argv[] = { runner, "--scenario", (char *)dir, "--json", json, "--quiet", NULL };
  r->exit_code = tc_spawn(argv, out, err);
  ck_assert_msg(r->exit_code != -1, "cannot run %s", runner);
  r->err = tc_read_file(err, NULL);
  char *text = tc_read_file(json, NULL);
  r->record = text ? cJSON_Parse(text) : NULL;
  free(text);
}

static void runner_free(struct runner_result *r)
{
  free(r->err);
  cJSON_Delete(r->record);
}

static void assert_built(void)
{
  ck_assert_msg(access(runner, X_OK) == 0, "%s was not built (see the build test)", runner);
}

/* Armed at SYS_TIMEOUT's peak, or one of the cyclic timers lwip_init armed
 * (named in the pool's worst case: the entry armed at the very moment of an
 * init-time peak shows as "?"). */
static int timer_named(const cJSON *rec, const char *name)
{
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(rec, "sys_timeout");
  const cJSON *armed =
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "at_peak"), "armed_timers");
  const cJSON *t;
  cJSON_ArrayForEach(t, armed)
  {
    if (cJSON_IsString(t) && strcmp(t->valuestring, name) == 0) {
      return 1;
    }
  }
  const cJSON *wc = cJSON_GetObjectItemCaseSensitive(tc_pool(rec, "SYS_TIMEOUT"), "worst_case");
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(wc, "terms"))
  {
    const char *what = tc_str(t, "what");
    if (what != NULL && strncmp(what, "cyclic timers", 13) == 0 && strstr(what, name) != NULL) {
      return 1;
    }
  }
  return 0;
}

START_TEST(test_builds)
{
  const char *tmp = tc_tmpdir();
  char log[400];
  snprintf(log, sizeof log, "%s/build.log", tmp);
  char *argv[] = { LWIPSIM_CMAKE, "--build", LWIPSIM_BUILD_DIR, "--target", (char *)runner_target, "-j2", NULL };
  int rc = tc_spawn(argv, log, TC_ERR_TO_OUT);
  if (rc != 0) {
    size_t len;
    char *text = tc_read_file(log, &len);
    /* the end of the log has the first error make stopped on */
    ck_abort_msg("building %s failed (exit %d):\n%s", runner_target, rc,
                 text ? text + (len > 4000 ? len - 4000 : 0) : "(no log)");
  }
  assert_built();
}
END_TEST

START_TEST(test_script_runs)
{
  assert_built();
  const char *dir = tc_tmpdir();
  write_scenario(dir, NULL, entry->script);
  struct runner_result r;
  run_runner(dir, &r);
  ck_assert_msg(r.exit_code == 0 && r.record != NULL, "exit %d, stderr: %s", r.exit_code, r.err);
  ck_assert_str_eq(tc_str(r.record, "outcome"), "ok");
  const cJSON *pool = tc_pool(r.record, entry->pool);
  ck_assert_msg(pool != NULL, "no pool %s in the record", entry->pool);
  ck_assert_msg(tc_num(pool, "peak") >= entry->min_peak, "%s peak %.0f, want at least %d", entry->pool,
                tc_num(pool, "peak"), entry->min_peak);
  if (entry->timer != NULL) {
    ck_assert_msg(timer_named(r.record, entry->timer), "%s is neither a cyclic timer nor armed at the SYS_TIMEOUT peak",
                  entry->timer);
  }
  if (entry->option != NULL) {
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(r.record, "options");
    ck_assert_msg(cJSON_GetObjectItemCaseSensitive(opts, entry->option) != NULL, "no option %s", entry->option);
    ck_assert_int_eq((long long)tc_num(opts, entry->option), entry->option_value);
  }
  if (entry->extra_pool != NULL) {
    ck_assert_msg(tc_pool(r.record, entry->extra_pool) != NULL, "no pool %s in the record", entry->extra_pool);
  }
  if (entry->transmits) {
    ck_assert_double_gt(tc_num(cJSON_GetObjectItemCaseSensitive(r.record, "frames"), "transmitted"), 0);
  }
  runner_free(&r);
}
END_TEST

START_TEST(test_disabled_actions_are_input_errors)
{
  assert_built();
  for (int i = 0; i < 2 && entry->off[i].action != NULL; i++) {
    const char *dir = tc_tmpdir();
    char script[200], want[1200];
    snprintf(script, sizeof script, "1s = %s\n", entry->off[i].action);
    write_scenario(dir, NULL, script);
    struct runner_result r;
    run_runner(dir, &r);
    ck_assert_int_eq(r.exit_code, 6); /* LWIPSIM_EXIT_NOT_APPLICABLE */
    /* the action is on line 5: [scenario], duration, [script], netif-up */
    char verb[64];
    snprintf(verb, sizeof verb, "%.*s", (int)strcspn(entry->off[i].action, " "), entry->off[i].action);
    snprintf(want, sizeof want,
             "lwipsim: %s/scenario.ini:5: %s needs %s, which is 0 in profile matrix-%s; use a profile that enables "
             "it, or remove the action\n",
             dir, verb, entry->off[i].option, entry->name);
    ck_assert_str_eq(r.err, want);
    ck_assert_ptr_null(r.record);
    runner_free(&r);
  }
}
END_TEST

START_TEST(test_unparsable_frames_are_dropped)
{
  assert_built();
  const char *dir = tc_tmpdir();
  write_scenario(dir, entry->capture, entry->script);
  struct runner_result r;
  run_runner(dir, &r);
  ck_assert_msg(r.exit_code == 0 && r.record != NULL, "exit %d, stderr: %s", r.exit_code, r.err);
  ck_assert_str_eq(tc_str(r.record, "outcome"), "ok");
  ck_assert_double_gt(tc_num(cJSON_GetObjectItemCaseSensitive(r.record, "frames"), "injected"), 0);
  runner_free(&r);
}
END_TEST

int main(int argc, char **argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: %s ENTRY RUNNER_TARGET\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
    if (strcmp(entries[i].name, argv[1]) == 0) {
      entry = &entries[i];
    }
  }
  if (entry == NULL) {
    fprintf(stderr,
            "lwipsim_matrix_tests: no entry '%s' in matrix_tests.c; add one beside its header in "
            "tests/matrix/CMakeLists.txt\n",
            argv[1]);
    return 2;
  }
  runner_target = argv[2];
  snprintf(runner, sizeof runner, "%s/%s", LWIPSIM_BIN_DIR, runner_target);

  Suite *s = suite_create(entry->name);
  TCase *tc = tcase_create("matrix");
  tcase_set_timeout(tc, 280);
  tcase_add_test(tc, test_builds);
  tcase_add_test(tc, test_script_runs);
  if (entry->off[0].action != NULL) {
    tcase_add_test(tc, test_disabled_actions_are_input_errors);
  }
  if (entry->capture != NULL) {
    tcase_add_test(tc, test_unparsable_frames_are_dropped);
  }
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
