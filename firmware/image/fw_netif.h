/* The firmware's Ethernet netif: frames to and from the mailbox. */
#ifndef LWIPSIM_FW_NETIF_H
#define LWIPSIM_FW_NETIF_H

#include <stddef.h>
#include <stdint.h>

struct netif;

/* Adds the netif (flags as a CYW43 Pico W netif, as the host's replay netif)
 * and makes it the default. */
struct netif *lwipsim_fw_netif_add(const uint8_t mac[6]);
/* One received frame, in one PBUF_POOL pbuf as a Wi-Fi driver does; dropped
 * (counted in the run state) when the pool is empty. */
void lwipsim_fw_netif_input(struct netif *netif, const uint8_t *frame, size_t len);

#endif
