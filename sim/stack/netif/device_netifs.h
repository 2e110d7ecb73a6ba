/* The device's lwIP netifs as the Pico W's CYW43 driver makes them: the
 * station and, with [device] ap_mac, the access point, each with its own
 * receive filter kept through lwIP's IGMP/MLD MAC-filter callbacks. One
 * copy for the host runner (replay_netif.c) and the RP2040 image
 * (firmware/image/fw_netif.c); each passes the linkoutput that takes the
 * frames lwIP sends. */
#ifndef LWIPSIM_DEVICE_NETIFS_H
#define LWIPSIM_DEVICE_NETIFS_H

#include <stdint.h>

#include "lwip/netif.h"
#include "replay/frame_class.h"

/* Adds the station's netif (not up yet, no address) and makes it the
 * default; both netifs send through `out`. NULL when lwIP refused it. */
struct netif *lwipsim_netifs_add_sta(const uint8_t mac[6], netif_linkoutput_fn out);
/* After lwipsim_netifs_add_sta: the access point's netif ([device] ap_mac),
 * never the default. NULL when lwIP refused it (LWIP_SINGLE_NETIF 1). */
struct netif *lwipsim_netifs_add_ap(const uint8_t mac[6]);
/* netif_add again, after the device's netif_remove, with the interface's
 * boot configuration (LWIPSIM_STATE_STA or _AP). Returns 0 or -1. */
int lwipsim_netifs_readd(int itf);
/* The interface's netif (LWIPSIM_STATE_STA or _AP). */
struct netif *lwipsim_netifs_get(int itf);
/* The station's receive filter: its MAC and the groups lwIP joined. */
const struct lwipsim_mac_filter *lwipsim_netifs_sta_filter(void);

/* Receiving as a Wi-Fi driver does, in two halves so a caller can act
 * between them: the frame copied into one PBUF_POOL pbuf (NULL: the pool is
 * empty and the frame is dropped, as the driver drops it), then handed to
 * the netif's input, which owns it unless it refuses it. */
struct pbuf *lwipsim_netifs_rx_pbuf(const uint8_t *frame, uint16_t len);
void lwipsim_netifs_rx_input(struct netif *netif, struct pbuf *p);

#endif
