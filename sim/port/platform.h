#ifndef LWIPSIM_PLATFORM_H
#define LWIPSIM_PLATFORM_H

#include <stdint.h>

void lwipsim_rand_seed(uint32_t seed);
uint32_t lwipsim_rand(void);

#endif
