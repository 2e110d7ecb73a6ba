/* Synthetic ARP and IPv6 neighbour replies for a replay.
 *
 * A capture often lacks the peers' answers to the live stack's own address
 * resolution (the peer had the device in its cache already, or was never
 * asked). Without them lwIP's queued segments wait and connections time out.
 * The responder learns each peer's (MAC, IPv4) and (MAC, IPv6) pairs from the
 * frames the capture shows it sending, and answers the live stack's ARP
 * requests and neighbour solicitations for exactly those addresses, as the
 * peer would have. It never answers for the device's own addresses (nothing
 * learned from the device's MAC, no gratuitous ARP, no ARP probe, no DAD).
 * lwIP-independent: part of lwipsim_common. */
#ifndef LWIPSIM_NEIGHBOURS_H
#define LWIPSIM_NEIGHBOURS_H

#include <stdint.h>

#include "replay/frame_view.h"

enum lwipsim_nb_kind { LWIPSIM_NB_NONE = 0, LWIPSIM_NB_ARP = 1, LWIPSIM_NB_ND = 2 };

/* An ARP reply is 42 bytes, a neighbour advertisement 86. */
#define LWIPSIM_NB_REPLY_MAX 86

struct lwipsim_neighbours;

/* NULL when out of memory. device_mac: frames from it are never learned. */
struct lwipsim_neighbours *lwipsim_neighbours_new(const uint8_t device_mac[6]);
void lwipsim_neighbours_free(struct lwipsim_neighbours *nb);

/* A captured frame: learns its sender's (MAC, address) pair unless the
 * address is unspecified, multicast or broadcast. Addresses the device's own
 * frames show are marked as the device's: no peer frame claims them after. */
void lwipsim_neighbours_learn(struct lwipsim_neighbours *nb, const uint8_t *frame, uint32_t len);
void lwipsim_neighbours_learn_view(struct lwipsim_neighbours *nb, const struct lwipsim_frame_view *v);

/* A frame the live stack transmitted. If it asks for a learned peer (ARP
 * request, or neighbour solicitation), writes the peer's answer into out (at
 * least LWIPSIM_NB_REPLY_MAX bytes) and returns its length and kind in *kind;
 * otherwise returns 0 with *kind LWIPSIM_NB_NONE. */
uint32_t lwipsim_neighbours_answer(const struct lwipsim_neighbours *nb, const uint8_t *frame, uint32_t len,
                                   uint8_t *out, enum lwipsim_nb_kind *kind);
/* Both on a parsed frame (replay/frame_view.h). */
uint32_t lwipsim_neighbours_answer_view(const struct lwipsim_neighbours *nb, const struct lwipsim_frame_view *v,
                                        uint8_t *out, enum lwipsim_nb_kind *kind);

/* The live device's IPv4 address, netmask and gateway (all zero: none).
 * With it, an ARP request for the gateway is answered with the MAC that
 * carried the capture's off-link peers, when that is one MAC. */
void lwipsim_neighbours_set_ipv4_route(struct lwipsim_neighbours *nb, const uint8_t ip[4], const uint8_t mask[4],
                                       const uint8_t gw[4]);

/* How many peer (MAC, address) pairs are known, for tests. */
unsigned lwipsim_neighbours_count(const struct lwipsim_neighbours *nb);

#endif
