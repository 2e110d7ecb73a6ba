/* lwIP behaviour that lwipsim runs have surfaced, reproduced directly
 * against the real library so that a change of lwIP version shows whether
 * the finding still holds (docs/findings.md). */
#include "findings/test_findings.h"

#include <string.h>

#include "lwip/mem.h"
#include "stack/probe/assert_policy.h"
#include "stack/state/run_state.h"

static void setup(void)
{
  lwipsim_assert_set_policy(LWIPSIM_ASSERT_SILENT, NULL);
  lwipsim_state->n_asserts = 0;
}

/* The largest block lwIP's heap hands out. On a heap with nothing else
 * allocated it is the heap's only element, so the one right before the
 * heap's end marker. */
static void *alloc_largest(mem_size_t *size)
{
  for (mem_size_t n = MEM_SIZE; n > 0; n--) {
    void *p = mem_malloc(n);
    if (p != NULL) {
      *size = n;
      return p;
    }
  }
  return NULL;
}

/* Finding 1: mem_trim() asserts "invalid next ptr" when the block it shrinks
 * is the heap's last one (its next is the end marker, which counts as used).
 * An hour of replayed HTTP traffic reached it through tcp_slowtmr ->
 * tcp_split_unsent_seg -> pbuf_realloc; with pico-sdk's panic() as the
 * platform assert that is a device reset. The code after the assert copes,
 * so under a silent assert the heap stays sound. */
START_TEST(test_findings_mem_trim_asserts_on_the_heaps_last_block)
{
  mem_size_t size = 0;
  void *p = alloc_largest(&size);
  ck_assert_ptr_nonnull(p);
  ck_assert_uint_gt(size, 1000);
  ck_assert_uint_eq(lwipsim_state->n_asserts, 0);

  void *q = mem_trim(p, 100);
  ck_assert_ptr_eq(q, p);
  ck_assert_uint_eq(lwipsim_state->n_asserts, 1);
  ck_assert_str_eq(lwipsim_state->asserts[0].message, "invalid next ptr");
  ck_assert_str_eq(lwipsim_state->asserts[0].file, "src/core/mem.c");

  /* The trimmed tail went back to the heap: a second block fits now. */
  void *r = mem_malloc(500);
  ck_assert_ptr_nonnull(r);
  mem_free(r);
  mem_free(q);
  /* Everything freed: the heap is whole again. */
  mem_size_t again = 0;
  void *whole = alloc_largest(&again);
  ck_assert_uint_eq(again, size);
  mem_free(whole);
}
END_TEST

/* The same trim of a block that is not the heap's last passes quietly: the
 * assert is about position, not about the trim. */
START_TEST(test_findings_mem_trim_of_an_inner_block_is_quiet)
{
  void *first = mem_malloc(1000);
  void *second = mem_malloc(1000);
  ck_assert_ptr_nonnull(first);
  ck_assert_ptr_nonnull(second);
  ck_assert_ptr_eq(mem_trim(first, 100), first);
  ck_assert_uint_eq(lwipsim_state->n_asserts, 0);
  mem_free(second);
  mem_free(first);
}
END_TEST

Suite *findings_suite(void)
{
  Suite *s = suite_create("findings");
  TCase *tc = lwipsim_unit_tcase("lwip_heap");
  tcase_add_checked_fixture(tc, setup, NULL);
  tcase_add_test(tc, test_findings_mem_trim_asserts_on_the_heaps_last_block);
  tcase_add_test(tc, test_findings_mem_trim_of_an_inner_block_is_quiet);
  suite_add_tcase(s, tc);
  return s;
}
