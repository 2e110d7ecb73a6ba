/* The firmware's Ethernet netif: frames to and from the mailbox. */
#ifndef LWIPSIM_FW_NETIF_H
#define LWIPSIM_FW_NETIF_H

#include <stddef.h>
#include <stdint.h>

struct netif;
struct lwipsim_fw_out;

/* Adds the netif (flags as a CYW43 Pico W netif, as the host's replay netif)
 * and makes it the default. */
struct netif *lwipsim_fw_netif_add(const uint8_t mac[6]);
/* [device] ap_mac: the access point's netif, never the default; NULL when
 * lwIP refused it (LWIP_SINGLE_NETIF). */
struct netif *lwipsim_fw_netif_add_ap(const uint8_t mac[6]);
/* The device's netif-add (lwipsim_device_set_readd): either interface. */
int lwipsim_fw_netif_readd(int itf);
/* One received frame, in one PBUF_POOL pbuf as a Wi-Fi driver does. Returns
 * 1 when lwIP got it, 0 when the pool was empty (the host counts it). */
int lwipsim_fw_netif_input(struct netif *netif, const uint8_t *frame, size_t len);
/* The netif's state and receive filter, for the host. */
void lwipsim_fw_netif_export(struct lwipsim_fw_out *out);

#endif
