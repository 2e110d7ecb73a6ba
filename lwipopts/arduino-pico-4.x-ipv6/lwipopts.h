/*
 * lwipsim profile: arduino-pico 4.7.1 (Raspberry Pi Pico W, menu
 * "IP/Bluetooth Stack" = IPv4 + IPv6).
 *
 * The same include/lwipopts.h as the IPv4-only variant
 * (lwipopts/arduino-pico-4.x-ipv4, where every option is cited); the two
 * differ only in the define the board menu passes on the sketch's command
 * line, which is set here before that header is read:
 *   - boards.txt:544 (rpipicow.menu.ipbtstack.ipv4ipv6.build.libpicowdefs):
 *     LWIP_IPV6=1, LWIP_IPV4=1
 *
 * MEMP_NUM_SYS_TIMEOUT is lwIP's default, resolved: 17 (TCP 1 + IP
 * reassembly 1 + ARP 7 + DHCP 2 + IGMP 1 + DNS 1, plus IPv6 1 + IPv6
 * reassembly 1 + MLD 1 + DHCPv6 1).
 */
#define LWIP_IPV6                       1  /* arduino-pico@4.7.1 boards.txt:544 */
#define LWIP_IPV4                       1  /* arduino-pico@4.7.1 boards.txt:544 */

#include "../arduino-pico-4.x-ipv4/lwipopts.h"
