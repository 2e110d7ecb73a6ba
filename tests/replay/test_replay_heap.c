/* lwIP's MEM_SIZE heap counted like a pool (sim/stack/probe/heap_probe.c):
 * the record's `heap`, the HEAP row of the table and the report, the
 * demand build's large heap, `--cap HEAP=N` and `sweep --pool HEAP`. */
#include "test_replay_heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static const cJSON *heap_of(const struct tc_replay *r)
{
  ck_assert_msg(r->record != NULL, "no record; stderr: %s", r->err);
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(r->record, "heap");
  ck_assert_msg(cJSON_IsObject(h), "the record's heap is not an object");
  return h;
}

static const cJSON *first_failure(const cJSON *heap)
{
  const cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(heap, "failures"), 0);
  ck_assert_msg(cJSON_IsObject(f), "no heap failure recorded");
  return f;
}

/* CircuitPython 9.0.5 ships MEM_SIZE 4000: eight parallel clients fill it
 * (every tcp_write copies into a PBUF_RAM pbuf), and a refusal comes while
 * 1452 bytes are free in one block, for a 1540-byte pbuf. */
START_TEST(test_heap_circuitpython_905_http_concurrent)
{
  struct tc_replay r;
  tc_replay(&r, "circuitpython-9.0.5", tc_source_path("scenarios/http-concurrent"), NULL);
  const cJSON *h = heap_of(&r);
  ck_assert_str_eq(tc_str(h, "kind"), "mem.c");
  ck_assert_str_eq(tc_str(h, "bytes"), "64-bit host");
  ck_assert_int_eq(tc_int(h, "size_bytes"), 4000);
  ck_assert_int_eq(tc_int(h, "capacity_bytes"), 4000);
  ck_assert_int_eq(tc_int(h, "peak_bytes"), 4000);
  ck_assert_int_eq(tc_int(h, "largest_free_at_peak_bytes"), 0);
  ck_assert_int_eq(tc_int(h, "failed"), 12);
  const cJSON *f = first_failure(h);
  ck_assert_int_eq(tc_int(f, "bytes"), 1540);
  ck_assert_int_eq(tc_int(f, "largest_free_bytes"), 1452);
  ck_assert_int_eq(tc_int(f, "used_bytes"), 2540);
  ck_assert_str_eq(tc_str(f, "site"), "pbuf_alloc from tcp_write");
  ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(h, "timeline")), 2);
  tc_replay_free(&r);

  /* the table's HEAP row */
  char err[2048], out[600];
  snprintf(out, sizeof out, "%s/table.txt", tc_tmpdir());
  tc_lwipsim(err, sizeof err, out, "replay", "--profile", "circuitpython-9.0.5", "--scenario",
             tc_source_path("scenarios/http-concurrent"), NULL);
  char *text = tc_read_file(out, NULL);
  ck_assert_ptr_nonnull(strstr(text, "HEAP (bytes)       4000   4000      12  <-- FAILED\n"));
  ck_assert_ptr_nonnull(strstr(text, "(64-bit host bytes), largest free block at the peak 0 bytes; first refused at "
                                     "3.024 s: 1540 bytes for pbuf_alloc from tcp_write"));
  free(text);
}
END_TEST

/* The demand build compiles MEM_SIZE 64000: the need shows; capped back to
 * the profile (--profile-caps) it behaves as MEM_SIZE 4000 does, figure for
 * figure. */
START_TEST(test_heap_demand_and_capped)
{
  struct tc_replay f, d, c;
  tc_replay(&f, "circuitpython-9.0.5", tc_source_path("scenarios/http-concurrent"), NULL);
  tc_replay(&d, "circuitpython-9.0.5", tc_source_path("scenarios/http-concurrent"), "--demand", NULL);
  tc_replay(&c, "circuitpython-9.0.5", tc_source_path("scenarios/http-concurrent"), "--demand", "--profile-caps", NULL);
  const cJSON *hd = heap_of(&d), *hc = heap_of(&c), *hf = heap_of(&f);
  ck_assert_int_eq(tc_int(hd, "capacity_bytes"), 64000);
  ck_assert_int_eq(tc_int(hd, "failed"), 0);
  ck_assert_int_gt(tc_int(hd, "peak_bytes"), 4000);
  ck_assert_int_eq(tc_int(hc, "limit_bytes"), 4000);
  static const char *const same[] = { "peak_bytes", "peak_ms", "largest_free_at_peak_bytes", "failed", "trims" };
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    ck_assert_msg(tc_int(hc, same[i]) == tc_int(hf, same[i]), "%s: capped %ld, faithful %ld", same[i],
                  tc_int(hc, same[i]), tc_int(hf, same[i]));
  }
  char *a = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(hf, "failures"));
  char *b = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(hc, "failures"));
  ck_assert_str_eq(a, b);
  free(a);
  free(b);
  a = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(hf, "timeline"));
  b = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(hc, "timeline"));
  ck_assert_str_eq(a, b);
  free(a);
  free(b);
  /* the record says what the sim changed */
  int listed = 0;
  const cJSON *line;
  cJSON_ArrayForEach(line, cJSON_GetObjectItemCaseSensitive(d.record, "sim_changed_options"))
  {
    listed |= strstr(line->valuestring, "MEM_SIZE: 4000 -> 64000 (demand build") == line->valuestring;
  }
  ck_assert_msg(listed, "the demand record does not list MEM_SIZE");
  tc_replay_free(&f);
  tc_replay_free(&d);
  tc_replay_free(&c);
}
END_TEST

/* arduino-pico issue 725: one 3851-byte response in one tcp_write is
 * refused on MEM_SIZE 4000 (a failed heap allocation), not on 8192; a
 * 2920-byte one fits in 4000. */
START_TEST(test_heap_page_3851_fails_on_4000)
{
  struct tc_replay r;
  tc_replay(&r, "arduino-pico-725-mem-4000", tc_source_path("scenarios/http-page-3851"), NULL);
  const cJSON *h = heap_of(&r);
  ck_assert_int_eq(r.exit_code, 3);
  ck_assert_str_eq(tc_str(r.record, "outcome"), "pool-failure");
  ck_assert_int_eq(tc_int(h, "size_bytes"), 4000);
  ck_assert_int_ge(tc_int(h, "failed"), 1);
  /* tcp_write copies the page into MSS-sized PBUF_RAM pbufs (1460 bytes of
   * data plus headers: 1540 host bytes each): two fit, the third does not */
  const cJSON *f = first_failure(h);
  ck_assert_int_eq(tc_int(f, "bytes"), 1540);
  ck_assert_int_eq(tc_int(f, "used_bytes"), 3156);
  ck_assert_int_eq(tc_int(f, "largest_free_bytes"), 836);
  ck_assert_int_gt(tc_int(f, "used_bytes") + tc_int(f, "bytes"), 4000);
  ck_assert_str_eq(tc_str(f, "site"), "pbuf_alloc from tcp_write");
  ck_assert_int_eq(tc_int(h, "peak_bytes"), 3156);
  ck_assert_int_eq(tc_int(h, "largest_free_at_peak_bytes"), 836);
  tc_replay_free(&r);

  tc_replay(&r, "arduino-pico-725-mem-8192", tc_source_path("scenarios/http-page-3851"), NULL);
  h = heap_of(&r);
  ck_assert_int_eq(r.exit_code, 0);
  ck_assert_int_eq(tc_int(h, "size_bytes"), 8192);
  ck_assert_int_eq(tc_int(h, "failed"), 0);
  ck_assert_int_gt(tc_int(h, "peak_bytes"), 3851);
  tc_replay_free(&r);

  tc_replay(&r, "arduino-pico-725-mem-4000", tc_source_path("tests/scenarios/http-page-2920"), NULL);
  h = heap_of(&r);
  ck_assert_int_eq(r.exit_code, 0);
  ck_assert_int_eq(tc_int(h, "failed"), 0);
  ck_assert_int_gt(tc_int(h, "peak_bytes"), 2920);
  ck_assert_int_le(tc_int(h, "peak_bytes"), 4000);
  tc_replay_free(&r);
}
END_TEST

/* The report's HEAP row: UNSAFE where the page is refused, MARGINAL (no
 * bound known, never SAFE) where it held, with the line to paste. */
static cJSON *report_of(const char *profile, const char *scenario, char *dir, size_t cap)
{
  snprintf(dir, cap, "%s", tc_tmpdir());
  char err[4096];
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile", profile, "--scenario",
                      tc_source_path(scenario), NULL);
  ck_assert_msg(rc == 0, "report exited %d: %s", rc, err);
  char path[700];
  snprintf(path, sizeof path, "%s/report.json", dir);
  char *text = tc_read_file(path, NULL);
  cJSON *j = text ? cJSON_Parse(text) : NULL;
  free(text);
  ck_assert_ptr_nonnull(j);
  return j;
}

static const cJSON *report_heap(const cJSON *report)
{
  const cJSON *p = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "profiles"), 0);
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(p, "heap");
  ck_assert(cJSON_IsObject(h));
  return h;
}

START_TEST(test_heap_report_rows)
{
  char dir[600], path[700];
  cJSON *rep = report_of("arduino-pico-725-mem-4000", "scenarios/http-page-3851", dir, sizeof dir);
  const cJSON *h = report_heap(rep);
  ck_assert_str_eq(tc_str(h, "verdict"), "UNSAFE");
  ck_assert_int_eq(tc_int(h, "size_bytes"), 4000);
  ck_assert_int_gt(tc_int(h, "demand_bytes"), 3851);
  ck_assert_int_ge(tc_int(h, "failed"), 1);
  long rec = tc_int(h, "recommended_bytes");
  ck_assert_int_ge(rec, tc_int(h, "demand_bytes") * 125 / 100);
  ck_assert_int_eq(rec % 256, 0);
  char paste[64];
  snprintf(paste, sizeof paste, "#define MEM_SIZE %ld", rec);
  ck_assert_str_eq(tc_str(h, "paste"), paste);
  snprintf(path, sizeof path, "%s/report.md", dir);
  char *md = tc_read_file(path, NULL);
  ck_assert_ptr_nonnull(strstr(md, "| HEAP (bytes) | 4000 (MEM_SIZE, 64-bit host bytes) | "));
  ck_assert_ptr_nonnull(strstr(md, "**UNSAFE**"));
  ck_assert_ptr_nonnull(strstr(md, paste));
  free(md);
  cJSON_Delete(rep);

  rep = report_of("arduino-pico-725-mem-8192", "scenarios/http-page-3851", dir, sizeof dir);
  h = report_heap(rep);
  ck_assert_str_eq(tc_str(h, "verdict"), "MARGINAL");
  ck_assert_str_eq(tc_str(h, "missing"), "no bound known");
  ck_assert_int_eq(tc_int(h, "failed"), 0);
  cJSON_Delete(rep);
}
END_TEST

/* CircuitPython 10.0.0-alpha.4's heap (a custom allocator's budget) held:
 * MARGINAL, naming what is missing, not SAFE. */
START_TEST(test_heap_circuitpython_10_marginal)
{
  char dir[600], path[700];
  cJSON *rep = report_of("circuitpython-10.0.0-alpha.4", "scenarios/mdns-http-reload", dir, sizeof dir);
  const cJSON *h = report_heap(rep);
  ck_assert_str_eq(tc_str(h, "kind"), "budget");
  ck_assert_int_eq(tc_int(h, "size_bytes"), 32768);
  ck_assert_str_eq(tc_str(h, "verdict"), "MARGINAL");
  ck_assert_str_eq(tc_str(h, "missing"), "no bound known");
  snprintf(path, sizeof path, "%s/report.md", dir);
  char *md = tc_read_file(path, NULL);
  ck_assert_ptr_nonnull(strstr(md, "**MARGINAL** (no bound known)"));
  ck_assert_ptr_nonnull(strstr(md, "| HEAP (bytes) | 32768 (budget, 64-bit host bytes) | "));
  free(md);
  cJSON_Delete(rep);
}
END_TEST

/* sweep --pool HEAP: a row below the demand fails on the heap, rows from
 * the demand on are ok. */
START_TEST(test_heap_sweep)
{
  struct tc_replay d;
  tc_replay(&d, "arduino-pico-725-mem-4000", tc_source_path("scenarios/http-page-3851"), "--demand", NULL);
  long demand = tc_int(heap_of(&d), "peak_bytes");
  tc_replay_free(&d);
  char err[4096], json[600], range[64];
  snprintf(json, sizeof json, "%s/sweep.json", tc_tmpdir());
  snprintf(range, sizeof range, "%ld:%ld:256", demand - 256, demand + 256);
  int rc =
      tc_lwipsim(err, sizeof err, NULL, "sweep", "--profile", "arduino-pico-725-mem-4000", "--scenario",
                 tc_source_path("scenarios/http-page-3851"), "--pool", "HEAP", "--range", range, "--json", json, NULL);
  ck_assert_msg(rc == 0, "sweep exited %d: %s", rc, err);
  char *text = tc_read_file(json, NULL);
  cJSON *j = cJSON_Parse(text);
  free(text);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "rows");
  ck_assert_int_eq(cJSON_GetArraySize(rows), 3);
  const cJSON *below = cJSON_GetArrayItem(rows, 0);
  ck_assert_int_eq(tc_int(below, "value"), demand - 256);
  ck_assert_str_eq(tc_str(below, "outcome"), "pool-failure");
  ck_assert_str_eq(tc_str(below, "failed_pool"), "HEAP");
  ck_assert_str_eq(tc_str(below, "site"), "pbuf_alloc from tcp_write");
  for (int i = 1; i < 3; i++) {
    const cJSON *row = cJSON_GetArrayItem(rows, i);
    ck_assert_msg(strcmp(tc_str(row, "outcome"), "ok") == 0, "HEAP=%ld: %s", tc_int(row, "value"),
                  tc_str(row, "outcome"));
    ck_assert_int_eq(tc_int(row, "peak"), demand);
  }
  cJSON_Delete(j);
}
END_TEST

/* A custom allocator's budget swept (CircuitPython 10.0.0-alpha.4, pools on
 * the heap): the pools keep no count limit under --profile-caps, as in the
 * profile's own build, so what fails below the demand is the heap. */
START_TEST(test_heap_sweep_budget)
{
  char err[4096], json[600];
  snprintf(json, sizeof json, "%s/sweep.json", tc_tmpdir());
  int rc = tc_lwipsim(err, sizeof err, NULL, "sweep", "--profile", "circuitpython-10.0.0-alpha.4", "--scenario",
                      tc_source_path("scenarios/http-concurrent"), "--pool", "HEAP", "--range", "28000:32000:4000",
                      "--json", json, NULL);
  ck_assert_msg(rc == 0, "sweep exited %d: %s", rc, err);
  cJSON *j = tc_load_json(json);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "rows");
  ck_assert_int_eq(cJSON_GetArraySize(rows), 2);
  const cJSON *below = cJSON_GetArrayItem(rows, 0), *above = cJSON_GetArrayItem(rows, 1);
  ck_assert_str_eq(tc_str(below, "outcome"), "pool-failure");
  ck_assert_str_eq(tc_str(below, "failed_pool"), "HEAP");
  ck_assert_str_eq(tc_str(below, "site"), "pbuf_alloc from tcp_write");
  ck_assert_str_eq(tc_str(above, "outcome"), "ok");
  ck_assert_int_eq(tc_int(above, "peak"), 31468);
  cJSON_Delete(j);
}
END_TEST

/* report --sweep HEAP=LO:HI:STEP: its rows, smallest ok value and chart */
START_TEST(test_heap_report_sweep_chart)
{
  char dir[600], err[4096], path[700];
  snprintf(dir, sizeof dir, "%s", tc_tmpdir());
  int rc = tc_lwipsim(err, sizeof err, NULL, "report", "--out", dir, "--profile", "arduino-pico-725-mem-4000",
                      "--scenario", tc_source_path("scenarios/http-page-3851"), "--sweep", "HEAP=4352:5120:256", NULL);
  ck_assert_msg(rc == 0, "report exited %d: %s", rc, err);
  snprintf(path, sizeof path, "%s/report.json", dir);
  cJSON *rep = tc_load_json(path);
  const cJSON *p = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rep, "profiles"), 0);
  const cJSON *sw = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "sweeps"), 0);
  ck_assert_str_eq(tc_str(sw, "pool"), "HEAP");
  ck_assert_int_eq(tc_int(sw, "step"), 256);
  long demand = tc_int(cJSON_GetObjectItemCaseSensitive(p, "heap"), "demand_bytes");
  long ok = tc_int(sw, "smallest_ok");
  /* the first swept value at or above the demand is the first that holds */
  ck_assert_int_ge(ok, demand);
  ck_assert_int_lt(ok - 256, demand);
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sw, "scenarios"), 0), "rows");
  ck_assert_int_eq(cJSON_GetArraySize(rows), 4);
  ck_assert_str_eq(tc_str(cJSON_GetArrayItem(rows, 0), "failed_pool"), "HEAP");
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = tc_read_file(path, NULL);
  ck_assert_int_eq(tc_count(html, "<svg class=\"sweep-plot\""), 1);
  ck_assert_ptr_nonnull(strstr(html, "data-pool=\"HEAP\""));
  ck_assert_ptr_nonnull(strstr(html, "HEAP values, peaks and sizes are 64-bit host bytes, every 256 bytes."));
  free(html);
  cJSON_Delete(rep);
}
END_TEST

Suite *heap_suite(void)
{
  Suite *s = suite_create("heap");
  TCase *t = tcase_create("heap");
  tcase_set_timeout(t, 120);
  tcase_add_test(t, test_heap_circuitpython_905_http_concurrent);
  tcase_add_test(t, test_heap_demand_and_capped);
  tcase_add_test(t, test_heap_page_3851_fails_on_4000);
  tcase_add_test(t, test_heap_report_rows);
  tcase_add_test(t, test_heap_circuitpython_10_marginal);
  tcase_add_test(t, test_heap_sweep);
  tcase_add_test(t, test_heap_report_sweep_chart);
  tcase_add_test(t, test_heap_sweep_budget);
  suite_add_tcase(s, t);
  return s;
}
