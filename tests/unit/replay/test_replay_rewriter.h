#ifndef LWIPSIM_TEST_REPLAY_REWRITER_H
#define LWIPSIM_TEST_REPLAY_REWRITER_H

#include <check.h>

Suite *rewriter_suite(void);

#endif
