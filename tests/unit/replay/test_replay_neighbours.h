#ifndef LWIPSIM_TEST_REPLAY_NEIGHBOURS_H
#define LWIPSIM_TEST_REPLAY_NEIGHBOURS_H

#include <check.h>

Suite *neighbours_suite(void);

#endif
