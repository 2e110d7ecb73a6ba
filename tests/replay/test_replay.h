#ifndef LWIPSIM_TEST_REPLAY_H
#define LWIPSIM_TEST_REPLAY_H

#include <check.h>

Suite *replay_suite(void);

#endif
