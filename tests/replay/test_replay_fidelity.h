#ifndef LWIPSIM_TEST_REPLAY_FIDELITY_H
#define LWIPSIM_TEST_REPLAY_FIDELITY_H

#include <check.h>

Suite *fidelity_suite(void);

#endif
