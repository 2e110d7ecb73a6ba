/* Wire constants: the numbers of Ethernet, ARP, IPv4, IPv6, TCP and UDP that
 * the lwIP-independent code reads and writes, defined once (tcpdump keeps
 * them in one header too). The code compiled against lwIP uses lwIP's own. */
#ifndef LWIPSIM_WIRE_H
#define LWIPSIM_WIRE_H

/* Ethernet II */
#define LWIPSIM_ETH_HLEN 14
#define LWIPSIM_ETH_ALEN 6
#define LWIPSIM_ETHTYPE_MIN 0x0600 /* below: an 802.3 length, not a type */
#define LWIPSIM_ETHTYPE_IPV4 0x0800
#define LWIPSIM_ETHTYPE_ARP 0x0806
#define LWIPSIM_ETHTYPE_IPV6 0x86dd
#define LWIPSIM_ETHTYPE_EAPOL 0x888e

/* ARP for IPv4 over Ethernet (RFC 826): field offsets in the ARP header */
#define LWIPSIM_ARP_LEN 28
#define LWIPSIM_ARP_HTYPE_ETH 1
#define LWIPSIM_ARP_OP_REQUEST 1
#define LWIPSIM_ARP_OP_REPLY 2
#define LWIPSIM_ARP_SHA 8
#define LWIPSIM_ARP_SPA 14
#define LWIPSIM_ARP_THA 18
#define LWIPSIM_ARP_TPA 24

/* IP */
#define LWIPSIM_IP4_HLEN 20 /* without options */
#define LWIPSIM_IP6_HLEN 40
#define LWIPSIM_IPPROTO_HOPOPTS 0
#define LWIPSIM_IPPROTO_ICMP 1
#define LWIPSIM_IPPROTO_TCP 6
#define LWIPSIM_IPPROTO_UDP 17
#define LWIPSIM_IPPROTO_ROUTING 43
#define LWIPSIM_IPPROTO_FRAGMENT 44
#define LWIPSIM_IPPROTO_ICMPV6 58
#define LWIPSIM_IPPROTO_DSTOPTS 60

/* TCP (RFC 9293) */
#define LWIPSIM_TCP_HLEN 20 /* without options */
#define LWIPSIM_TH_FIN 0x01
#define LWIPSIM_TH_SYN 0x02
#define LWIPSIM_TH_RST 0x04
#define LWIPSIM_TH_PSH 0x08
#define LWIPSIM_TH_ACK 0x10

/* UDP */
#define LWIPSIM_UDP_HLEN 8

/* Well-known ports */
#define LWIPSIM_PORT_DNS 53
#define LWIPSIM_PORT_DHCP_SERVER 67
#define LWIPSIM_PORT_DHCP_CLIENT 68
#define LWIPSIM_PORT_SNTP 123
#define LWIPSIM_PORT_MDNS 5353
#define LWIPSIM_PORT_EPHEMERAL_MIN 1024 /* below: a well-known or registered server port */

#endif
