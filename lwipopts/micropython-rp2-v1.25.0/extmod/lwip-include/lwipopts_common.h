/*
 * lwipsim reproduction of MicroPython's shared lwIP options,
 * extmod/lwip-include/lwipopts_common.h at tag v1.25.0 (commit f498a16c),
 * value for value with line citations. Included by this profile's
 * lwipopts.h under the same relative path as in the firmware.
 *
 * The MEM_SIZE block keeps the firmware's #ifndef MEM_SIZE; of its three
 * alternative size sets only the enabled one ("#if 1", lines 86-93) is
 * reproduced: the two "#if 0" sets never reach the compiler.
 */
#ifndef LWIPSIM_MICROPYTHON_V1_25_0_LWIPOPTS_COMMON_H
#define LWIPSIM_MICROPYTHON_V1_25_0_LWIPOPTS_COMMON_H

#include "py/mpconfig.h"                              /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:29 */

/* no sys-arch protection (micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:33-35) */
#define SYS_ARCH_DECL_PROTECT(lev) do { } while (0)
#define SYS_ARCH_PROTECT(lev) do { } while (0)
#define SYS_ARCH_UNPROTECT(lev) do { } while (0)

#define NO_SYS                          1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:37 */
#define SYS_LIGHTWEIGHT_PROT            1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:38 */
#define MEM_ALIGNMENT                   4                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:39 */
#define LWIP_CHKSUM_ALGORITHM           3                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:41 */
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:42 */
#define LWIP_ARP                        1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:44 */
#define LWIP_ETHERNET                   1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:45 */
#define LWIP_RAW                        1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:46 */
#define LWIP_NETCONN                    0                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:47 */
#define LWIP_SOCKET                     0                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:48 */
#define LWIP_STATS                      0                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:49 */
#define LWIP_NETIF_HOSTNAME             1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:50 */
#define LWIP_DHCP                       1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:52 */
#define LWIP_DHCP_CHECK_LINK_UP         1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:53 */
#define LWIP_DHCP_DOES_ACD_CHECK        0                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:54 */
#define LWIP_DNS                        1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:55 */
#define LWIP_DNS_SUPPORT_MDNS_QUERIES   1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:56 */
#define LWIP_MDNS_RESPONDER             1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:57 */
#define LWIP_IGMP                       1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:58 */
#if MICROPY_PY_LWIP_PPP                                   /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:60 */
#define PPP_SUPPORT                     1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:61 */
#define PAP_SUPPORT                     1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:62 */
#define CHAP_SUPPORT                    1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:63 */
#endif
#define LWIP_NUM_NETIF_CLIENT_DATA      LWIP_MDNS_RESPONDER /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:66 */
#define MEMP_NUM_UDP_PCB                (4 + LWIP_MDNS_RESPONDER) /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:67 */
#define MEMP_NUM_SYS_TIMEOUT            (LWIP_NUM_SYS_TIMEOUT_INTERNAL + (LWIP_MDNS_RESPONDER * (2 + (5 * (LWIP_IPV4 + LWIP_IPV6))))) /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:70 */
#define SO_REUSE                        1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:72 */
#define TCP_LISTEN_BACKLOG              1                /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:73 */

#ifndef MEM_SIZE                                         /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:77 */
#define MEM_SIZE                        (8000)           /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:88 */
#define TCP_MSS                         (800)            /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:89 */
#define TCP_WND                         (8 * TCP_MSS)    /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:90 */
#define TCP_SND_BUF                     (8 * TCP_MSS)    /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:91 */
#define MEMP_NUM_TCP_SEG                (32)             /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:92 */
#endif

#define sys_jiffies                     sys_now          /* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:107 */

/* micropython@v1.25.0 extmod/lwip-include/lwipopts_common.h:109 */
typedef uint32_t sys_prot_t;

#endif /* LWIPSIM_MICROPYTHON_V1_25_0_LWIPOPTS_COMMON_H */
