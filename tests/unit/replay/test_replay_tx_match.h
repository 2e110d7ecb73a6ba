#ifndef LWIPSIM_TEST_REPLAY_TX_MATCH_H
#define LWIPSIM_TEST_REPLAY_TX_MATCH_H

#include <check.h>

Suite *tx_match_suite(void);

#endif
