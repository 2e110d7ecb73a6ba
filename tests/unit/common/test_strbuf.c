/* common/strbuf.c: lwipsim_sb_fixed1 prints what "%.1f" prints, byte for
 * byte (report.html's SVG coordinates must not change), lwipsim_sb_long
 * what "%lld" prints (common/decimal.c, the run record's integers too), and
 * lwipsim_sb_printf appends what snprintf makes, whether it fits the room
 * left or the buffer grows. */
#include "common/test_strbuf.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/strbuf.h"

/* 1 when fixed1 and snprintf agree on v; the failing value is named */
static int same_as_printf(double v)
{
  char want[400]; /* 1e308 has 309 digits */
  snprintf(want, sizeof want, "%.1f", v);
  struct lwipsim_sb b = { 0 };
  lwipsim_sb_fixed1(&b, v);
  int same = b.s != NULL && strcmp(b.s, want) == 0;
  if (!same) {
    fprintf(stderr, "fixed1(%.17g) = '%s', printf: '%s'\n", v, b.s ? b.s : "(null)", want);
  }
  lwipsim_sb_free(&b);
  return same;
}

/* xorshift64: the same values on every run */
static uint64_t next(uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

START_TEST(fixed1_edges)
{
  /* exact ties (x.x5 that binary holds exactly: quarters) round to even;
   * the nearest doubles to 0.05, 0.15 ... lie off the tie either side */
  static const double v[] = { 0.0,
                              -0.0,
                              0.25,
                              0.75,
                              1.25,
                              2.25,
                              -0.25,
                              -0.75,
                              0.05,
                              0.15,
                              0.35,
                              0.45,
                              -0.05,
                              -0.04,
                              -0.049,
                              0.049999,
                              0.95,
                              9.95,
                              99.95,
                              -99.95,
                              999.95,
                              123.45,
                              48.0,
                              586.0,
                              1e-300,
                              -1e-300,
                              4.9e-324,
                              -4.9e-324,
                              DBL_MIN,
                              0.0039,
                              0.005,
                              0.0625,
                              1e14,
                              999999999999999.0,
                              1e15,
                              -1e15,
                              1e300,
                              -1e300,
                              INFINITY,
                              -INFINITY,
                              NAN,
                              0.5,
                              1.5,
                              2.5,
                              9007199254740992.0,
                              0.1,
                              0.2,
                              0.3 };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    ck_assert_msg(same_as_printf(v[i]), "value %zu", i);
  }
}
END_TEST

START_TEST(fixed1_plot_coordinates)
{
  /* the values svg_plot.c makes: 48 + x * 538 / xmax and 22 + 154 - y * 154 / ymax */
  for (long xmax = 1; xmax <= 3000; xmax += 7) {
    for (long x = -3; x <= xmax + 3; x++) {
      ck_assert(same_as_printf(48 + (double)x * 538 / (double)xmax));
      ck_assert(same_as_printf(22 + 154 - (double)x * 154 / (double)xmax));
    }
  }
}
END_TEST

START_TEST(fixed1_random)
{
  uint64_t s = 0x9e3779b97f4a7c15u;
  for (int i = 0; i < 200000; i++) {
    uint64_t r = next(&s);
    /* hundredths and thousandths near ties, any double's bits in range, and scaled integers */
    ck_assert(same_as_printf((double)(int64_t)(r % 2000001 - 1000000) / 100.0));
    ck_assert(same_as_printf((double)(int64_t)(r % 20000001 - 10000000) / 1000.0));
    double d;
    uint64_t bits = next(&s);
    memcpy(&d, &bits, sizeof d);
    ck_assert(same_as_printf(d));
    ck_assert(same_as_printf(ldexp((double)(r >> 11), -(int)(r % 70))));
  }
}
END_TEST

START_TEST(long_as_printf)
{
  static const long long v[] = {
    0, 1, -1, 9, 10, -10, 99, 100, 123456789, -987654321, 999999999999999LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1
  };
  uint64_t s = 12345;
  for (size_t i = 0; i < sizeof v / sizeof v[0] + 100000; i++) {
    long long x = i < sizeof v / sizeof v[0] ? v[i] : (long long)next(&s) >> (next(&s) % 64);
    char want[32];
    snprintf(want, sizeof want, "%lld", x);
    struct lwipsim_sb b = { 0 };
    lwipsim_sb_long(&b, x);
    ck_assert_str_eq(b.s, want);
    lwipsim_sb_free(&b);
  }
}
END_TEST

START_TEST(printf_fits_and_grows)
{
  struct lwipsim_sb b = { 0 };
  char want[8192] = "";
  for (int i = 0; i < 300; i++) {
    /* short appends fill the room; every 37th is longer than what is left */
    int wide = i % 37 == 0 ? 200 : 1;
    lwipsim_sb_printf(&b, "%*d,", wide, i);
    snprintf(want + strlen(want), sizeof want - strlen(want), "%*d,", wide, i);
    ck_assert_uint_eq(b.len, strlen(want));
    ck_assert_str_eq(b.s, want);
  }
  lwipsim_sb_printf(&b, "%s", "");
  ck_assert_str_eq(b.s, want);
  ck_assert_int_eq(b.oom, 0);
  lwipsim_sb_free(&b);
}
END_TEST

Suite *strbuf_suite(void)
{
  Suite *s = suite_create("strbuf");
  TCase *tc = tcase_create("fixed1");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, fixed1_edges);
  tcase_add_test(tc, fixed1_plot_coordinates);
  tcase_add_test(tc, fixed1_random);
  tcase_add_test(tc, long_as_printf);
  tcase_add_test(tc, printf_fits_and_grows);
  suite_add_tcase(s, tc);
  return s;
}
