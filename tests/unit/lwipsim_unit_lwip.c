/* Runs the Check suites that need a real lwIP (virtual clock, pool probe),
 * in the manner of lwIP's test/unit/lwip_unittests.c: lwIP is initialised
 * once here, and every test leaves the pools as it found them. */
#include <check.h>
#include <stdlib.h>

#include "clock/test_clock.h"
#include "findings/test_findings.h"
#include "lwip/init.h"
#include "netif/test_netif.h"
#include "stack/probe/probe.h"
#include "probe/test_probe.h"
#include "stack/state/run_state.h"

typedef Suite *(suite_getter_fn)(void);

static struct lwipsim_run_state state;

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
  lwipsim_probe_init();
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
