/* The firmware's mDNS use, modelled on CircuitPython's mdns.Server: init
 * once, then add the netif (or restart it) and advertise one service;
 * stopping removes the netif, as deinit on a soft reboot does. */
#ifndef LWIPSIM_MDNS_APP_H
#define LWIPSIM_MDNS_APP_H

struct netif;
struct lwipsim_action;

int lwipsim_mdns_start(struct netif *netif, const struct lwipsim_action *a);
void lwipsim_mdns_stop(struct netif *netif);
/* The responder is on this netif. */
int lwipsim_mdns_active(const struct netif *netif);
/* After netif_add cleared the netif's client data: the app no longer counts
 * the responder as on it (a later mdns-start adds it anew). */
void lwipsim_mdns_forget(struct netif *netif);

#endif
