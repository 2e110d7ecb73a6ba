/* lwipsim compare's two halves: reading stats_display() text out of a
 * serial log (sim/compare/stats_text.c) and judging it against a record
 * (sim/compare/compare.c). */
#include "compare/test_compare.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "compare/compare.h"
#include "compare/stats_text.h"
#include "test_common.h"

static char tmp_root[256];
static char path[512];
static char err[512];
static struct lwipsim_stats_dumps dumps;

static void setup(void) { ck_assert_int_eq(tc_mkdtemp(tmp_root, sizeof tmp_root), 0); }
static void teardown(void) { tc_rmtree(tmp_root); }

static int read_text(const char *text)
{
  snprintf(path, sizeof path, "%s/serial.log", tmp_root);
  tc_write_text(path, text);
  err[0] = '\0';
  return lwipsim_stats_read(path, &dumps, err, sizeof err);
}

/* err is "PATH:LINE: rest": the part after the path */
static const char *after_path(void) { return strncmp(err, path, strlen(path)) == 0 ? err + strlen(path) : err; }

/* As lwIP 2.2.1's stats_display_mem prints a block (src/core/stats.c:105-113):
 * "\nMEM %s\n\t" then "avail: %u\n\t", "used: ", "max: ", "err: %u\n". */
#define BLOCK(name, a, u, m, e) "\nMEM " name "\n\tavail: " #a "\n\tused: " #u "\n\tmax: " #m "\n\terr: " #e "\n"

START_TEST(test_stats_one_dump_among_other_text)
{
  ck_assert_int_eq(read_text("I (120) wifi: connected\r\n"
                             "MEM allocation looks fine\n" /* "MEM ..." text that is not a block */
                             "\nTCP\n\txmit: 10\n\trecv: 12\n" BLOCK("MEM", 4000, 120, 3120, 0)
                                 BLOCK("TCP_PCB", 5, 1, 5, 0) BLOCK("PBUF_REF/ROM", 16, 0, 2, 0)
                                     BLOCK("SYS_TIMEOUT", 11, 9, 11, 3) "I (900) app: done\n"),
                   0);
  ck_assert_uint_eq(dumps.n, 1);
  ck_assert_uint_eq(dumps.dump[0].n, 4);
  const struct lwipsim_stats_entry *e = lwipsim_stats_find(&dumps.dump[0], "SYS_TIMEOUT");
  ck_assert_ptr_nonnull(e);
  ck_assert_uint_eq(e->avail, 11);
  ck_assert_uint_eq(e->used, 9);
  ck_assert_uint_eq(e->max, 11);
  ck_assert_uint_eq(e->err, 3);
  ck_assert_str_eq(dumps.dump[0].entries[2].name, "PBUF_REF/ROM");
  ck_assert_uint_eq(dumps.dump[0].entries[0].max, 3120);
}
END_TEST

/* a serial console's CR LF, and a second stats_display() later in the log */
START_TEST(test_stats_two_dumps_split_on_a_repeated_pool)
{
  ck_assert_int_eq(
      read_text("MEM TCP_PCB\r\n\tavail: 5\r\n\tused: 1\r\n\tmax: 2\r\n\terr: 0\r\n" BLOCK(
          "SYS_TIMEOUT", 11, 7, 8, 0) "uptime 60 s\n" BLOCK("TCP_PCB", 5, 0, 4, 0) BLOCK("SYS_TIMEOUT", 11, 7, 10, 0)),
      0);
  ck_assert_uint_eq(dumps.n, 2);
  ck_assert_uint_eq(dumps.dump[0].line, 1);
  ck_assert_uint_eq(lwipsim_stats_find(&dumps.dump[0], "TCP_PCB")->max, 2);
  ck_assert_uint_eq(lwipsim_stats_find(&dumps.dump[1], "TCP_PCB")->max, 4);
  ck_assert_uint_eq(lwipsim_stats_find(&dumps.dump[1], "SYS_TIMEOUT")->max, 10);
}
END_TEST

START_TEST(test_stats_errors_name_file_and_line)
{
  /* cut short inside a block */
  ck_assert_int_eq(read_text("boot\n\nMEM TCP_PCB\n\tavail: 5\n\tused: 1\n"), -1);
  ck_assert_str_eq(after_path(), ":5: the file ends inside MEM TCP_PCB, after 'used'; the stats dump is cut short");
  /* a field out of order */
  ck_assert_int_eq(read_text("MEM TCP_PCB\n\tavail: 5\n\tmax: 1\n\tused: 0\n\terr: 0\n"), -1);
  ck_assert_str_eq(after_path(), ":3: MEM TCP_PCB: expected 'used: N' after 'avail', found 'max: 1'");
  /* not a number, and a number lwIP's counters cannot hold */
  ck_assert_int_eq(read_text("MEM TCP_PCB\n\tavail: 5\n\tused: 1x\n"), -1);
  ck_assert_str_eq(after_path(), ":3: MEM TCP_PCB: used '1x' is not a number");
  ck_assert_int_eq(read_text("MEM TCP_PCB\n\tavail: 4294967296\n"), -1);
  ck_assert_str_eq(after_path(), ":2: MEM TCP_PCB: avail '4294967296' is larger than lwIP's counters hold");
  /* no dump at all */
  ck_assert_int_eq(read_text("just a boot log\nMEM nothing here\n"), -1);
  ck_assert_ptr_nonnull(strstr(err, ": no lwIP stats in it (no 'MEM <pool>' block of stats_display())"));
  /* not a file */
  ck_assert_int_eq(lwipsim_stats_read(tmp_root, &dumps, err, sizeof err), -1);
  ck_assert_ptr_nonnull(strstr(err, ": not a regular file"));
}
END_TEST

static cJSON *record(void)
{
  /* a record's shape (docs/run-record.md): TCP_PCB peaks at 5 at 4 s; SYS_TIMEOUT
   * fails first at 9 s; PBUF_POOL is heap-backed (size null) */
  return cJSON_Parse("{\"pools\": ["
                     "{\"name\": \"TCP_PCB\", \"size\": 5, \"configured\": 5, \"peak\": 5, \"failed\": 0,"
                     " \"first_failure_ms\": null, \"timeline\": [[1000, 2], [4000, 5], [6000, 1]]},"
                     "{\"name\": \"SYS_TIMEOUT\", \"size\": 11, \"configured\": 11, \"peak\": 11, \"failed\": 2,"
                     " \"first_failure_ms\": 9000, \"timeline\": [[0, 6], [8000, 11]]},"
                     "{\"name\": \"PBUF\", \"size\": 16, \"configured\": 16, \"peak\": 2, \"failed\": 0,"
                     " \"first_failure_ms\": null, \"timeline\": [[500, 2], [700, 0]]}],"
                     " \"heap\": {\"budget_bytes\": 4000, \"peak_bytes\": 3000, \"failed\": 0}}");
}

static const struct lwipsim_compare_row *row(const struct lwipsim_compare *c, const char *pool)
{
  for (size_t i = 0; i < c->n; i++) {
    if (strcmp(c->rows[i].pool, pool) == 0) {
      return &c->rows[i];
    }
  }
  ck_abort_msg("no row %s", pool);
  return NULL;
}

START_TEST(test_compare_flags_each_kind)
{
  static struct lwipsim_compare c;
  cJSON *r = record();
  ck_assert_ptr_nonnull(r);

  /* the device saw what the run saw: agree (PBUF_REF/ROM is PBUF, MEM the heap) */
  ck_assert_int_eq(read_text(BLOCK("MEM", 4000, 10, 2500, 0) BLOCK("TCP_PCB", 5, 0, 5, 0)
                                 BLOCK("SYS_TIMEOUT", 11, 11, 11, 4) BLOCK("PBUF_REF/ROM", 16, 0, 2, 0)),
                   0);
  lwipsim_compare_dump(&dumps.dump[0], r, -1, 0, &c);
  ck_assert_uint_eq(c.disagree, 0);
  ck_assert_int_eq(row(&c, "PBUF")->flag, LWIPSIM_CMP_AGREE);
  ck_assert_int_eq(row(&c, "HEAP")->flag, LWIPSIM_CMP_NOT_COMPARED);
  ck_assert_int_eq(row(&c, "HEAP")->sim_peak, 3000);

  /* one more TCP_PCB on the device: flagged, unless the tolerance covers it */
  ck_assert_int_eq(read_text(BLOCK("TCP_PCB", 5, 0, 6, 0) BLOCK("SYS_TIMEOUT", 11, 11, 11, 4)), 0);
  lwipsim_compare_dump(&dumps.dump[0], r, -1, 0, &c);
  ck_assert_uint_eq(c.disagree, 1);
  ck_assert_int_eq(row(&c, "TCP_PCB")->flag, LWIPSIM_CMP_DEVICE_ABOVE);
  ck_assert_int_eq(row(&c, "PBUF")->flag, LWIPSIM_CMP_NOT_COMPARED); /* not in this dump */
  lwipsim_compare_dump(&dumps.dump[0], r, -1, 1, &c);
  ck_assert_uint_eq(c.disagree, 0);

  /* the simulation failed and the device did not; the device failed where the run did not */
  ck_assert_int_eq(read_text(BLOCK("TCP_PCB", 5, 0, 5, 2) BLOCK("SYS_TIMEOUT", 12, 11, 11, 0)), 0);
  lwipsim_compare_dump(&dumps.dump[0], r, -1, 0, &c);
  ck_assert_uint_eq(c.disagree, 2);
  ck_assert_int_eq(row(&c, "TCP_PCB")->flag, LWIPSIM_CMP_DEVICE_FAILED);
  ck_assert_int_eq(row(&c, "SYS_TIMEOUT")->flag, LWIPSIM_CMP_SIM_FAILED);
  ck_assert_int_eq(row(&c, "SYS_TIMEOUT")->size_differs, 1);
  cJSON_Delete(r);
}
END_TEST

/* a dump taken at a time: the run up to then, from the timeline */
START_TEST(test_compare_at_a_time_uses_the_timeline)
{
  static struct lwipsim_compare c;
  cJSON *r = record();
  ck_assert_int_eq(read_text(BLOCK("TCP_PCB", 5, 2, 2, 0) BLOCK("SYS_TIMEOUT", 11, 6, 6, 0)), 0);
  /* at 2 s: TCP_PCB had reached 2, SYS_TIMEOUT 6, nothing failed yet */
  lwipsim_compare_dump(&dumps.dump[0], r, 2000, 0, &c);
  ck_assert_uint_eq(c.disagree, 0);
  ck_assert_int_eq(row(&c, "TCP_PCB")->sim_peak, 2);
  ck_assert_int_eq(row(&c, "TCP_PCB")->sim_level, 2);
  ck_assert_int_eq(row(&c, "SYS_TIMEOUT")->sim_failed, 0);
  /* the same dump at 1 s: TCP_PCB was at 2 already (the point at 1000 ms) */
  lwipsim_compare_dump(&dumps.dump[0], r, 999, 0, &c);
  ck_assert_int_eq(row(&c, "TCP_PCB")->flag, LWIPSIM_CMP_DEVICE_ABOVE);
  /* at 10 s the run had failed SYS_TIMEOUT and this device had not */
  lwipsim_compare_dump(&dumps.dump[0], r, 10000, 0, &c);
  ck_assert_int_eq(row(&c, "SYS_TIMEOUT")->flag, LWIPSIM_CMP_SIM_FAILED);
  ck_assert_int_eq(row(&c, "TCP_PCB")->sim_level, 1);
  cJSON_Delete(r);
}
END_TEST

Suite *compare_suite(void)
{
  Suite *s = suite_create("compare");
  TCase *tc = tcase_create("compare");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_stats_one_dump_among_other_text);
  tcase_add_test(tc, test_stats_two_dumps_split_on_a_repeated_pool);
  tcase_add_test(tc, test_stats_errors_name_file_and_line);
  tcase_add_test(tc, test_compare_flags_each_kind);
  tcase_add_test(tc, test_compare_at_a_time_uses_the_timeline);
  suite_add_tcase(s, tc);
  return s;
}
