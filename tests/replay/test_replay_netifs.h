#ifndef LWIPSIM_TEST_REPLAY_NETIFS_H
#define LWIPSIM_TEST_REPLAY_NETIFS_H

#include <check.h>

Suite *netifs_suite(void);

#endif
