/*
 * lwipsim TEST profile: circuitpython-9.0.5 options with a PBUF_POOL of 200
 * buffers, which cannot fit in the RP2040's 264 KiB of SRAM (200 x 1532 B
 * is 299 KiB alone). The firmware fit check must refuse the image and name
 * PBUF_POOL first (tests/firmware). Not a firmware configuration.
 */
#ifndef LWIPSIM_TEST_PROFILE_FW_RAM_TOO_BIG_LWIPOPTS_H
#define LWIPSIM_TEST_PROFILE_FW_RAM_TOO_BIG_LWIPOPTS_H

#include "../../../../lwipopts/circuitpython-9.0.5/lwipopts.h"

#undef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE 200

#endif /* LWIPSIM_TEST_PROFILE_FW_RAM_TOO_BIG_LWIPOPTS_H */
