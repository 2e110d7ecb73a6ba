/* Runs the Check suites of lwipsim_common (the lwIP-independent parts), in the
 * manner of lwIP's test/unit/lwip_unittests.c. To add an area, include its
 * header and add its suite getter to the list in main(). */
#include <check.h>
#include <stdlib.h>

#include "analysis/test_analysis.h"
#include "cli/test_lwipopts_patch.h"
#include "common/test_inet_checksum.h"
#include "common/test_json_out.h"
#include "common/test_overlay_list.h"
#include "common/test_strbuf.h"
#include "compare/test_compare.h"
#include "explore/test_explore.h"
#include "pcap/test_pcap.h"
#include "pcap/test_pcapng_writer.h"
#include "replay/test_replay_impact.h"
#include "replay/test_replay_neighbours.h"
#include "replay/test_replay_readers.h"
#include "replay/test_replay_rewriter.h"
#include "replay/test_replay_tx_match.h"
#include "scenario/test_scenario.h"
#include "scenario/test_scenario_actions.h"
#include "scenario/test_scenario_netifs.h"

typedef Suite *(suite_getter_fn)(void);

int main(void)
{
  suite_getter_fn *suites[] = {
    analysis_suite,        inet_checksum_suite, overlay_list_suite, pcap_suite,     rewriter_suite,
    neighbours_suite,      readers_suite,       tx_match_suite,     scenario_suite, scenario_actions_suite,
    scenario_netifs_suite, impact_suite,        compare_suite,      explore_suite,  pcapng_writer_suite,
    lwipopts_patch_suite,  json_out_suite,      strbuf_suite,
  };
  size_t num = sizeof(suites) / sizeof(suites[0]);
  SRunner *sr;
  size_t i;
  int number_failed;

  sr = srunner_create(suites[0]());
  for (i = 1; i < num; i++) {
    srunner_add_suite(sr, suites[i]());
  }
  srunner_run_all(sr, CK_NORMAL);
  number_failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return number_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
