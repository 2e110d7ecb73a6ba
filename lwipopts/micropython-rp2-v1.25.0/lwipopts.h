/*
 * lwipsim profile: MicroPython v1.25.0, rp2 port, RPI_PICO_W board.
 *
 * Firmware file: micropython/micropython, tag v1.25.0 (commit f498a16c),
 * ports/rp2/lwip_inc/lwipopts.h. From this release the rp2 header sets only
 * its port-specific options and includes the options MicroPython's ports
 * share, extmod/lwip-include/lwipopts_common.h (commit abb13b1e, "Factor
 * common lwIP config into lwipopts_common.h"). That file is reproduced, line
 * by line with its own citations, at the same relative path next to this
 * one, so the include below reads as shipped.
 *
 * Firmware constructs kept: LWIP_RAND() -> rosc_random_u32() (defined before
 * the common include, declared after it, as shipped); in the common header:
 * #include "py/mpconfig.h" (shims/py/mpconfig.h), no-op SYS_ARCH_* macros,
 * typedef uint32_t sys_prot_t, sys_jiffies -> sys_now.
 *
 * MEMP_NUM_SYS_TIMEOUT (common header, commit aef6705a, PR #16623
 * "increase LWIP timers for ports with mDNS support"):
 * LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2 + 5 * (LWIP_IPV4 + LWIP_IPV6)
 * = 10 + 12 = 22 (v1.24.1 had 11).
 *
 * Firmware symbols named: rosc_random_u32() (ports/rp2/main.c@v1.25.0:317;
 * lwipsim replaces LWIP_RAND with its seeded PRNG), sys_now() (lwIP port
 * function, provided by lwipsim), MICROPY_PY_LWIP_PPP (shim).
 *
 * lwIP: MicroPython v1.25.0 lib/lwip = 0a0452b2 = STABLE-2_2_0_RELEASE
 * (2.2.1 only from v1.26.0, commit 77dcd25a in lib/lwip); lwipsim builds it
 * with 2.2.1 (docs/profiles.md).
 */
#ifndef LWIPSIM_MICROPYTHON_RP2_V1_25_0_LWIPOPTS_H
#define LWIPSIM_MICROPYTHON_RP2_V1_25_0_LWIPOPTS_H

#define LWIP_NETIF_EXT_STATUS_CALLBACK  1                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:4 */
#define LWIP_NETIF_STATUS_CALLBACK      1                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:5 */
#define LWIP_IPV4                       1                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:7 */
#define LWIP_IPV6                       1                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:8 */
#define LWIP_ND6_NUM_DESTINATIONS       4                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:9 */
#define LWIP_ND6_QUEUEING               0                /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:10 */

/* random source, declared after the common include (micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:12, :17) */
#define LWIP_RAND() rosc_random_u32()

#include "extmod/lwip-include/lwipopts_common.h"      /* micropython@v1.25.0 ports/rp2/lwip_inc/lwipopts.h:15 */

extern uint32_t rosc_random_u32(void);

#endif /* LWIPSIM_MICROPYTHON_RP2_V1_25_0_LWIPOPTS_H */
