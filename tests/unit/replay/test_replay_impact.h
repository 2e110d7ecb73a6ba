#ifndef LWIPSIM_TEST_REPLAY_IMPACT_H
#define LWIPSIM_TEST_REPLAY_IMPACT_H

#include <check.h>

Suite *impact_suite(void);

#endif
