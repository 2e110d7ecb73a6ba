/*
 * lwipsim shim for MicroPython's "py/mpconfig.h", as the rp2 port's
 * lwipopts.h sees it at v1.24.1 (RPI_PICO_W). Only what that header uses.
 */
#ifndef LWIPSIM_SHIM_MICROPYTHON_V1_24_1_PY_MPCONFIG_H
#define LWIPSIM_SHIM_MICROPYTHON_V1_24_1_PY_MPCONFIG_H

/* uint32_t for sys_prot_t and rosc_random_u32(): py/mpconfig.h includes
 * mpconfigport.h, which includes <stdint.h>
 * (micropython@v1.24.1 ports/rp2/mpconfigport.h:29). */
#include <stdint.h>

/* micropython@v1.24.1 ports/rp2/mpconfigport.h:173 defines it as
 * (MICROPY_PY_NETWORK_PPP_LWIP), a macro that neither ports/rp2 (including
 * boards/RPI_PICO_W) nor py/mpconfig.h defines at this tag, so the
 * preprocessor reads it as 0: no PPP. */
#define MICROPY_PY_LWIP_PPP (0)

#endif
