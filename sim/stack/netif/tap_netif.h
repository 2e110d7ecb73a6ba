/* The device netif on a Linux TAP device: frames the kernel side sends are
 * the device's receive path, frames lwIP sends are written to the TAP. */
#ifndef LWIPSIM_TAP_NETIF_H
#define LWIPSIM_TAP_NETIF_H

#include <stddef.h>
#include <stdint.h>

struct netif;
struct lwipsim_pcap_writer;

/* Attaches to (or creates) the TAP IFNAME, IFF_TAP|IFF_NO_PI, non-blocking.
 * Returns the fd, or -1 with a one-line message in err. */
int lwipsim_tap_open(const char *ifname, char *err, size_t errlen);

/* Adds the device netif: the replay netif's flags and receive filter, with
 * its transmit side also written to fd. */
struct netif *lwipsim_tap_netif_add(int fd, const uint8_t mac[6], struct lwipsim_pcap_writer *out);

/* Feeds every frame waiting on the TAP to lwIP. Returns 0, or -1 with a
 * message in err when the TAP fails (it went away, say). */
int lwipsim_tap_netif_poll(char *err, size_t errlen);

#endif
