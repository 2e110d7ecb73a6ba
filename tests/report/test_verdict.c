/* Verdicts, recommended values and paste lines from hand-built records,
 * including the options/worst_case keys runners are gaining. */
#include "test_report.h"

#include <check.h>
#include <stdlib.h>

#include "report/pool_macros.h"
#include "report/report_build.h"
#include "report/sweep_row.h"
#include "report/verdict.h"
#include "test_common.h"

static struct lwipsim_verdict_out decide_r(long size, long demand, long bound, long floor, long reloads)
{
  struct lwipsim_verdict_in in = { size, demand, bound, floor, reloads };
  struct lwipsim_verdict_out out;
  lwipsim_verdict_decide(&in, &out);
  return out;
}

static struct lwipsim_verdict_out decide(long size, long demand, long bound, long floor)
{
  struct lwipsim_verdict_in in = { size, demand, bound, floor, -1 };
  struct lwipsim_verdict_out out;
  lwipsim_verdict_decide(&in, &out);
  return out;
}

START_TEST(test_verdict_rules)
{
  struct lwipsim_verdict_out o = decide(11, 13, -1, -1);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_UNSAFE);
  ck_assert_int_eq(o.recommended, 13);
  o = decide(13, 13, -1, -1);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_MARGINAL); /* covers demand, no bound known */
  ck_assert_str_eq(o.missing, "no bound known");
  o = decide(13, 13, 17, -1);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_MARGINAL);
  ck_assert_int_eq(o.recommended, 17);
  ck_assert_str_eq(o.missing, "size below the worst case 17");
  o = decide(17, 13, 17, -1);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_SAFE);
  ck_assert_str_eq(o.missing, "");
  /* a bound counted for the script's 2 reloads says nothing of a third: never SAFE */
  o = decide_r(23, 16, 23, -1, 2);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_MARGINAL);
  ck_assert_str_eq(o.missing, "bound assumes at most 2 reloads");
  /* a bound below the observed demand never lowers the recommendation */
  o = decide(8, 9, 5, -1);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_UNSAFE);
  ck_assert_int_eq(o.recommended, 9);
  /* lwIP refuses MEMP_NUM_SYS_TIMEOUT below its core count */
  o = decide(11, 3, -1, 7);
  ck_assert_int_eq(o.recommended, 7);
  o = decide(-1, 13, -1, 7);
  ck_assert_int_eq(o.verdict, LWIPSIM_VERDICT_NO_LIMIT);
  ck_assert_int_eq(o.recommended, 13);
  ck_assert_str_eq(lwipsim_verdict_name(LWIPSIM_VERDICT_MARGINAL), "MARGINAL");
  ck_assert_int_eq(lwipsim_verdict_parse("UNSAFE"), LWIPSIM_VERDICT_UNSAFE);
  ck_assert_int_eq(lwipsim_verdict_parse("BOGUS"), -1);
}
END_TEST

START_TEST(test_verdict_paste_lines)
{
  char line[160];
  ck_assert_int_eq(lwipsim_paste_line("SYS_TIMEOUT", 13, NULL, line, sizeof line), 0);
  ck_assert_str_eq(line, "#define MEMP_NUM_SYS_TIMEOUT 13");
  cJSON *opts = cJSON_Parse("{\"LWIP_NUM_SYS_TIMEOUT_INTERNAL\": 7}");
  ck_assert_int_eq(lwipsim_paste_line("SYS_TIMEOUT", 19, opts, line, sizeof line), 0);
  ck_assert_str_eq(line, "#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 12)");
  ck_assert_int_eq(lwipsim_paste_line("SYS_TIMEOUT", 7, opts, line, sizeof line), 0);
  ck_assert_str_eq(line, "#define MEMP_NUM_SYS_TIMEOUT LWIP_NUM_SYS_TIMEOUT_INTERNAL");
  ck_assert_int_eq(lwipsim_paste_line("PBUF_POOL", 30, opts, line, sizeof line), 0);
  ck_assert_str_eq(line, "#define PBUF_POOL_SIZE 30");
  ck_assert_int_eq(lwipsim_paste_line("IP6_REASSDATA", 6, NULL, line, sizeof line), 0);
  ck_assert_str_eq(line, "#define MEMP_NUM_REASSDATA 6");
  ck_assert_int_eq(lwipsim_paste_line("NOT_A_POOL", 1, NULL, line, sizeof line), -1);
  cJSON_Delete(opts);
}
END_TEST

/* A record with one SYS_TIMEOUT and one TCP_PCB pool. */
static cJSON *record(const char *mode, long size, long peak, const char *worst_case, long tcp_peak)
{
  char text[2048];
  snprintf(text, sizeof text,
           "{\"profile\": \"p\", \"scenario\": \"s\", \"mode\": \"%s\", \"outcome\": \"ok\", \"exit_code\": 0,"
           " \"duration_ms\": 1000, \"end_time_ms\": 1000, \"panic\": null, \"crash\": null, \"heap\": null,"
           " \"options\": {\"LWIP_NUM_SYS_TIMEOUT_INTERNAL\": 7, \"MEMP_MEM_MALLOC\": 0},"
           " \"sys_timeout\": {\"at_peak\": null, \"at_first_failure\": null},"
           " \"pools\": [{\"name\": \"SYS_TIMEOUT\", \"size\": %ld, \"configured\": %ld, \"elem_bytes\": 32,"
           " \"peak\": %ld, \"failed\": 0, \"first_failure_ms\": null, \"failure_sites\": [],"
           " \"timeline\": [[0, 1], [500, %ld]], \"worst_case\": %s},"
           " {\"name\": \"TCP_PCB\", \"size\": 5, \"configured\": 5, \"elem_bytes\": 224, \"peak\": %ld, \"failed\": 0,"
           " \"first_failure_ms\": null, \"failure_sites\": [], \"timeline\": [],"
           " \"worst_case\": {\"value\": 3, \"basis\": \"sockets of the device script\", \"terms\": []}}]}",
           mode, size, size, peak, peak, worst_case, tcp_peak);
  cJSON *r = cJSON_Parse(text);
  ck_assert_ptr_nonnull(r);
  return r;
}

static cJSON *input_with(cJSON *faithful, cJSON *demand)
{
  cJSON *in = cJSON_Parse("{\"scenarios\": [{\"name\": \"s\", \"description\": \"\"}], \"profiles\": [{\"name\": \"p\","
                          " \"lwip_version\": \"2.2.1\", \"assert_policy\": \"panic\", \"description\": \"d\","
                          " \"runs\": [{\"scenario\": \"s\"}], \"sweeps\": []}]}");
  cJSON *run = cJSON_GetArrayItem(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(in, "profiles"), 0), "runs"),
      0);
  cJSON_AddItemToObject(run, "faithful", faithful);
  cJSON_AddItemToObject(run, "demand", demand);
  return in;
}

START_TEST(test_verdict_uses_worst_case_and_options)
{
  const char *wc =
      "{\"value\": 17, \"basis\": \"cyclic + TCP + mDNS\", \"terms\": [{\"what\": \"mDNS\", \"count\": 6}]}";
  cJSON *in = input_with(record("faithful", 11, 11, wc, 2), record("demand", 11, 13, wc, 2));
  cJSON *rep = lwipsim_report_build(in);
  const cJSON *p = tc_profile(rep, "p");
  const cJSON *st = tc_pool(p, "SYS_TIMEOUT");
  ck_assert_str_eq(tc_str(st, "verdict"), "UNSAFE");
  ck_assert_int_eq(tc_int(st, "demand"), 13);
  ck_assert_int_eq(tc_int(st, "recommended"), 17);
  ck_assert_str_eq(tc_str(st, "paste"), "#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 10)");
  ck_assert_str_eq(tc_str(cJSON_GetObjectItemCaseSensitive(st, "bound"), "basis"), "cyclic + TCP + mDNS");
  ck_assert_int_eq(tc_int(st, "ram_change_bytes"), 6 * 32);
  const cJSON *tcp = tc_pool(p, "TCP_PCB");
  ck_assert_str_eq(tc_str(tcp, "verdict"), "SAFE"); /* 5 covers the bound 3 */
  ck_assert_int_eq(tc_int(tcp, "recommended"), 3);
  ck_assert_str_eq(tc_str(p, "verdict"), "UNSAFE");
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(rep, "summary");
  ck_assert_int_eq(tc_int(sum, "unsafe"), 1);
  ck_assert_int_eq(tc_int(sum, "safe"), 1);
  ck_assert_int_eq(lwipsim_report_gate_count(rep, 0), 1);
  cJSON_Delete(rep);
  cJSON_Delete(in);
}
END_TEST

START_TEST(test_verdict_without_worst_case)
{
  /* Records as runners write them before they report bounds: no options, no worst_case. */
  cJSON *f = record("faithful", 13, 13, "null", 2), *d = record("demand", 13, 13, "null", 2);
  cJSON_DeleteItemFromObject(f, "options");
  cJSON_DeleteItemFromObject(d, "options");
  cJSON *in = input_with(f, d);
  cJSON *rep = lwipsim_report_build(in);
  const cJSON *st = tc_pool(tc_profile(rep, "p"), "SYS_TIMEOUT");
  ck_assert_str_eq(tc_str(st, "verdict"), "MARGINAL");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(st, "bound")));
  ck_assert_int_eq(tc_int(st, "recommended"), 13);
  ck_assert_str_eq(tc_str(st, "paste"), "#define MEMP_NUM_SYS_TIMEOUT 13");
  ck_assert_int_eq(lwipsim_report_gate_count(rep, 0), 0);
  ck_assert_int_eq(lwipsim_report_gate_count(rep, 1), 1); /* TCP_PCB still has its bound: SAFE */
  cJSON_Delete(rep);
  cJSON_Delete(in);
}
END_TEST

START_TEST(test_verdict_sweep_smallest_ok)
{
  cJSON *s = cJSON_Parse("[{\"rows\": [{\"value\": 10, \"outcome\": \"panic\"}, {\"value\": 11, \"outcome\": \"ok\"},"
                         " {\"value\": 12, \"outcome\": \"panic\"}, {\"value\": 13, \"outcome\": \"ok\"},"
                         " {\"value\": 14, \"outcome\": \"ok\"}]}]");
  ck_assert_int_eq(lwipsim_sweep_smallest_ok(s), 13); /* 11 is ok by luck; 12 is not */
  cJSON_Delete(s);
  s = cJSON_Parse("[{\"rows\": [{\"value\": 10, \"outcome\": \"ok\"}, {\"value\": 11, \"outcome\": \"panic\"}]}]");
  ck_assert_int_eq(lwipsim_sweep_smallest_ok(s), -1);
  cJSON_Delete(s);
}
END_TEST

Suite *verdict_suite(void)
{
  Suite *s = suite_create("verdict");
  TCase *tc = tcase_create("verdict");
  tcase_add_test(tc, test_verdict_rules);
  tcase_add_test(tc, test_verdict_paste_lines);
  tcase_add_test(tc, test_verdict_uses_worst_case_and_options);
  tcase_add_test(tc, test_verdict_without_worst_case);
  tcase_add_test(tc, test_verdict_sweep_smallest_ok);
  suite_add_tcase(s, tc);
  return s;
}
