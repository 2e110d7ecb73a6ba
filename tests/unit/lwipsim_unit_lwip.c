/* Runs the Check suites that need a real lwIP (virtual clock, pool probe),
 * in the manner of lwIP's test/unit/lwip_unittests.c: lwIP is initialised
 * once here, and every test leaves the pools as it found them, which the
 * checked teardown of lwipsim_unit_tcase() asserts. */
#include "lwipsim_unit_lwip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock/test_clock.h"
#include "findings/test_findings.h"
#include "lwip/init.h"
#include "netif/test_netif.h"
#include "probe/test_probe.h"
#include "stack/probe/probe.h"
#include "stack/state/run_state.h"

typedef Suite *(suite_getter_fn)(void);

static struct lwipsim_run_state state;

/* ---- the leak check ---- */

static uint32_t used_at_setup[LWIPSIM_MAX_POOLS];
static char exempt[LWIPSIM_MAX_POOLS];

static void leak_setup(void)
{
  memset(exempt, 0, sizeof exempt);
  for (uint32_t p = 0; p < lwipsim_state->n_pools && p < LWIPSIM_MAX_POOLS; p++) {
    used_at_setup[p] = lwipsim_state->pools[p].used;
  }
}

static void leak_teardown(void)
{
  for (uint32_t p = 0; p < lwipsim_state->n_pools && p < LWIPSIM_MAX_POOLS; p++) {
    const struct lwipsim_pool_state *pool = &lwipsim_state->pools[p];
    if (!exempt[p]) {
      ck_assert_msg(pool->used == used_at_setup[p],
                    "memp pool '%s' has %u entries allocated after the test, %u before it", pool->name,
                    (unsigned)pool->used, (unsigned)used_at_setup[p]);
    }
  }
}

TCase *lwipsim_unit_tcase(const char *name)
{
  TCase *tc = tcase_create(name);
  /* Added first: Check runs checked setups in the order added and teardowns
   * in reverse, so the snapshot is taken before the suite's own setup and
   * the check made after its teardown. */
  tcase_add_checked_fixture(tc, leak_setup, leak_teardown);
  return tc;
}

void lwipsim_unit_leak_exempt(const char *pool, const char *why)
{
  for (uint32_t p = 0; p < lwipsim_state->n_pools && p < LWIPSIM_MAX_POOLS; p++) {
    if (strcmp(lwipsim_state->pools[p].name, pool) == 0) {
      exempt[p] = 1;
      printf("lwipsim_unit_lwip: %s exempt from the leak check in %s: %s\n", pool, tcase_name(), why);
      return;
    }
  }
  ck_abort_msg("no pool %s to exempt", pool);
}

int main(void)
{
  suite_getter_fn *suites[] = {
    clock_suite,
    probe_suite,
    netif_suite,
    findings_suite,
  };
  size_t num = sizeof(suites) / sizeof(suites[0]);

  lwipsim_state = &state;
  lwipsim_probe_init(LWIPSIM_UNIT_DURATION_MS);
  lwip_init();

  SRunner *sr = srunner_create(suites[0]());
  for (size_t i = 1; i < num; i++) {
    srunner_add_suite(sr, suites[i]());
  }
  /* lwIP's state is global: run in this process, in order. */
  srunner_set_fork_status(sr, CK_NOFORK);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
