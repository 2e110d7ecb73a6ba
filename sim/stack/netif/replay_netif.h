/* The Ethernet netif the replay drives: receive side fed from the capture,
 * transmit side written to an output pcap. */
#ifndef LWIPSIM_REPLAY_NETIF_H
#define LWIPSIM_REPLAY_NETIF_H

#include <stdint.h>

#include "lwip/netif.h"
#include "replay/frame_class.h"

struct lwipsim_pcap_writer;

/* Adds and returns the device netif (not up yet, no address): the station
 * interface, which the capture feeds. */
struct netif *lwipsim_replay_netif_add(const uint8_t mac[6], struct lwipsim_pcap_writer *out);
/* After lwipsim_replay_netif_add: the access-point netif ([device] ap_mac),
 * not the default netif, with no captured traffic; its frames are counted
 * per interface and written to the output pcap, never matched. NULL when
 * lwIP refused it (LWIP_SINGLE_NETIF 1). */
struct netif *lwipsim_replay_netif_add_ap(const uint8_t mac[6]);
/* netif_add again, after the device's netif_remove, with the interface's
 * boot configuration (LWIPSIM_STATE_STA or _AP). Returns 0 or -1. */
int lwipsim_replay_netif_readd(int itf);

/* Where the station's transmitted frames also go (the TAP, live): kept
 * across netif_remove / netif_add, unlike a wrapped netif->linkoutput. */
typedef err_t (*lwipsim_replay_wire_fn)(const uint8_t *frame, uint16_t len);
void lwipsim_replay_netif_set_wire(lwipsim_replay_wire_fn fn);

/* Classifies a captured frame and feeds it to lwIP when it is for the device;
 * counts it in the run state either way. */
void lwipsim_replay_netif_offer(const uint8_t *frame, uint32_t caplen, uint32_t len);

/* Hands lwIP the synthetic ARP / neighbour replies its requests since the
 * last call asked for (the engine calls this after every step); returns how
 * many were delivered. */
unsigned lwipsim_replay_netif_deliver_synthetic(void);

const struct lwipsim_mac_filter *lwipsim_replay_netif_filter(void);

#endif
