/*
 * lwipsim shim for MicroPython's "py/mpconfig.h", as
 * extmod/lwip-include/lwipopts_common.h sees it at v1.25.0 on the rp2 port
 * (RPI_PICO_W). Only what the lwIP option headers use.
 */
#ifndef LWIPSIM_SHIM_MICROPYTHON_V1_25_0_PY_MPCONFIG_H
#define LWIPSIM_SHIM_MICROPYTHON_V1_25_0_PY_MPCONFIG_H

/* uint32_t for sys_prot_t and rosc_random_u32(): py/mpconfig.h includes
 * mpconfigport.h, which includes <stdint.h>
 * (micropython@v1.25.0 ports/rp2/mpconfigport.h:29). */
#include <stdint.h>

/* micropython@v1.25.0 ports/rp2/mpconfigport.h:239-241: default (0); the
 * RPI_PICO_W board files do not override it. */
#define MICROPY_PY_NETWORK_PPP_LWIP (0)
/* micropython@v1.25.0 ports/rp2/mpconfigport.h:197 */
#define MICROPY_PY_LWIP_PPP (MICROPY_PY_NETWORK_PPP_LWIP)

#endif
