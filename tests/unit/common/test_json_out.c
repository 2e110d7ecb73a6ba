/* sim/run_record/json_out.c writes the run record in cJSON_Print's format
 * without building a tree: each case here is written with it and must be
 * what cJSON prints for the same document, byte for byte (cJSON parses the
 * text and prints it again), plus the exact bytes of a small document. */
#include "test_json_out.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run_record/json_out.h"

static void assert_cjson_prints_it(const char *text)
{
  cJSON *tree = cJSON_Parse(text);
  ck_assert_ptr_nonnull(tree);
  char *again = cJSON_Print(tree);
  ck_assert_str_eq(again, text);
  cJSON_free(again);
  cJSON_Delete(tree);
}

START_TEST(test_json_out_exact_bytes)
{
  struct lwipsim_jw w = { 0 };
  lwipsim_jw_object(&w, NULL);
  lwipsim_jw_uint(&w, "n", 7);
  lwipsim_jw_array(&w, "pts");
  lwipsim_jw_array(&w, NULL);
  lwipsim_jw_uint(&w, NULL, 0);
  lwipsim_jw_int(&w, NULL, -3);
  lwipsim_jw_end(&w);
  lwipsim_jw_end(&w);
  lwipsim_jw_array(&w, "objs");
  lwipsim_jw_object(&w, NULL);
  lwipsim_jw_null(&w, "x");
  lwipsim_jw_end(&w);
  lwipsim_jw_object(&w, NULL);
  lwipsim_jw_end(&w);
  lwipsim_jw_end(&w);
  lwipsim_jw_array(&w, "none");
  lwipsim_jw_end(&w);
  lwipsim_jw_string(&w, "skipped", NULL); /* cJSON adds no member for a NULL string */
  lwipsim_jw_string(&w, "s", "a\"b\\c\n\t\x01\xc3\xa9");
  lwipsim_jw_end(&w);
  char *text = lwipsim_jw_take(&w);
  ck_assert_str_eq(text, "{\n"
                         "\t\"n\":\t7,\n"
                         "\t\"pts\":\t[[0, -3]],\n"
                         "\t\"objs\":\t[{\n"
                         "\t\t\t\"x\":\tnull\n"
                         "\t\t}, {\n"
                         "\t\t}],\n"
                         "\t\"none\":\t[],\n"
                         "\t\"s\":\t\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\"\n"
                         "}");
  assert_cjson_prints_it(text);
  free(text);
}
END_TEST

/* Numbers as cJSON prints the double they become: digits up to 10^15 - 1,
 * "%1.15g" from 10^15 on, "%1.17g" where 15 digits do not read back. */
START_TEST(test_json_out_numbers_as_cjson)
{
  static const uint64_t u[] = { 0,
                                1,
                                2147483647u,
                                2147483648u,
                                4000000000u,
                                999999999999999ull,
                                1000000000000000ull,
                                1234567890123456789ull,
                                UINT64_MAX };
  static const int64_t s[] = { -1, INT32_MIN, -999999999999999ll, -1000000000000000ll, INT64_MIN };
  struct lwipsim_jw w = { 0 };
  lwipsim_jw_object(&w, NULL);
  lwipsim_jw_array(&w, "u");
  for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
    lwipsim_jw_uint(&w, NULL, u[i]);
  }
  lwipsim_jw_end(&w);
  lwipsim_jw_array(&w, "s");
  for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
    lwipsim_jw_int(&w, NULL, s[i]);
  }
  lwipsim_jw_end(&w);
  lwipsim_jw_end(&w);
  char *text = lwipsim_jw_take(&w);
  ck_assert_ptr_nonnull(strstr(text, "[0, 1, 2147483647, 2147483648, 4000000000, 999999999999999, 1e+15, "));
  assert_cjson_prints_it(text);
  free(text);
}
END_TEST

START_TEST(test_json_out_unbalanced_is_refused)
{
  struct lwipsim_jw w = { 0 };
  lwipsim_jw_object(&w, NULL);
  ck_assert_ptr_null(lwipsim_jw_take(&w));
  lwipsim_jw_end(&w); /* nothing open */
  ck_assert_ptr_null(lwipsim_jw_take(&w));
}
END_TEST

Suite *json_out_suite(void)
{
  Suite *s = suite_create("json_out");
  TCase *tc = tcase_create("json_out");
  tcase_add_test(tc, test_json_out_exact_bytes);
  tcase_add_test(tc, test_json_out_numbers_as_cjson);
  tcase_add_test(tc, test_json_out_unbalanced_is_refused);
  suite_add_tcase(s, tc);
  return s;
}
