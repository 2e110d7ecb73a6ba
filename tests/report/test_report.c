/* `lwipsim report` on the bundled profiles and scenarios. */
#include "test_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static char out_dir[512];
static cJSON *report;
static int report_rc;
static char report_err[1 << 20];

static void run_report(void)
{
  snprintf(out_dir, sizeof out_dir, "%s", tc_tmpdir());
  report_rc = tc_lwipsim(report_err, sizeof report_err, NULL, "report", "--out", out_dir, NULL);
  char path[600];
  snprintf(path, sizeof path, "%s/report.json", out_dir);
  char *text = tc_read_file(path, NULL);
  report = text ? cJSON_Parse(text) : NULL;
  free(text);
}

static void free_report(void)
{
  cJSON_Delete(report);
  tc_rmtree(out_dir);
}

static char *out_file(const char *name)
{
  char path[600];
  snprintf(path, sizeof path, "%s/%s", out_dir, name);
  char *text = tc_read_file(path, NULL);
  ck_assert_msg(text != NULL, "%s not written", path);
  return text;
}

START_TEST(test_report_written_for_bundled_profiles)
{
  ck_assert_msg(report_rc == 0, "lwipsim report exited %d: %s", report_rc, report_err);
  ck_assert_ptr_nonnull(report);
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(report, "summary");
  ck_assert_int_eq(tc_int(sum, "profiles"), 12); /* lwipopts/ only, not tests/profiles */
  ck_assert_int_eq(tc_int(sum, "scenarios"), 8); /* scenarios/ with scenario.ini: not tools/, not third-party/ */
  ck_assert_str_eq(tc_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "scenarios"), 6), "name"),
                   "mdns-http-reload");
  /* SYS_TIMEOUT of 9.0.5, pico-examples-httpd, arduino-pico-4.x-ipv4 (apsta-mdns: mDNS on two netifs),
   * the three MicroPython ones (apsta-mdns; v1.24.1 on dualstack-mdns too) and arduino-pico-4.x-ipv6;
   * TCP_PCB of every profile with lwIP's default 5 PCBs (9.0.5, lwip-2.1.3-mdns, the three MicroPython and
   * the two arduino-pico ones) for eight parallel clients (http-concurrent); SYS_TIMEOUT of
   * pico-examples-common-sdk-2.0.0 (sntp-http-1281: pico-sdk issue 1281); and the HEAP (MEM_SIZE 4000) of
   * 9.0.5, lwip-2.1.3-mdns and the three pico-examples ones, which refuse tcp_write copies */
  ck_assert_int_eq(tc_int(sum, "unsafe"), 20);
  /* MicroPython PR #16623 raised the timeout pool for mDNS on one netif: v1.24.1 runs dry on the dual-stack
   * scenario, v1.25.0 does not; both run dry with mDNS on the station and the access point (apsta-mdns) */
  ck_assert_str_eq(tc_str(tc_pool(tc_profile(report, "micropython-rp2-v1.24.1"), "SYS_TIMEOUT"), "verdict"), "UNSAFE");
  const cJSON *v125 = tc_profile(report, "micropython-rp2-v1.25.0");
  ck_assert_str_eq(tc_str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v125, "scenarios"), 2), "scenario"),
                   "dualstack-mdns");
  ck_assert_str_eq(tc_str(cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v125, "scenarios"), 2), "faithful"),
                          "outcome"),
                   "ok");
  ck_assert_str_eq(tc_str(tc_pool(v125, "SYS_TIMEOUT"), "verdict"), "UNSAFE");
  ck_assert_str_eq(tc_str(tc_pool(v125, "SYS_TIMEOUT"), "demand_scenario"), "apsta-mdns");
  /* pico-examples' common header has no mDNS: of the bundled scenarios it runs only http-page-3851 (DHCP and
   * HTTP) and sntp-http-1281 (SNTP and HTTP), the six that start mDNS are listed as not run, with the reason */
  const cJSON *pe = tc_profile(report, "pico-examples-common-sdk-2.0.0");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pe, "scenarios")), 2);
  ck_assert_str_eq(tc_str(tc_pool(pe, "SYS_TIMEOUT"), "verdict"), "UNSAFE");
  const cJSON *not_run = cJSON_GetObjectItemCaseSensitive(report, "not_run");
  ck_assert_int_eq(cJSON_GetArraySize(not_run), 12);
  const cJSON *nr = cJSON_GetArrayItem(not_run, 5);
  ck_assert_str_eq(tc_str(nr, "profile"), "pico-examples-common-sdk-2.0.0");
  ck_assert_str_eq(tc_str(nr, "scenario"), "mdns-http-reload");
  ck_assert_str_eq(tc_str(nr, "reason"), "scenario.ini:30: mdns-start needs LWIP_MDNS_RESPONDER, which is 0 in "
                                         "profile pico-examples-common-sdk-2.0.0; use a profile that enables it, "
                                         "or remove the action");
  ck_assert_msg(strstr(report_err, "lwipsim report: wrote") != NULL, "no progress on stderr: ...%s",
                report_err + (strlen(report_err) > 300 ? strlen(report_err) - 300 : 0));
}
END_TEST

START_TEST(test_report_circuitpython_905_sys_timeout_unsafe)
{
  const cJSON *p = tc_profile(report, "circuitpython-9.0.5");
  const cJSON *st = tc_pool(p, "SYS_TIMEOUT");
  ck_assert_str_eq(tc_str(st, "verdict"), "UNSAFE");
  ck_assert_int_eq(tc_int(st, "size"), 11);
  /* the demand runs' largest peak: mDNS on two netifs (apsta-mdns); two reloads within 30 s need 13 */
  ck_assert_int_eq(tc_int(st, "demand"), 14);
  ck_assert_int_ge(tc_int(st, "recommended"), 14);
  ck_assert_int_ge(tc_int(st, "recommended"), tc_int(st, "demand"));
  ck_assert_ptr_nonnull(strstr(tc_str(st, "paste"), "#define MEMP_NUM_SYS_TIMEOUT "));
  ck_assert_int_eq(tc_int(st, "ram_per_element_bytes"), 32); /* struct sys_timeo on x86_64, facts section 6 */
  ck_assert_str_eq(tc_str(p, "verdict"), "UNSAFE");
  const cJSON *s = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "scenarios"), 6);
  ck_assert_str_eq(tc_str(s, "scenario"), "mdns-http-reload");
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(s, "faithful");
  ck_assert_str_eq(tc_str(f, "outcome"), "panic");
  /* the run panics at 10.837 s; its first failure is the heap's (MEM_SIZE 4000), at 3.006 s */
  const cJSON *ff = cJSON_GetObjectItemCaseSensitive(f, "first_failure");
  ck_assert_str_eq(tc_str(ff, "pool"), "HEAP");
  ck_assert_int_eq(tc_int(ff, "time_ms"), 3006);
  ck_assert_str_eq(tc_str(ff, "site"), "pbuf_alloc from tcp_write");
  ck_assert_int_eq(tc_int(cJSON_GetObjectItemCaseSensitive(f, "panic"), "time_ms"), 10837);
  ck_assert_str_eq(tc_str(cJSON_GetObjectItemCaseSensitive(f, "panic"), "arming"), "mdns_probe_and_announce");
  const cJSON *at =
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s, "sys_timeout_at_peak"), "demand");
  ck_assert_int_eq(tc_int(at, "count"), 13);
  /* the sweep agrees with the demand run: 12 fails, 13 is enough */
  const cJSON *sw = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "sweeps"), 0);
  ck_assert_str_eq(tc_str(sw, "pool"), "SYS_TIMEOUT");
  ck_assert_int_le(tc_int(sw, "lo"), 11);
  ck_assert_int_ge(tc_int(sw, "hi"), 13);
  /* http-concurrent fails on TCP_PCB whatever SYS_TIMEOUT is: no value makes every scenario ok */
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(sw, "smallest_ok")));
  const cJSON *reload = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sw, "scenarios"), 6);
  ck_assert_str_eq(tc_str(reload, "scenario"), "mdns-http-reload");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(reload, "rows");
  long lo = tc_int(sw, "lo");
  const cJSON *r12 = cJSON_GetArrayItem(rows, (int)(12 - lo)), *r13 = cJSON_GetArrayItem(rows, (int)(13 - lo));
  ck_assert_str_eq(tc_str(r12, "outcome"), "panic");
  ck_assert_str_eq(tc_str(r12, "failed_pool"), "SYS_TIMEOUT");
  /* from 13 on SYS_TIMEOUT holds; what still fails is the heap (MEM_SIZE 4000) */
  ck_assert_str_eq(tc_str(r13, "outcome"), "pool-failure");
  ck_assert_int_eq(tc_int(r13, "failed"), 0);
  ck_assert_str_eq(tc_str(r13, "failed_pool"), "HEAP");
  /* below lwIP's own cyclic timers, lwip_init cannot start: the cell says so */
  const cJSON *r5 = cJSON_GetArrayItem(rows, (int)(5 - lo));
  ck_assert_int_eq(tc_int(r5, "value"), 5);
  ck_assert_str_eq(tc_str(r5, "site"), "lwip_init: 6 cyclic timers need 6 slots");
  char *md = out_file("report.md");
  /* the worst-case column depends on whether the runner reports a bound */
  const char *row = strstr(md, "| SYS_TIMEOUT | 11 | 14 (apsta-mdns) | ");
  ck_assert_ptr_nonnull(row);
  ck_assert_ptr_nonnull(strstr(row, " | **UNSAFE** | "));
  ck_assert_int_lt(strstr(row, " | **UNSAFE** | ") - row, strchr(row, '\n') - row);
  free(md);
}
END_TEST

START_TEST(test_report_circuitpython_10_has_no_count_limit)
{
  const cJSON *p = tc_profile(report, "circuitpython-10.0.0-alpha.4");
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "pools_on_heap")));
  const cJSON *st = tc_pool(p, "SYS_TIMEOUT");
  ck_assert_str_eq(tc_str(st, "verdict"), "NO_LIMIT");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(st, "size")));
  ck_assert_int_eq(tc_int(st, "demand"), 14);
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(p, "heap");
  ck_assert_int_eq(tc_int(heap, "budget_bytes"), 32768);
  ck_assert_int_gt(tc_int(heap, "peak_bytes"), 0);
  ck_assert_int_lt(tc_int(heap, "peak_bytes"), 32768);
  /* it held, but no worst case is known for a heap: MARGINAL, never SAFE */
  ck_assert_str_eq(tc_str(heap, "verdict"), "MARGINAL");
  ck_assert_str_eq(tc_str(heap, "missing"), "no bound known");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p, "sweeps")), 0); /* nothing to cap */
  char *md = out_file("report.md"), line[256];
  const char *row;
  snprintf(line, sizeof line,
           "| HEAP (bytes) | 32768 (budget, 64-bit host bytes) | %ld (http-concurrent) | not known | "
           "**MARGINAL** (no bound known) |",
           tc_int(heap, "demand_bytes"));
  ck_assert_ptr_nonnull(strstr(md, line));
  row = strstr(md, "| SYS_TIMEOUT | heap (11 configured) | 14 (apsta-mdns) | ");
  ck_assert_ptr_nonnull(row);
  ck_assert_ptr_nonnull(strstr(row, " | no count limit | - (fixed pools: "));
  free(md);
}
END_TEST

START_TEST(test_report_pico_examples_httpd_verdict)
{
  /* facts section 5: MEMP_NUM_SYS_TIMEOUT = LWIP_NUM_SYS_TIMEOUT_INTERNAL + 3 = 10, and mDNS can overflow it */
  const cJSON *st = tc_pool(tc_profile(report, "pico-examples-httpd"), "SYS_TIMEOUT");
  ck_assert_int_eq(tc_int(st, "size"), 10);
  ck_assert_str_eq(tc_str(st, "verdict"), "UNSAFE");
  ck_assert_int_ge(tc_int(st, "recommended"), 13);
  /* lwIP 2.1.3's single mDNS timer: 8 at once, 11 covers it */
  const cJSON *old = tc_pool(tc_profile(report, "lwip-2.1.3-mdns"), "SYS_TIMEOUT");
  ck_assert_str_ne(tc_str(old, "verdict"), "UNSAFE");
  ck_assert_int_eq(tc_int(old, "demand"), 8);
}
END_TEST

START_TEST(test_report_junit_one_case_per_pool)
{
  char *x = out_file("junit.xml");
  int cases = 0;
  const cJSON *p, *s;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(p, "scenarios"))
    {
      cases += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(s, "pools"));
    }
  }
  ck_assert_int_eq(tc_count(x, "<testcase "), cases);
  ck_assert_int_eq(tc_count(x, "<failure "), 19); /* one per UNSAFE (profile, scenario, pool) */
  ck_assert_ptr_nonnull(strstr(x, "<testcase classname=\"circuitpython-9.0.5.mdns-http-reload\" name=\"SYS_TIMEOUT\""));
  ck_assert_ptr_nonnull(strstr(x, "message=\"UNSAFE: SYS_TIMEOUT is 11, this scenario needs 13"));
  free(x);
}
END_TEST

START_TEST(test_report_html_self_contained)
{
  char *h = out_file("report.html");
  ck_assert_int_eq(tc_count(h, "<table class=\"verdicts\""), 12); /* every profile runs http-page-3851 */
  ck_assert_int_eq(tc_count(h, "<section id=\"not-run\">"), 1);
  ck_assert_int_eq(tc_count(h, "<script"), 0);
  ck_assert_int_eq(tc_count(h, "http://"), 0);
  ck_assert_int_eq(tc_count(h, "https://"), 0);
  ck_assert_int_eq(tc_count(h, "<link"), 0);
  ck_assert_int_eq(tc_count(h, "<svg class=\"sweep-plot\""),
                   10); /* a SYS_TIMEOUT sweep per profile with a count limit */
  ck_assert_ptr_nonnull(strstr(h, "<meta name=\"viewport\""));
  /* the 9.0.5 peak's armed timers come from apsta-mdns: a responder on each of the two netifs */
  ck_assert_ptr_nonnull(strstr(h, "mdns_probe_and_announce \u00d72, mdns_multicast_timeout_25ttl_reset_ipv4 \u00d72"));
  free(h);
}
END_TEST

/* The faithful run's scenario entry of a profile in report.json. */
static const cJSON *faithful_run(const char *profile, const char *scenario)
{
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(tc_profile(report, profile), "scenarios"))
  {
    if (strcmp(tc_str(s, "scenario"), scenario) == 0) {
      return cJSON_GetObjectItemCaseSensitive(s, "faithful");
    }
  }
  ck_abort_msg("%s has no scenario %s", profile, scenario);
  return NULL;
}

/* What a failure cost: the record's impact in report.json, and a column of
 * the outcome table in every rendering. */
START_TEST(test_report_impact_column)
{
  const cJSON *impact =
      cJSON_GetObjectItemCaseSensitive(faithful_run("circuitpython-9.0.5", "mdns-http-reload"), "impact");
  /* the window opens at the run's first failure: the heap's, 3.006 s (the panic follows at 10.837 s) */
  ck_assert_str_eq(tc_str(impact, "cause"), "heap");
  ck_assert_int_eq(tc_int(impact, "after_ms"), 3006);
  const cJSON *mdns = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(impact, "services"), 0);
  ck_assert_str_eq(tc_str(mdns, "service"), "mdns");
  ck_assert_int_eq(tc_int(mdns, "missing"), 3);
  ck_assert_int_eq(tc_int(mdns, "of"), 4);
  impact = cJSON_GetObjectItemCaseSensitive(faithful_run("arduino-pico-4.x-ipv4", "http-page-3851"), "impact");
  ck_assert_msg(cJSON_IsNull(impact), "an ok run without a refused write has an impact");

  static const char silent[] = "mDNS silent from then on (1 of 1 responses not sent); HTTP silent from then on (22 of "
                               "22 later requests unanswered, 22 of 22 connections refused)";
  char *md = out_file("report.md");
  ck_assert_int_eq(tc_count(md, "| scenario | outcome with this profile | first failure | what it cost |\n"), 12);
  /* apsta-mdns: the timeout pool runs dry (a panic) before the heap does on arduino-pico-4.x-ipv4, 9.0.5 and
   * pico-examples-httpd; everything after it is missing */
  ck_assert_int_eq(tc_count(md, "| SYS_TIMEOUT at 1.940 s, in mdns_probe_and_announce | mDNS silent from then on"), 1);
  ck_assert_int_eq(tc_count(md, silent), 3);
  /* 9.0.5 and pico-examples-httpd on mdns-http-reload: the heap refuses a write at 3.006 s, the panic
   * comes later (10.837 s) */
  ck_assert_int_eq(tc_count(md, "| HEAP at 3.006 s, in pbuf_alloc from tcp_write | a heap allocation refused at "
                                "3.006 s: mDNS: 3 of 4 responses not sent"),
                   2);
  /* arduino-pico 725's page refused on the five profiles with a heap too small for it: a failed heap
   * allocation (pool-failure) */
  ck_assert_int_eq(tc_count(md, "| http-page-3851 | pool-failure (ran to 20.000 s) | HEAP at 3.026 s, in pbuf_alloc "
                                "from tcp_write | a heap allocation refused at 3.026 s: HTTP: 3 of 3 later requests "
                                "unanswered |"),
                   5);
  ck_assert_int_eq(tc_count(md, "| dhcp-renew-long | ok (ran to 200.000 s) | none | - |"), 10);
  free(md);
  char *h = out_file("report.html");
  ck_assert_int_eq(tc_count(h, "What it cost: "), tc_count(h, "Outcome with this profile: "));
  ck_assert_int_eq(tc_count(h, silent), 3);
  free(h);
  char *x = out_file("junit.xml");
  ck_assert_int_eq(tc_count(x, "; what it cost: "), tc_count(x, "<failure ")); /* in every UNSAFE failure */
  ck_assert_int_eq(tc_count(x, silent), 3);
  free(x);
}
END_TEST

START_TEST(test_report_deterministic)
{
  const char *again = tc_tmpdir();
  char err[4096];
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--out", again, "--jobs", "1", NULL);
  ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
  static const char *const files[] = { "report.json", "report.md", "report.html", "junit.xml" };
  for (int i = 0; i < 4; i++) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", again, files[i]);
    char *a = out_file(files[i]), *b = tc_read_file(path, NULL);
    ck_assert_msg(b != NULL && strcmp(a, b) == 0, "%s differs between runs", files[i]);
    free(a);
    free(b);
  }
  tc_rmtree(again);
}
END_TEST

START_TEST(test_report_gate_exit_codes)
{
  static char err[1 << 20];
  const char *dir = tc_tmpdir();
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--gate", NULL), 3);
  ck_assert_ptr_nonnull(strstr(err, "gate: 20 verdict(s) UNSAFE"));
  /* 10.0.0-alpha.4 has no count limits, and its heap is MARGINAL (no bound known for a heap): the
   * marginal gate trips on it alone */
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile",
                              "circuitpython-10.0.0-alpha.4", "--gate=marginal", NULL),
                   3);
  ck_assert_ptr_nonnull(strstr(err, "gate: 1 verdict(s) UNSAFE or MARGINAL"));
  /* the recommended size: nothing UNSAFE (other pools have no known worst case: MARGINAL) */
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile",
                              "circuitpython-9.0.5-recommended", "--gate", NULL),
                   0);
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile", "no-such-profile", NULL), 2);
  ck_assert_ptr_nonnull(strstr(err, "unknown profile 'no-such-profile'"));
  ck_assert_int_eq(
      tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--scenario", tc_source_path("lwipopts"), NULL), 2);
  ck_assert_ptr_nonnull(strstr(err, "no scenario.ini in this folder"));
  tc_rmtree(dir);
}
END_TEST

START_TEST(test_report_recommended_profile_is_ok)
{
  /* tests/profiles/circuitpython-9.0.5-recommended carries the value the
   * report recommends for 9.0.5; when the recommendation moves, this fails. */
  const cJSON *rec = tc_pool(tc_profile(report, "circuitpython-9.0.5"), "SYS_TIMEOUT");
  const char *dir = tc_tmpdir();
  char err[4096], path[600];
  int rc =
      tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile", "circuitpython-9.0.5-recommended", NULL);
  ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
  snprintf(path, sizeof path, "%s/report.json", dir);
  cJSON *r = tc_load_json(path);
  const cJSON *p = tc_profile(r, "circuitpython-9.0.5-recommended");
  const cJSON *st = tc_pool(p, "SYS_TIMEOUT");
  ck_assert_msg(tc_int(st, "size") == tc_int(rec, "recommended"),
                "the report recommends %ld for 9.0.5, the test profile has %ld: update "
                "tests/profiles/circuitpython-9.0.5-recommended/lwipopts.h",
                tc_int(rec, "recommended"), tc_int(st, "size"));
  /* the recommendation covers the worst case, which counts the scenarios' reloads (mdns-http-reload's 2):
   * MARGINAL, naming the assumption, not SAFE */
  ck_assert_str_eq(tc_str(st, "verdict"), "MARGINAL");
  ck_assert_str_eq(tc_str(st, "missing"), "bound assumes at most 2 reloads");
  /* and the heap's recommendation is applied too */
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(tc_profile(report, "circuitpython-9.0.5"), "heap");
  const cJSON *my_heap = cJSON_GetObjectItemCaseSensitive(p, "heap");
  ck_assert_str_eq(tc_str(heap, "verdict"), "UNSAFE");
  ck_assert_msg(tc_int(my_heap, "size_bytes") == tc_int(heap, "recommended_bytes"),
                "the report recommends MEM_SIZE %ld for 9.0.5, the test profile has %ld: update "
                "tests/profiles/circuitpython-9.0.5-recommended/lwipopts.h",
                tc_int(heap, "recommended_bytes"), tc_int(my_heap, "size_bytes"));
  ck_assert_str_eq(tc_str(my_heap, "verdict"), "MARGINAL");
  ck_assert_int_eq(tc_int(my_heap, "failed"), 0);
  /* every other pool the report calls UNSAFE for 9.0.5 has its recommendation applied too */
  const cJSON *pool;
  cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(tc_profile(report, "circuitpython-9.0.5"), "pools"))
  {
    if (strcmp(tc_str(pool, "verdict"), "UNSAFE") == 0) {
      const cJSON *mine = tc_pool(p, tc_str(pool, "name"));
      ck_assert_msg(tc_int(mine, "size") == tc_int(pool, "recommended"), "%s: recommended %ld, test profile %ld",
                    tc_str(pool, "name"), tc_int(pool, "recommended"), tc_int(mine, "size"));
      ck_assert_str_ne(tc_str(mine, "verdict"), "UNSAFE");
    }
  }
  const cJSON *s;
  int n = 0;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(p, "scenarios"))
  {
    ck_assert_str_eq(tc_str(cJSON_GetObjectItemCaseSensitive(s, "faithful"), "outcome"), "ok");
    n++;
  }
  ck_assert_int_eq(n, tc_int(cJSON_GetObjectItemCaseSensitive(report, "summary"), "scenarios"));
  cJSON_Delete(r);
  tc_rmtree(dir);
}
END_TEST

Suite *report_suite(void)
{
  Suite *s = suite_create("report");
  TCase *tc = tcase_create("bundled");
  tcase_add_unchecked_fixture(tc, run_report, free_report);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_report_written_for_bundled_profiles);
  tcase_add_test(tc, test_report_circuitpython_905_sys_timeout_unsafe);
  tcase_add_test(tc, test_report_circuitpython_10_has_no_count_limit);
  tcase_add_test(tc, test_report_pico_examples_httpd_verdict);
  tcase_add_test(tc, test_report_junit_one_case_per_pool);
  tcase_add_test(tc, test_report_html_self_contained);
  tcase_add_test(tc, test_report_impact_column);
  tcase_add_test(tc, test_report_deterministic);
  tcase_add_test(tc, test_report_gate_exit_codes);
  tcase_add_test(tc, test_report_recommended_profile_is_ok);
  suite_add_tcase(s, tc);
  return s;
}
