/* The device's own UDP sockets: bound listeners (udp-listen/udp-close) and
 * long-lived senders (udp-send), as a syslog or telemetry client keeps one
 * PCB open and sends from it. */
#ifndef LWIPSIM_DEVICE_UDP_APP_H
#define LWIPSIM_DEVICE_UDP_APP_H

#include <stdint.h>

struct lwipsim_action;

int lwipsim_udp_listen(uint16_t port);
int lwipsim_udp_close(uint16_t port);
/* Sends a->bytes to a->addr:a->port from the PCB of that script line
 * (created at its first send, kept open). */
int lwipsim_udp_send(const struct lwipsim_action *a);
/* Closes every PCB (a new run, or a netif going away for good). */
void lwipsim_udp_reset(void);

#endif
