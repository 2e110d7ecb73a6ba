#ifndef LWIPSIM_TEST_REPLAY_ACTIONS_H
#define LWIPSIM_TEST_REPLAY_ACTIONS_H

#include <check.h>

Suite *actions_suite(void);

#endif
