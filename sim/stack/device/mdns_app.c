#include "stack/device/mdns_app.h"

#include <string.h>

#include "lwip/apps/mdns.h"
#include "lwip/init.h"
#include "lwip/opt.h"
#include "scenario/scenario.h"
#include "stack/state/events.h"

/* The netifs the responder is on (mdns_resp_add_netif once per netif, as
 * MicroPython's cyw43 hook does for the station and the access point). */
#define MAX_NETIFS 2
static struct netif *active[MAX_NETIFS];

static int slot_of(const struct netif *netif)
{
  for (int i = 0; i < MAX_NETIFS; i++) {
    if (active[i] == netif) {
      return i;
    }
  }
  return -1;
}

/* Marks the netif as having the responder or not: takes a free slot, or
 * frees the netif's. */
static void set_active(struct netif *netif, int on)
{
  if (on == (slot_of(netif) >= 0)) {
    return;
  }
  int i = slot_of(on ? NULL : netif);
  if (i >= 0) {
    active[i] = on ? netif : NULL;
  }
}

#if LWIP_MDNS_RESPONDER

/* lwIP 2.1 takes a DNS TTL per record; 2.2 dropped the argument. */
#if LWIP_VERSION_MAJOR == 2 && LWIP_VERSION_MINOR < 2
#define MDNS_TTL_ARG , 3600
#else
#define MDNS_TTL_ARG
#endif

static int inited;

static void txt_fn(struct mdns_service *service, void *userdata)
{
  (void)userdata;
  mdns_resp_add_service_txtitem(service, "path=/", 6);
}

int lwipsim_mdns_start(struct netif *netif, const struct lwipsim_action *a)
{
  if (!inited) {
    mdns_resp_init();
    inited = 1;
  } else {
    /* CircuitPython restarts the responder on every later construct; on a
     * netif that was removed this does nothing. */
    mdns_resp_restart(netif);
  }
  err_t err = slot_of(netif) >= 0 ? mdns_resp_rename_netif(netif, a->hostname)
                                  : mdns_resp_add_netif(netif, a->hostname MDNS_TTL_ARG);
  if (err != ERR_OK) {
    lwipsim_event_add("mdns: adding netif %c%c as %s failed (err %d)", netif->name[0], netif->name[1], a->hostname,
                      (int)err);
    return -1;
  }
  set_active(netif, 1);
  if (a->service[0] != '\0') {
    s8_t slot =
        mdns_resp_add_service(netif, a->instance, a->service, a->service_is_udp ? DNSSD_PROTO_UDP : DNSSD_PROTO_TCP,
                              a->port MDNS_TTL_ARG, txt_fn, NULL);
    if (slot < 0) {
      lwipsim_event_add("mdns: adding service %s failed (%d)", a->service, (int)slot);
      return -1;
    }
  }
  return 0;
}

void lwipsim_mdns_stop(struct netif *netif)
{
  if (slot_of(netif) >= 0) {
    mdns_resp_remove_netif(netif);
    set_active(netif, 0);
  }
}

#else /* !LWIP_MDNS_RESPONDER */

int lwipsim_mdns_start(struct netif *netif, const struct lwipsim_action *a)
{
  (void)netif;
  lwipsim_event_add("mdns: profile has LWIP_MDNS_RESPONDER 0, %s not announced", a->hostname);
  return -1;
}

void lwipsim_mdns_stop(struct netif *netif) { (void)netif; }

#endif

int lwipsim_mdns_active(const struct netif *netif) { return slot_of(netif) >= 0; }

/* netif_add clears the netif's client data (netif.c:340-342), where the
 * responder kept its state: the firmware starts over on that netif, and the
 * old state (and any timer still armed on the netif) stays as lwIP left it. */
void lwipsim_mdns_forget(struct netif *netif) { set_active(netif, 0); }
