#ifndef LWIPSIM_TEST_REPLAY_READERS_H
#define LWIPSIM_TEST_REPLAY_READERS_H

#include <check.h>

Suite *readers_suite(void);

#endif
