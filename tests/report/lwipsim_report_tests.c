/* Verdict logic, `lwipsim report` and `lwipsim sweep` on the bundled inputs;
 * with the argument "lwipopts", the --lwipopts suite (it rebuilds). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "test_report.h"

int main(int argc, char **argv)
{
  SRunner *sr;
  if (argc > 1 && strcmp(argv[1], "lwipopts") == 0) {
    sr = srunner_create(lwipopts_suite());
  } else {
    sr = srunner_create(verdict_suite());
    srunner_add_suite(sr, report_suite());
    srunner_add_suite(sr, sweep_suite());
  }
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
