/* Per-profile: the lwIP options pool sizes and the worst-case bounds
 * depend on, resolved through the overlay (sim/port/include/lwipopts.h) and
 * lwIP's opt.h as this profile's lwIP compiled them. Compiled without
 * LWIPSIM_DEMAND even in a demand runner (as pool_config.c), so the record
 * shows the profile's own values. An option this lwIP version does not
 * define (LWIP_ACD in 2.1.3, MDNS_MAX_STORED_PKTS before 2.2) is left out. */
#undef LWIPSIM_DEMAND

#include "stack/probe/resolved_options.h"

#include "lwip/apps/mdns_opts.h"
#include "lwip/apps/sntp_opts.h"
#include "lwip/opt.h"
#include "lwip/pbuf.h" /* PBUF_POOL_BUFSIZE needs its header lengths */
#include "lwip/timeouts.h"
#include "netif/ppp/ppp_opts.h" /* PPP_NUM_TIMEOUTS, part of LWIP_NUM_SYS_TIMEOUT_INTERNAL */
#include "stack/probe/symbols.h"

/* One entry; the comma goes after each use. With the comma inside the
 * macro, clang-format read the list as one expression continued across
 * every #ifdef and indented each entry further than the last. */
// clang-format off
#define OPT(name) { #name, (long long)(name) }
// clang-format on

static struct lwipsim_option options[] = {
#ifdef LWIP_IPV4
  OPT(LWIP_IPV4),
#endif
#ifdef LWIP_IPV6
  OPT(LWIP_IPV6),
#endif
#ifdef LWIP_TCP
  OPT(LWIP_TCP),
#endif
#ifdef LWIP_UDP
  OPT(LWIP_UDP),
#endif
#ifdef LWIP_RAW
  OPT(LWIP_RAW),
#endif
#ifdef LWIP_ARP
  OPT(LWIP_ARP),
#endif
#ifdef LWIP_DHCP
  OPT(LWIP_DHCP),
#endif
#ifdef LWIP_DHCP_DOES_ACD_CHECK
  OPT(LWIP_DHCP_DOES_ACD_CHECK),
#endif
#ifdef LWIP_ACD
  OPT(LWIP_ACD),
#endif
#ifdef LWIP_AUTOIP
  OPT(LWIP_AUTOIP),
#endif
#ifdef LWIP_IGMP
  OPT(LWIP_IGMP),
#endif
#ifdef LWIP_DNS
  OPT(LWIP_DNS),
#endif
#ifdef LWIP_DNS_SECURE
  OPT(LWIP_DNS_SECURE),
#endif
#ifdef DNS_MAX_SOURCE_PORTS
  OPT(DNS_MAX_SOURCE_PORTS),
#endif
#ifdef IP_REASSEMBLY
  OPT(IP_REASSEMBLY),
#endif
#ifdef IP_FRAG
  OPT(IP_FRAG),
#endif
#ifdef IP_REASS_MAX_PBUFS
  OPT(IP_REASS_MAX_PBUFS),
#endif
#ifdef LWIP_IPV6_REASS
  OPT(LWIP_IPV6_REASS),
#endif
#ifdef LWIP_IPV6_FRAG
  OPT(LWIP_IPV6_FRAG),
#endif
#ifdef LWIP_IPV6_MLD
  OPT(LWIP_IPV6_MLD),
#endif
#ifdef LWIP_IPV6_DHCP6
  OPT(LWIP_IPV6_DHCP6),
#endif
#ifdef LWIP_ND6_QUEUEING
  OPT(LWIP_ND6_QUEUEING),
#endif
#ifdef PPP_SUPPORT
  OPT(PPP_SUPPORT),
#endif
#ifdef PPP_NUM_TIMEOUTS
  OPT(PPP_NUM_TIMEOUTS),
#endif
#ifdef LWIP_MDNS_RESPONDER
  OPT(LWIP_MDNS_RESPONDER),
#endif
#ifdef MDNS_MAX_SERVICES
  OPT(MDNS_MAX_SERVICES),
#endif
#ifdef MDNS_MAX_STORED_PKTS
  OPT(MDNS_MAX_STORED_PKTS),
#endif
#ifdef MDNS_MAX_SECONDARY_HOSTNAMES
  OPT(MDNS_MAX_SECONDARY_HOSTNAMES),
#endif
#ifdef MDNS_RESP_USENETIF_EXTCALLBACK
  OPT(MDNS_RESP_USENETIF_EXTCALLBACK),
#endif
#ifdef LWIP_NUM_NETIF_CLIENT_DATA
  OPT(LWIP_NUM_NETIF_CLIENT_DATA),
#endif
#ifdef LWIP_NETIF_EXT_STATUS_CALLBACK
  OPT(LWIP_NETIF_EXT_STATUS_CALLBACK),
#endif
#ifdef SNTP_SERVER_DNS
  OPT(SNTP_SERVER_DNS),
#endif
#ifdef SNTP_MAX_SERVERS
  OPT(SNTP_MAX_SERVERS),
#endif
#ifdef LWIP_TIMERS
  OPT(LWIP_TIMERS),
#endif
#ifdef NO_SYS
  OPT(NO_SYS),
#endif
#ifdef LWIP_NUM_SYS_TIMEOUT_INTERNAL
  OPT(LWIP_NUM_SYS_TIMEOUT_INTERNAL),
#endif
#ifdef MEMP_NUM_ALTCP_PCB
  OPT(MEMP_NUM_ALTCP_PCB),
#endif
#ifdef MEMP_NUM_API_MSG
  OPT(MEMP_NUM_API_MSG),
#endif
#ifdef MEMP_NUM_ARP_QUEUE
  OPT(MEMP_NUM_ARP_QUEUE),
#endif
#ifdef MEMP_NUM_DNS_API_MSG
  OPT(MEMP_NUM_DNS_API_MSG),
#endif
#ifdef MEMP_NUM_FRAG_PBUF
  OPT(MEMP_NUM_FRAG_PBUF),
#endif
#ifdef MEMP_NUM_IGMP_GROUP
  OPT(MEMP_NUM_IGMP_GROUP),
#endif
#ifdef MEMP_NUM_LOCALHOSTLIST
  OPT(MEMP_NUM_LOCALHOSTLIST),
#endif
#ifdef MEMP_NUM_MLD6_GROUP
  OPT(MEMP_NUM_MLD6_GROUP),
#endif
#ifdef MEMP_NUM_ND6_QUEUE
  OPT(MEMP_NUM_ND6_QUEUE),
#endif
#ifdef MEMP_NUM_NETBUF
  OPT(MEMP_NUM_NETBUF),
#endif
#ifdef MEMP_NUM_NETCONN
  OPT(MEMP_NUM_NETCONN),
#endif
#ifdef MEMP_NUM_NETDB
  OPT(MEMP_NUM_NETDB),
#endif
#ifdef MEMP_NUM_NETIFAPI_MSG
  OPT(MEMP_NUM_NETIFAPI_MSG),
#endif
#ifdef MEMP_NUM_PBUF
  OPT(MEMP_NUM_PBUF),
#endif
#ifdef MEMP_NUM_PPPOE_INTERFACES
  OPT(MEMP_NUM_PPPOE_INTERFACES),
#endif
#ifdef MEMP_NUM_PPPOL2TP_INTERFACES
  OPT(MEMP_NUM_PPPOL2TP_INTERFACES),
#endif
#ifdef MEMP_NUM_PPPOS_INTERFACES
  OPT(MEMP_NUM_PPPOS_INTERFACES),
#endif
#ifdef MEMP_NUM_PPP_API_MSG
  OPT(MEMP_NUM_PPP_API_MSG),
#endif
#ifdef MEMP_NUM_PPP_PCB
  OPT(MEMP_NUM_PPP_PCB),
#endif
#ifdef MEMP_NUM_RAW_PCB
  OPT(MEMP_NUM_RAW_PCB),
#endif
#ifdef MEMP_NUM_REASSDATA
  OPT(MEMP_NUM_REASSDATA),
#endif
#ifdef MEMP_NUM_SELECT_CB
  OPT(MEMP_NUM_SELECT_CB),
#endif
#ifdef MEMP_NUM_SOCKET_SETGETSOCKOPT_DATA
  OPT(MEMP_NUM_SOCKET_SETGETSOCKOPT_DATA),
#endif
#ifdef MEMP_NUM_SYS_TIMEOUT
  OPT(MEMP_NUM_SYS_TIMEOUT),
#endif
#ifdef MEMP_NUM_TCPIP_MSG_API
  OPT(MEMP_NUM_TCPIP_MSG_API),
#endif
#ifdef MEMP_NUM_TCPIP_MSG_INPKT
  OPT(MEMP_NUM_TCPIP_MSG_INPKT),
#endif
#ifdef MEMP_NUM_TCP_PCB
  OPT(MEMP_NUM_TCP_PCB),
#endif
#ifdef MEMP_NUM_TCP_PCB_LISTEN
  OPT(MEMP_NUM_TCP_PCB_LISTEN),
#endif
#ifdef MEMP_NUM_TCP_SEG
  OPT(MEMP_NUM_TCP_SEG),
#endif
#ifdef MEMP_NUM_UDP_PCB
  OPT(MEMP_NUM_UDP_PCB),
#endif
#ifdef PBUF_POOL_SIZE
  OPT(PBUF_POOL_SIZE),
#endif
#ifdef PBUF_POOL_BUFSIZE
  OPT(PBUF_POOL_BUFSIZE),
#endif
#ifdef MEM_SIZE
  OPT(MEM_SIZE),
#endif
#ifdef MEM_ALIGNMENT
  OPT(MEM_ALIGNMENT),
#endif
#ifdef MEMP_MEM_MALLOC
  OPT(MEMP_MEM_MALLOC),
#endif
#ifdef MEM_LIBC_MALLOC
  OPT(MEM_LIBC_MALLOC),
#endif
#ifdef MEM_USE_POOLS
  OPT(MEM_USE_POOLS),
#endif
#ifdef MEM_CUSTOM_ALLOCATOR
  OPT(MEM_CUSTOM_ALLOCATOR),
#endif
#ifdef TCP_WND
  OPT(TCP_WND),
#endif
#ifdef TCP_MSS
  OPT(TCP_MSS),
#endif
#ifdef TCP_SND_BUF
  OPT(TCP_SND_BUF),
#endif
#ifdef TCP_SND_QUEUELEN
  OPT(TCP_SND_QUEUELEN),
#endif
#ifdef TCP_LISTEN_BACKLOG
  OPT(TCP_LISTEN_BACKLOG),
#endif
#ifdef TCP_DEFAULT_LISTEN_BACKLOG
  OPT(TCP_DEFAULT_LISTEN_BACKLOG),
#endif
#ifdef TCP_MSL
  OPT(TCP_MSL),
#endif
#ifdef TCP_TMR_INTERVAL
  OPT(TCP_TMR_INTERVAL),
#endif
#ifdef TCP_QUEUE_OOSEQ
  OPT(TCP_QUEUE_OOSEQ),
#endif
#ifdef LWIP_ALTCP
  OPT(LWIP_ALTCP),
#endif
#ifdef LWIP_NETIF_LOOPBACK
  OPT(LWIP_NETIF_LOOPBACK),
#endif
#ifdef ARP_QUEUEING
  OPT(ARP_QUEUEING),
#endif
#ifdef ARP_TABLE_SIZE
  OPT(ARP_TABLE_SIZE),
#endif
};

size_t lwipsim_profile_options(const struct lwipsim_option **out)
{
  static int sorted;
  size_t n = sizeof options / sizeof options[0];
  if (!sorted) {
    lwipsim_options_sort(options, n);
    sorted = 1;
  }
  *out = options;
  return n;
}

size_t lwipsim_profile_cyclic_timers(const char **names, size_t max)
{
#if LWIP_TIMERS && !LWIP_TIMERS_CUSTOM
  /* The real table (timeouts.c:77-116), so the count is what this lwIP
   * compiled, not a formula. */
  size_t n = (size_t)lwip_num_cyclic_timers;
  for (size_t i = 0; i < n && i < max; i++) {
    names[i] = lwipsim_symbol_name((const void *)lwip_cyclic_timers[i].handler);
  }
  return n;
#else
  (void)names;
  (void)max;
  return 0;
#endif
}
