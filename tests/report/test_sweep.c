/* `lwipsim sweep`: SYS_TIMEOUT 4..24 on circuitpython-9.0.5. */
#include "test_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

START_TEST(test_sweep_sys_timeout_905)
{
  const char *dir = tc_tmpdir();
  char json[600], table[600], err[4096];
  snprintf(json, sizeof json, "%s/sweep.json", dir);
  snprintf(table, sizeof table, "%s/sweep.txt", dir);
  int rc = tc_lwipsim(err, sizeof err, table, "sweep", "--profile", "circuitpython-9.0.5", "--scenario",
                      tc_source_path("scenarios/mdns-http-reload"), "--pool", "SYS_TIMEOUT", "--range", "4:24",
                      "--json", json, NULL);
  ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
  /* not a TTY: one progress line per finished run */
  ck_assert_int_eq(tc_count(err, "lwipsim sweep: ["), 21);
  cJSON *j = tc_load_json(json);
  ck_assert_str_eq(tc_str(j, "pool"), "SYS_TIMEOUT");
  ck_assert_int_eq(tc_int(j, "configured"), 11);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "rows");
  ck_assert_int_eq(cJSON_GetArraySize(rows), 21);
  for (int i = 0; i < 21; i++) {
    const cJSON *r = cJSON_GetArrayItem(rows, i);
    long v = tc_int(r, "value");
    ck_assert_int_eq(v, 4 + i); /* in value order, whatever order the runs finished in */
    if (v < 13) {
      ck_assert_msg(strcmp(tc_str(r, "outcome"), "ok") != 0, "value %ld is ok", v);
      ck_assert_str_eq(tc_str(r, "failed_pool"), "SYS_TIMEOUT");
      ck_assert_int_eq(tc_int(r, "peak"), v);
      if (v < 6) { /* below lwIP's 6 cyclic timers lwip_init itself runs dry, at 0 ms */
        ck_assert_int_eq(tc_int(r, "first_failure_ms"), 0);
        ck_assert_str_eq(tc_str(r, "site"), "lwip_init: 6 cyclic timers need 6 slots");
      }
    } else {
      /* SYS_TIMEOUT holds from 13 on; the heap (MEM_SIZE 4000, capped like every other pool) still
       * refuses a tcp_write copy at 3.006 s */
      ck_assert_msg(strcmp(tc_str(r, "outcome"), "pool-failure") == 0, "value %ld is %s", v, tc_str(r, "outcome"));
      ck_assert_int_eq(tc_int(r, "failed"), 0);
      ck_assert_str_eq(tc_str(r, "failed_pool"), "HEAP");
      ck_assert_int_eq(tc_int(r, "peak"), 13);
    }
  }
  /* at the profile's own 11 the capped run fails exactly as the faithful build does */
  const cJSON *r11 = cJSON_GetArrayItem(rows, 11 - 4);
  ck_assert_str_eq(tc_str(r11, "outcome"), "panic");
  ck_assert_int_eq(tc_int(r11, "first_failure_ms"), 10837);
  ck_assert_str_eq(tc_str(r11, "site"), "mdns_probe_and_announce");
  char *t = tc_read_file(table, NULL);
  ck_assert_ptr_nonnull(strstr(t, "pool SYS_TIMEOUT (configured 11)"));
  ck_assert_ptr_nonnull(
      strstr(t, "    11  panic               10.837 s       1     11  SYS_TIMEOUT: mdns_probe_and_announce"));
  ck_assert_ptr_nonnull(
      strstr(t, "    13  pool-failure         3.006 s       0     13  HEAP: pbuf_alloc from tcp_write"));
  ck_assert_ptr_nonnull(strstr(t,
                               "     5  panic                0.000 s       1      5  SYS_TIMEOUT: lwip_init: 6 cyclic "
                               "timers need 6 slots"));
  free(t);
  cJSON_Delete(j);
  tc_rmtree(dir);
}
END_TEST

START_TEST(test_sweep_bad_input)
{
  char err[4096];
  const char *scenario = tc_source_path("scenarios/mdns-http-reload");
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "sweep", "--profile", "circuitpython-9.0.5", "--scenario",
                              scenario, "--pool", "SYS_TIMEOUT", "--range", "9:4", NULL),
                   2);
  ck_assert_ptr_nonnull(strstr(err, "--range 9:4: expected LO:HI"));
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "sweep", "--profile", "circuitpython-9.0.5", "--scenario",
                              scenario, "--pool", "NOT_A_POOL", "--range", "1:2", "--jobs", "1", NULL),
                   2);
  ck_assert_ptr_nonnull(strstr(err, "NOT_A_POOL"));
  ck_assert_int_eq(tc_lwipsim(err, sizeof err, NULL, "sweep", "--profile", "circuitpython-9.0.5", NULL), 2);
}
END_TEST

Suite *sweep_suite(void)
{
  Suite *s = suite_create("sweep");
  TCase *tc = tcase_create("sweep");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_sweep_sys_timeout_905);
  tcase_add_test(tc, test_sweep_bad_input);
  suite_add_tcase(s, tc);
  return s;
}
