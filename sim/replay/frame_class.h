/* Which captured frames reach the simulated device: the NIC's receive filter
 * that lwIP itself does not apply (it hands every unicast frame up). */
#ifndef LWIPSIM_FRAME_CLASS_H
#define LWIPSIM_FRAME_CLASS_H

#include <stddef.h>
#include <stdint.h>

enum lwipsim_frame_class {
  LWIPSIM_FRAME_INJECT,         /* to the device: its MAC, broadcast, a joined group */
  LWIPSIM_FRAME_REFERENCE,      /* sent by the device in the capture */
  LWIPSIM_FRAME_NON_ETHERNET2,  /* 802.3/LLC or EAPOL: a Wi-Fi chip keeps these from lwIP */
  LWIPSIM_FRAME_NOT_FOR_DEVICE, /* another host's unicast or an unjoined group */
  LWIPSIM_FRAME_MALFORMED       /* shorter than an Ethernet header, or cut by the snaplen */
};

#define LWIPSIM_MAX_MCAST 32

struct lwipsim_mac_filter {
  uint8_t device[6];
  /* Groups lwIP asked for (igmp/mld mac filter callbacks). */
  uint8_t groups[LWIPSIM_MAX_MCAST][6];
  size_t n_groups;
  /* Without IGMP/MLD lwIP never asks, and a driver then passes all multicast. */
  int accept_all_multicast;
};

enum lwipsim_frame_class lwipsim_frame_classify(const struct lwipsim_mac_filter *f, const uint8_t *frame,
                                                uint32_t caplen, uint32_t len);

/* Returns 0, or -1 when the table is full. Adding twice is harmless. */
int lwipsim_mac_filter_add(struct lwipsim_mac_filter *f, const uint8_t mac[6]);
void lwipsim_mac_filter_del(struct lwipsim_mac_filter *f, const uint8_t mac[6]);

#endif
