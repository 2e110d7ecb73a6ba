/* lwipsim fix's header edit (sim/cli/lwipopts_patch.c): a defined value is
 * raised in its own style, a default one added in one block inside the
 * include guard, and nothing else moves. */
#include "cli/test_lwipopts_patch.h"

#include <stdlib.h>
#include <string.h>

#include "cli/lwipopts_patch.h"

static const char *value(const char *old, long configured, long recommended)
{
  static char out[256];
  lwipsim_lwipopts_new_value(old, configured, recommended, out, sizeof out);
  return out;
}

START_TEST(test_new_value_keeps_the_style)
{
  ck_assert_str_eq(value("5", 5, 8), "8");
  ck_assert_str_eq(value("(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)", 11, 23), "(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16)");
  ck_assert_str_eq(value("LWIP_NUM_SYS_TIMEOUT_INTERNAL+4", 11, 12), "LWIP_NUM_SYS_TIMEOUT_INTERNAL+5");
  ck_assert_str_eq(value("(8 + 3 * (LWIP_IPV4 + LWIP_IPV6))", 11, 23), "(8 + 3 * (LWIP_IPV4 + LWIP_IPV6) + 12)");
  ck_assert_str_eq(value("(2 * MAX_SOCKETS)", 8, 10), "(2 * MAX_SOCKETS + 2)");
  ck_assert_str_eq(value("MAX_SOCKETS", 8, 10), "(MAX_SOCKETS + 2)");
  ck_assert_str_eq(value("(MAX_SOCKETS)", 8, 10), "(MAX_SOCKETS + 2)");
  ck_assert_str_eq(value("(N_PCB2)", 8, 10), "(N_PCB2 + 2)");    /* a name ending in a digit is not a "+ N" */
  ck_assert_str_eq(value("(A) + (B)", 4, 6), "((A) + (B) + 2)"); /* not one pair of parentheses */
  ck_assert_str_eq(value("12", 12, 10), "12");                   /* never lowered */
}
END_TEST

START_TEST(test_patch_in_place_and_block)
{
  static const char header[] = "#ifndef H\n"
                               "#define H\n"
                               "#define MEMP_NUM_TCP_SEG   32 /* keep me */\n"
                               "#define MEMP_NUM_SYS_TIMEOUT_X 3\n"
                               "  #  define MEMP_NUM_SYS_TIMEOUT\t(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4) // why\n"
                               "#define MEMP_NUM_TCP_SEG_FN(x) (x)\n"
                               "\n"
                               "#endif /* H */\n"
                               "\n";
  struct lwipsim_option_change ch[3] = {
    { "MEMP_NUM_SYS_TIMEOUT", 11, 23, "(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16)", 1 },
    { "MEMP_NUM_TCP_PCB", 5, 8, "8", 1 },
    { "MEMP_NUM_TCP_SEG", 32, 40, "40", 1 },
  };
  char *out = lwipsim_lwipopts_patch(header, ch, 3, "lwipsim fix: raised");
  ck_assert_ptr_nonnull(out);
  ck_assert_str_eq(out, "#ifndef H\n"
                        "#define H\n"
                        "#define MEMP_NUM_TCP_SEG   40 /* keep me */\n"
                        "#define MEMP_NUM_SYS_TIMEOUT_X 3\n"
                        "  #  define MEMP_NUM_SYS_TIMEOUT\t(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16) // why\n"
                        "#define MEMP_NUM_TCP_SEG_FN(x) (x)\n"
                        "\n"
                        "/* lwipsim fix: raised */\n"
                        "#define MEMP_NUM_TCP_PCB 8\n"
                        "\n"
                        "#endif /* H */\n"
                        "\n");
  free(out);
  /* no include guard: the block goes at the end */
  out = lwipsim_lwipopts_patch("#define NO_SYS 1", ch + 1, 1, "added");
  ck_assert_str_eq(out, "#define NO_SYS 1\n/* added */\n#define MEMP_NUM_TCP_PCB 8\n");
  free(out);
}
END_TEST

Suite *lwipopts_patch_suite(void)
{
  Suite *s = suite_create("lwipopts_patch");
  TCase *tc = tcase_create("lwipopts_patch");
  tcase_add_test(tc, test_new_value_keeps_the_style);
  tcase_add_test(tc, test_patch_in_place_and_block);
  suite_add_tcase(s, tc);
  return s;
}
