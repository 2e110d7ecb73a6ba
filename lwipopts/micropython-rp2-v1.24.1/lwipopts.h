/*
 * lwipsim profile: MicroPython v1.24.1, rp2 port, RPI_PICO_W board.
 *
 * Firmware file: micropython/micropython, tag v1.24.1 (commit ecfdd5d6),
 * ports/rp2/lwip_inc/lwipopts.h, reproduced line for line, firmware
 * constructs kept: #include "py/mpconfig.h" (shimmed in shims/py/), no-op
 * SYS_ARCH_* protect macros, LWIP_RAND() -> rosc_random_u32(),
 * typedef uint32_t sys_prot_t, sys_jiffies -> sys_now.
 *
 * This is the header before MicroPython raised its timer pool for mDNS:
 * MEMP_NUM_SYS_TIMEOUT = LWIP_NUM_SYS_TIMEOUT_INTERNAL + LWIP_MDNS_RESPONDER
 * = 10 + 1 = 11 (core 7 + IPv6 3: IPv6 1, IPv6 reassembly 1, MLD 1).
 * Commit aef6705a ("extmod/lwip-include: Increase number of lwIP timers when
 * mDNS enabled", PR #16623), first in v1.25.0, made it 22.
 *
 * Firmware symbols the header names:
 *   - rosc_random_u32(): ports/rp2/main.c (lwipsim replaces LWIP_RAND with
 *     its seeded PRNG; only the declaration remains).
 *   - sys_now(): lwIP's own port function, provided by lwipsim.
 *   - MICROPY_PY_LWIP_PPP from py/mpconfig.h (see shims/py/mpconfig.h).
 *
 * lwIP: MicroPython v1.24.1 lib/lwip = 0a0452b2 = STABLE-2_2_0_RELEASE;
 * lwipsim builds it with 2.2.1 (docs/profiles.md).
 */
#ifndef LWIPSIM_MICROPYTHON_RP2_V1_24_1_LWIPOPTS_H
#define LWIPSIM_MICROPYTHON_RP2_V1_24_1_LWIPOPTS_H

#include "py/mpconfig.h"                              /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:4 */

/* no sys-arch protection (micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:7-9) */
#define SYS_ARCH_DECL_PROTECT(lev) do { } while (0)
#define SYS_ARCH_PROTECT(lev) do { } while (0)
#define SYS_ARCH_UNPROTECT(lev) do { } while (0)

#define NO_SYS                          1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:11 */
#define SYS_LIGHTWEIGHT_PROT            1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:12 */
#define MEM_ALIGNMENT                   4                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:13 */
#define LWIP_CHKSUM_ALGORITHM           3                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:15 */
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:17 */
#define LWIP_ARP                        1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:19 */
#define LWIP_ETHERNET                   1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:20 */
#define LWIP_RAW                        1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:21 */
#define LWIP_NETCONN                    0                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:22 */
#define LWIP_SOCKET                     0                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:23 */
#define LWIP_STATS                      0                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:24 */
#define LWIP_NETIF_HOSTNAME             1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:25 */
#define LWIP_NETIF_EXT_STATUS_CALLBACK  1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:26 */
#define LWIP_NETIF_STATUS_CALLBACK      1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:27 */
#define LWIP_IPV4                       1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:29 */
#define LWIP_IPV6                       1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:30 */
#define LWIP_ND6_NUM_DESTINATIONS       4                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:31 */
#define LWIP_ND6_QUEUEING               0                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:32 */
#define LWIP_DHCP                       1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:33 */
#define LWIP_DHCP_CHECK_LINK_UP         1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:34 */
#define LWIP_DHCP_DOES_ACD_CHECK        0                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:35 */
#define LWIP_DNS                        1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:36 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:37 */
#define LWIP_MDNS_RESPONDER             1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:38 */
#define LWIP_IGMP                       1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:39 */
#if MICROPY_PY_LWIP_PPP                                   /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:41 */
#define PPP_SUPPORT                     1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:42 */
#define PAP_SUPPORT                     1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:43 */
#define CHAP_SUPPORT                    1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:44 */
#endif
#define LWIP_NUM_NETIF_CLIENT_DATA      LWIP_MDNS_RESPONDER /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:47 */
#define MEMP_NUM_UDP_PCB                (4 + LWIP_MDNS_RESPONDER) /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:48 */
#define MEMP_NUM_SYS_TIMEOUT            (LWIP_NUM_SYS_TIMEOUT_INTERNAL + LWIP_MDNS_RESPONDER) /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:49 */
#define SO_REUSE                        1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:51 */
#define TCP_LISTEN_BACKLOG              1                /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:52 */

/* random source (micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:54-55) */
extern uint32_t rosc_random_u32(void);
#define LWIP_RAND() rosc_random_u32()

#define MEM_SIZE                        (8000)           /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:58 */
#define TCP_MSS                         (800)            /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:59 */
#define TCP_WND                         (8 * TCP_MSS)    /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:60 */
#define TCP_SND_BUF                     (8 * TCP_MSS)    /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:61 */
#define MEMP_NUM_TCP_SEG                (32)             /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:62 */

/* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:64 */
typedef uint32_t sys_prot_t;

#define sys_jiffies                     sys_now          /* micropython@v1.24.1 ports/rp2/lwip_inc/lwipopts.h:67 */

#endif /* LWIPSIM_MICROPYTHON_RP2_V1_24_1_LWIPOPTS_H */
