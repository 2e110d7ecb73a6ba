/* The Ethernet netif the replay drives: receive side fed from the capture,
 * transmit side written to an output pcap. */
#ifndef LWIPSIM_REPLAY_NETIF_H
#define LWIPSIM_REPLAY_NETIF_H

#include <stdint.h>

#include "lwip/netif.h"
#include "replay/frame_class.h"

struct lwipsim_pcap_writer;

/* Adds and returns the device netif (not up yet, no address). */
struct netif *lwipsim_replay_netif_add(const uint8_t mac[6], struct lwipsim_pcap_writer *out);

/* Classifies a captured frame and feeds it to lwIP when it is for the device;
 * counts it in the run state either way. */
void lwipsim_replay_netif_offer(const uint8_t *frame, uint32_t caplen, uint32_t len);

/* Hands lwIP the synthetic ARP / neighbour replies its requests since the
 * last call asked for (the engine calls this after every step); returns how
 * many were delivered. */
unsigned lwipsim_replay_netif_deliver_synthetic(void);

const struct lwipsim_mac_filter *lwipsim_replay_netif_filter(void);

#endif
