/* The device script: what the firmware does with lwIP, one action at a time. */
#ifndef LWIPSIM_DEVICE_H
#define LWIPSIM_DEVICE_H

#include <stddef.h>

struct netif;
struct lwipsim_action;

struct lwipsim_scenario;

#include "scenario/scenario.h"

/* The station netif (the capture's); every other interface starts absent. */
void lwipsim_device_init(struct netif *netif);
/* The access point's netif ([device] ap_mac), after lwipsim_device_init. */
void lwipsim_device_set_interface(enum lwipsim_interface itf, struct netif *netif);
/* How netif-add puts an interface's netif back (the netif layer owns its
 * init function and MAC): returns 0, or -1 when lwIP refused. */
typedef int (*lwipsim_device_readd_fn)(int itf);
void lwipsim_device_set_readd(lwipsim_device_readd_fn fn);
/* The script whose "on dhcp-bound" / "on link-up" actions the device runs
 * from its main loop when those events happen (after lwipsim_device_init). */
void lwipsim_device_set_script(const struct lwipsim_scenario *sc);
/* The same from a list of actions, of which the device runs the "on EVENT"
 * ones (the emulated chip holds those alone: sim/stack/target/fw_protocol.h,
 * OP_EVENT_ACTION). The list must outlive the run. */
void lwipsim_device_set_actions(const struct lwipsim_action *actions, size_t n);
/* Returns 0, or -1 when lwIP refused (logged as an event; the run goes on,
 * as firmware that ignores an error code would). */
int lwipsim_device_run(const struct lwipsim_action *a);

/* The firmware's main loop between lwIP's turns: apps answer what lwIP
 * queued for them. The engine calls it after every step. */
void lwipsim_device_poll(void);

#endif
