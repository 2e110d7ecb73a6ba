/* Scenario regressions: the built lwipsim replaying real scenarios. */
#include <check.h>
#include <stdlib.h>

#include "test_replay.h"
#include "test_replay_actions.h"
#include "test_replay_fidelity.h"
#include "test_replay_headers.h"
#include "test_replay_heap.h"
#include "test_replay_impact.h"
#include "test_replay_netifs.h"

int main(void)
{
  SRunner *sr = srunner_create(replay_suite());
  srunner_add_suite(sr, fidelity_suite());
  srunner_add_suite(sr, headers_suite());
  srunner_add_suite(sr, actions_suite());
  srunner_add_suite(sr, netifs_suite());
  srunner_add_suite(sr, impact_suite());
  srunner_add_suite(sr, heap_suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
