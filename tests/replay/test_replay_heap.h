#ifndef LWIPSIM_TEST_REPLAY_HEAP_H
#define LWIPSIM_TEST_REPLAY_HEAP_H

#include <check.h>

Suite *heap_suite(void);

#endif
