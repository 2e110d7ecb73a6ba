/* lwipsim record: DNS answers for the device, from the dnsmasq that serves
 * its DHCP. */
#ifndef LWIPSIM_PEER_DNS_H
#define LWIPSIM_PEER_DNS_H

#include <stddef.h>

#include "recorder/peer_services.h"

#define LWIPSIM_PEER_DNS_MAX_ARGS (LWIPSIM_PEER_MAX_NAMES + 6)

struct lwipsim_recording;

struct lwipsim_peer_dns_args {
  char text[LWIPSIM_PEER_DNS_MAX_ARGS][200];
  char *argv[LWIPSIM_PEER_DNS_MAX_ARGS];
  size_t n;
};

/* dnsmasq's options for DNS: "--port=0" (DHCP only) when the script looks
 * up no name; otherwise DNS on the TAP from its own host records only, one
 * per name the script looks up, each answered with the peers' address, and
 * that server handed out by DHCP. */
void lwipsim_peer_dns_args(const struct lwipsim_recording *rec, struct lwipsim_peer_dns_args *a);
/* Queries and answers in dnsmasq's log (--log-queries). */
void lwipsim_peer_dns_collect(struct lwipsim_recording *rec);

#endif
