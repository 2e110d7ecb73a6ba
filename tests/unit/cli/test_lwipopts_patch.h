#ifndef LWIPSIM_TEST_LWIPOPTS_PATCH_H
#define LWIPSIM_TEST_LWIPOPTS_PATCH_H

#include <check.h>

Suite *lwipopts_patch_suite(void);

#endif
