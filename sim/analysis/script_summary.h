/* What a device script (sim/scenario) makes lwIP allocate, reduced to the
 * counts the worst-case bounds need. */
#ifndef LWIPSIM_ANALYSIS_SCRIPT_SUMMARY_H
#define LWIPSIM_ANALYSIS_SCRIPT_SUMMARY_H

#include <stdint.h>

struct lwipsim_scenario;

struct lwipsim_script_summary {
  uint32_t interfaces;    /* the device's netifs: 1, or 2 with [device] ap_mac (0 in a hand-made summary: 1) */
  uint32_t mdns_netifs;   /* netifs the responder is added to: the interfaces with an mdns-start */
  uint32_t mdns_removals; /* responders left behind: mdns_resp_remove_netif (reload, mdns-stop) while mDNS
                             runs on a netif, and netif-add of a netif mDNS ran on (netif_add clears the
                             client data; the old responder's timers stay armed) */
  uint32_t dhcp_netifs;   /* interfaces with a dhcp action (DHCP's timers are cyclic: no per-netif timer) */
  int dhcp;               /* the DHCP client is started */
  int http_listen;        /* a TCP listener is opened */
  uint32_t tcp_connects;  /* outgoing TCP connections */
  uint32_t http_gets;     /* http-get connections, repeats included */
  uint32_t udp_listeners; /* most udp-listen sockets open at once */
  uint32_t udp_senders;   /* udp-send script lines: one long-lived PCB each */
  uint32_t igmp_groups;   /* most igmp-join groups joined at once */
  int sntp;               /* lwIP's SNTP app is started */
  int dns_lookups;        /* the script resolves names (dns-lookup, or sntp-start NAME) */
  int event_connections;  /* an "on EVENT" action opens TCP connections: as often as the event recurs */
  uint32_t mqtt_connects; /* mqtt-connect actions: one TCP connection each (the device closes it, TIME_WAIT) */
  uint32_t mqtt_clients;  /* MQTT clients the device runs at once: 1 with any mqtt-connect (one client) */
};

/* Walks the script as sim/device/device.c runs it, assuming every action
 * succeeds (a failed one only allocates less). */
void lwipsim_script_summarize(const struct lwipsim_scenario *sc, struct lwipsim_script_summary *out);

#endif
