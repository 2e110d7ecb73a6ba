/* Firmware headers as shipped (issue 8): the four ways real headers failed
 * to build before the port adapted to them, each a test profile in
 * tests/profiles/regress-*, now built and replayed. */
#include "test_replay_headers.h"

#include <string.h>

#include "test_common.h"

#define SEED_SCENARIO "scenarios/mdns-http-reload"

/* Whether the record's sim_changed_options has an entry starting with prefix. */
static int changed(const cJSON *record, const char *prefix)
{
  return tc_count_prefix(cJSON_GetObjectItemCaseSensitive(record, "sim_changed_options"), prefix);
}

/* The record of run r with the keys that name the profile taken out. */
static cJSON *without_profile_keys(const struct tc_replay *r)
{
  cJSON *c = cJSON_Duplicate(r->record, 1);
  cJSON_DeleteItemFromObjectCaseSensitive(c, "profile");
  cJSON_DeleteItemFromObjectCaseSensitive(c, "sim_changed_options");
  return c;
}

/* Failure 1: LWIP_CHKSUM_ALGORITHM 0 (arduino-pico) left lwip_standard_chksum
 * undefined at link. With lwipsim's sum, every frame of a TCP capture checks
 * exactly as with lwIP's own algorithm: the whole record, divergence and
 * transmit match included, equals the 9.0.5 record. A wrong sum would have
 * lwIP drop every inbound frame. */
START_TEST(test_header_chksum_algorithm_0_replays_like_lwips_own)
{
  struct tc_replay mine, ref;
  tc_replay(&mine, "regress-chksum-algorithm-0", tc_source_path("scenarios/http-concurrent"), NULL);
  tc_replay(&ref, "circuitpython-9.0.5", tc_source_path("scenarios/http-concurrent"), NULL);
  ck_assert_msg(mine.record != NULL, "no record: %s", mine.err);
  ck_assert_ptr_nonnull(ref.record);
  ck_assert_int_eq(mine.exit_code, ref.exit_code);
  ck_assert_int_eq(changed(mine.record, "lwip_standard_chksum: firmware's (LWIP_CHKSUM_ALGORITHM 0) -> lwipsim's"), 1);
  ck_assert_int_eq(changed(ref.record, "lwip_standard_chksum"), 0);
  const cJSON *tx = cJSON_GetObjectItemCaseSensitive(mine.record, "tx_match");
  ck_assert_int_gt((int)tc_num(tx, "matched"), 200);
  cJSON *a = without_profile_keys(&mine), *b = without_profile_keys(&ref);
  ck_assert_msg(cJSON_Compare(a, b, 1), "records differ beyond the profile's name and sim_changed_options");
  cJSON_Delete(a);
  cJSON_Delete(b);
  tc_replay_free(&mine);
  tc_replay_free(&ref);
}
END_TEST

/* Failure 2: a header that declares sys_prot_t (uint32_t) and its own
 * critical sections (MicroPython) conflicted with the port's typedef. The
 * firmware lock functions it names are never called: the no-op replaces
 * them, and the record says so. */
START_TEST(test_header_declaring_sys_prot_t_builds_and_panics_as_905)
{
  struct tc_replay r;
  tc_replay(&r, "regress-header-sys-prot-t", tc_source_path(SEED_SCENARIO), NULL);
  ck_assert_msg(r.record != NULL, "no record: %s", r.err);
  ck_assert_int_eq(r.exit_code, 4);
  ck_assert_str_eq(tc_str(r.record, "outcome"), "panic");
  ck_assert_int_eq((int)tc_num(tc_pool(r.record, "SYS_TIMEOUT"), "peak"), 11);
  ck_assert_int_eq(changed(r.record, "SYS_ARCH_DECL_PROTECT, SYS_ARCH_PROTECT, SYS_ARCH_UNPROTECT: the header's "
                                     "critical sections -> no-op (single-threaded simulation)"),
                   1);
  tc_replay_free(&r);
}
END_TEST

/* Failure 3: LWIP_IGMP 0 (pico-examples' common header) left replay_netif's
 * multicast filter helper unused under -Werror. The profile runs what its
 * features allow: a static address and a listener. */
START_TEST(test_header_without_igmp_builds_and_serves)
{
  struct tc_replay r;
  tc_replay(&r, "regress-igmp-0", tc_source_path("tests/scenarios/http-static"), NULL);
  ck_assert_msg(r.record != NULL, "no record: %s", r.err);
  ck_assert_int_eq(r.exit_code, 0);
  ck_assert_int_eq((int)tc_num(tc_pool(r.record, "TCP_PCB_LISTEN"), "peak"), 1);
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(r.record, "pools"))
  {
    ck_assert_str_ne(tc_str(p, "name"), "IGMP_GROUP"); /* lwIP has no such pool without IGMP */
  }
  tc_replay_free(&r);
}
END_TEST

/* Failure 4: LWIP_NO_CTYPE_H defined by the header (CircuitPython 9.2.x) was
 * "redefined" against the port's arch/cc.h under -Werror. */
START_TEST(test_header_defining_no_ctype_h_builds_and_panics_as_905)
{
  struct tc_replay r;
  tc_replay(&r, "regress-no-ctype-h", tc_source_path(SEED_SCENARIO), NULL);
  ck_assert_msg(r.record != NULL, "no record: %s", r.err);
  ck_assert_int_eq(r.exit_code, 4);
  const cJSON *panic = cJSON_GetObjectItemCaseSensitive(r.record, "panic");
  ck_assert_str_eq(tc_str(panic, "message"), "sys_timeout: timeout != NULL, pool MEMP_SYS_TIMEOUT is empty");
  tc_replay_free(&r);
}
END_TEST

Suite *headers_suite(void)
{
  Suite *s = suite_create("headers");
  TCase *tc = tcase_create("firmware headers as shipped");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_header_chksum_algorithm_0_replays_like_lwips_own);
  tcase_add_test(tc, test_header_declaring_sys_prot_t_builds_and_panics_as_905);
  tcase_add_test(tc, test_header_without_igmp_builds_and_serves);
  tcase_add_test(tc, test_header_defining_no_ctype_h_builds_and_panics_as_905);
  suite_add_tcase(s, tc);
  return s;
}
