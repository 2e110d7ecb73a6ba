/*
 * lwipsim profile: the options pico-examples' Pico W examples share
 * (pico_w/wifi/lwipopts_examples_common.h), at pico-examples tag sdk-2.0.0
 * (commit 7fe60d6b). Reproduced value for value, including its #ifndef
 * defaults and #if blocks, so that the profile's lwipopts.h can include it
 * under the same name, as the examples do.
 *
 * Build switches the blocks below test, as the firmware build sees them:
 *   - PICO_CYW43_ARCH_POLL: not defined when an example links
 *     pico_cyw43_arch_lwip_threadsafe_background (tcp_server, ntp_client, ...),
 *     so the non-poll branch applies (MEM_LIBC_MALLOC 0). Left undefined here.
 *   - NDEBUG: defined by the SDK's default Release build, so the LWIP_DEBUG /
 *     LWIP_STATS block is off on the device. lwipsim's default
 *     (RelWithDebInfo) build defines NDEBUG too; a Debug build of lwipsim
 *     turns that block on, as a Debug build of the example would.
 *
 * It does not set MEMP_NUM_SYS_TIMEOUT: lwIP's default
 * LWIP_NUM_SYS_TIMEOUT_INTERNAL applies (6 with these options).
 */
#ifndef LWIPSIM_PICO_EXAMPLES_SDK_2_0_0_COMMON_H
#define LWIPSIM_PICO_EXAMPLES_SDK_2_0_0_COMMON_H

#ifndef NO_SYS
#define NO_SYS                          1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:10 */
#endif
#ifndef LWIP_SOCKET
#define LWIP_SOCKET                     0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:14 */
#endif
#if PICO_CYW43_ARCH_POLL
#define MEM_LIBC_MALLOC                 1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:17 */
#else
#define MEM_LIBC_MALLOC                 0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:20 */
#endif
#define MEM_ALIGNMENT                   4                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:22 */
#define MEM_SIZE                        4000             /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:23 */
#define MEMP_NUM_TCP_SEG                32               /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:24 */
#define MEMP_NUM_ARP_QUEUE              10               /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:25 */
#define PBUF_POOL_SIZE                  24               /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:26 */
#define LWIP_ARP                        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:27 */
#define LWIP_ETHERNET                   1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:28 */
#define LWIP_ICMP                       1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:29 */
#define LWIP_RAW                        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:30 */
#define TCP_WND                         (8 * TCP_MSS)    /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:31 */
#define TCP_MSS                         1460             /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:32 */
#define TCP_SND_BUF                     (8 * TCP_MSS)    /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:33 */
#define TCP_SND_QUEUELEN                ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS)) /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:34 */
#define LWIP_NETIF_STATUS_CALLBACK      1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:35 */
#define LWIP_NETIF_LINK_CALLBACK        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:36 */
#define LWIP_NETIF_HOSTNAME             1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:37 */
#define LWIP_NETCONN                    0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:38 */
#define MEM_STATS                       0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:39 */
#define SYS_STATS                       0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:40 */
#define MEMP_STATS                      0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:41 */
#define LINK_STATS                      0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:42 */
#define LWIP_CHKSUM_ALGORITHM           3                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:44 */
#define LWIP_DHCP                       1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:45 */
#define LWIP_IPV4                       1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:46 */
#define LWIP_TCP                        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:47 */
#define LWIP_UDP                        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:48 */
#define LWIP_DNS                        1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:49 */
#define LWIP_TCP_KEEPALIVE              1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:50 */
#define LWIP_NETIF_TX_SINGLE_PBUF       1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:51 */
#define DHCP_DOES_ARP_CHECK             0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:52 */
#define LWIP_DHCP_DOES_ACD_CHECK        0                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:53 */
#ifndef NDEBUG
#define LWIP_DEBUG                      1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:56 */
#define LWIP_STATS                      1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:57 */
#define LWIP_STATS_DISPLAY              1                /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:58 */
#endif
#define ETHARP_DEBUG                    LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:61 */
#define NETIF_DEBUG                     LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:62 */
#define PBUF_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:63 */
#define API_LIB_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:64 */
#define API_MSG_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:65 */
#define SOCKETS_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:66 */
#define ICMP_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:67 */
#define INET_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:68 */
#define IP_DEBUG                        LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:69 */
#define IP_REASS_DEBUG                  LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:70 */
#define RAW_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:71 */
#define MEM_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:72 */
#define MEMP_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:73 */
#define SYS_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:74 */
#define TCP_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:75 */
#define TCP_INPUT_DEBUG                 LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:76 */
#define TCP_OUTPUT_DEBUG                LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:77 */
#define TCP_RTO_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:78 */
#define TCP_CWND_DEBUG                  LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:79 */
#define TCP_WND_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:80 */
#define TCP_FR_DEBUG                    LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:81 */
#define TCP_QLEN_DEBUG                  LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:82 */
#define TCP_RST_DEBUG                   LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:83 */
#define UDP_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:84 */
#define TCPIP_DEBUG                     LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:85 */
#define PPP_DEBUG                       LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:86 */
#define SLIP_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:87 */
#define DHCP_DEBUG                      LWIP_DBG_OFF     /* pico-examples@sdk-2.0.0 pico_w/wifi/lwipopts_examples_common.h:88 */

#endif /* LWIPSIM_PICO_EXAMPLES_SDK_2_0_0_COMMON_H */
