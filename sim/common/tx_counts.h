/* The transmit match's counts (docs/run-record.md, `tx_match`): one type for
 * the matcher (replay/tx_match.h), which counts, and the run state
 * (stack/state/run_state.h), which a crash record is written from. */
#ifndef LWIPSIM_TX_COUNTS_H
#define LWIPSIM_TX_COUNTS_H

#include <stdint.h>

struct lwipsim_tx_counts {
  uint64_t reference, transmitted, matched;
  uint64_t pure_acks_reference, pure_acks_transmitted;
  uint64_t reference_ipv6_unbuilt; /* reference IPv6 frames of a profile without IPv6 */
};

#endif
