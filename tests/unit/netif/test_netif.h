#ifndef LWIPSIM_TEST_NETIF_H
#define LWIPSIM_TEST_NETIF_H

#include <check.h>

#include "lwipsim_unit_lwip.h"

Suite *netif_suite(void);

#endif
