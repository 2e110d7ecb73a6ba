/* What a failure costs: from the run's first failure to its end, what the
 * captured device still did that the live device no longer does, per service
 * (the record's `impact`, docs/run-record.md).
 *
 * Every frame of the run is offered once: the capture's frames (the peers'
 * and the captured device's, told apart by the source MAC) as they are
 * replayed, the live stack's as it sends them, with the failures the run has
 * had by then as a set of bits: each bit is counted from its own start (the
 * caller picks one at the end). Two kinds of service:
 * - answered ones, paired with what they answer: an mDNS query from a peer
 *   is answered by a device's mDNS response of the same IP version sent
 *   within LWIPSIM_IMPACT_MDNS_WINDOW_MS; an HTTP request (a peer's TCP
 *   segment starting with a method) by the device's segment starting
 *   "HTTP/" on the same connection; a peer's SYN by the device's SYN-ACK.
 *   `of` counts those the captured device answered after the failure,
 *   `missing` those of them the live device never answered;
 * - sent ones, counted on each side after the failure: mDNS responses
 *   (answers and announcements alike), DHCP REQUESTs
 *   (renewals), SNTP requests (peer port 123), DNS queries (peer port 53),
 *   MQTT PINGREQs (TCP peer port 1883, first byte 0xc0) and every other UDP
 *   datagram. `of` is the captured device's count, `missing` how many fewer
 *   the live device sent.
 * IPv6 frames are left out when the live stack builds no IPv6 (it could not
 * have sent them whatever happened). Pure TCP ACKs and ARP never count.
 * lwIP-independent. */
#ifndef LWIPSIM_IMPACT_H
#define LWIPSIM_IMPACT_H

#include <stdint.h>

#include "replay/frame_view.h"

/* The record's order. The last two are reported inside the http and mdns
 * entries. */
enum lwipsim_impact_service {
  LWIPSIM_IMPACT_MDNS,
  LWIPSIM_IMPACT_HTTP,
  LWIPSIM_IMPACT_DHCP,
  LWIPSIM_IMPACT_SNTP,
  LWIPSIM_IMPACT_DNS,
  LWIPSIM_IMPACT_MQTT,
  LWIPSIM_IMPACT_UDP,
  LWIPSIM_IMPACT_HTTP_CONNECTIONS,
  LWIPSIM_IMPACT_MDNS_QUERIES,
  LWIPSIM_IMPACT_SERVICES
};

/* An mDNS responder delays a shared answer by 20-120 ms, or by 400-500 ms
 * for a query with the TC bit (RFC 6762 sections 6 and 7.2). */
#define LWIPSIM_IMPACT_MDNS_WINDOW_MS 500

/* Failures counted apart, each from its own start: bits of `failed`. */
#define LWIPSIM_IMPACT_STARTS 2

struct lwipsim_impact_counts {
  uint64_t of[LWIPSIM_IMPACT_SERVICES];
  uint64_t missing[LWIPSIM_IMPACT_SERVICES];
};

/* "mdns", "http", ... and what `of` counts: "answers", "responses", ... */
const char *lwipsim_impact_service_name(enum lwipsim_impact_service s);
const char *lwipsim_impact_service_what(enum lwipsim_impact_service s);

struct lwipsim_impact;

/* NULL when out of memory. ipv6_built: the live stack can send IPv6. */
struct lwipsim_impact *lwipsim_impact_new(const uint8_t device_mac[6], int ipv6_built);
void lwipsim_impact_free(struct lwipsim_impact *m);
/* A frame of the capture (live 0: a peer's or the captured device's) or of
 * the live stack (live 1) at virtual time now_ms; failed: bit i set once
 * failure i (< LWIPSIM_IMPACT_STARTS) has happened. Only the peers' ports matter, and the device's listening ports,
 * which the live stack shares with the captured one: no port mapping. */
void lwipsim_impact_frame(struct lwipsim_impact *m, const uint8_t *frame, uint32_t len, int live, uint64_t now_ms,
                          unsigned failed);
/* The same on a parsed frame (replay/frame_view.h). */
void lwipsim_impact_frame_view(struct lwipsim_impact *m, const struct lwipsim_frame_view *v, int live, uint64_t now_ms,
                               unsigned failed);
/* Settles every question still open (the run is over) and returns the
 * counts from failure `start`'s first moment on. */
const struct lwipsim_impact_counts *lwipsim_impact_finish(struct lwipsim_impact *m, unsigned start);

#endif
