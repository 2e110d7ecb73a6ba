/* Flow rewriter: makes a capture's inbound frames fit the live lwIP stack that
 * plays the captured device. The live stack picks its own DHCP xid, TCP ISNs,
 * ephemeral ports and DNS ids; the rewriter learns both sides (the device's
 * frames in the capture, and what the live stack transmits) and patches later
 * inbound frames in place, tcpdump-style, one small file per protocol.
 * lwIP-independent: the rewriter lives in lwipsim_common. */
#ifndef LWIPSIM_REWRITER_H
#define LWIPSIM_REWRITER_H

#include <stdint.h>

#include "replay/frame_view.h"

/* Why an inbound frame did not fit the live stack. All but
 * ACK_BEYOND_LIVE_DATA mean the frame was withheld. */
enum lwipsim_div_reason {
  LWIPSIM_DIV_NO_LIVE_CONNECTION,   /* TCP: the live stack never answered the SYN / never opened it */
  LWIPSIM_DIV_LIVE_RESET,           /* TCP: the live stack reset the connection */
  LWIPSIM_DIV_LIVE_CLOSED,          /* TCP: data after the live stack's FIN was acknowledged */
  LWIPSIM_DIV_NO_LIVE_FLOW,         /* UDP: the captured device's client flow has no live twin */
  LWIPSIM_DIV_ACK_BEYOND_LIVE_DATA, /* TCP: ack clamped to what the live stack sent (frame injected) */
  LWIPSIM_DIV_DHCP_UNKNOWN_XID,     /* DHCP reply to the device with an xid it never sent */
  LWIPSIM_DIV_DHCP_NO_LIVE_XID,     /* DHCP reply the live stack has sent no request for */
  LWIPSIM_DIV_NO_CAPTURED_ISN,      /* TCP: the capture lacks the device's SYN/SYN-ACK */
  LWIPSIM_DIV_REASONS
};

struct lwipsim_divergence {
  uint64_t inbound;   /* frames offered to lwipsim_rewriter_inbound */
  uint64_t rewritten; /* injected with at least one byte changed */
  uint64_t diverged;  /* withheld (sum of by_reason over the withholding reasons) */
  uint64_t by_reason[LWIPSIM_DIV_REASONS];
  uint64_t noted; /* sum of by_reason: a caller copying them sees at once whether any moved */
};

struct lwipsim_rewriter;

/* NULL when out of memory. device_mac is both the captured and the live MAC. */
struct lwipsim_rewriter *lwipsim_rewriter_new(const uint8_t device_mac[6]);
void lwipsim_rewriter_free(struct lwipsim_rewriter *rw);

/* A frame the captured device sent (reference). */
void lwipsim_rewriter_learn_reference(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len);
/* A frame the live stack transmitted. */
void lwipsim_rewriter_learn_transmitted(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len);
/* The same two on a frame the caller has parsed (replay/frame_view.h). */
void lwipsim_rewriter_learn_reference_view(struct lwipsim_rewriter *rw, const struct lwipsim_frame_view *v);
void lwipsim_rewriter_learn_transmitted_view(struct lwipsim_rewriter *rw, const struct lwipsim_frame_view *v);

/* Rewrites an inbound frame in place (same length). Returns 1 if it should be
 * injected (possibly rewritten), 0 if it diverged and must not be (counted with
 * a reason). Malformed frames come back unchanged with 1: lwIP must see them.
 * Checksums stay as right (or as wrong) as they were: updates are incremental. */
int lwipsim_rewriter_inbound(struct lwipsim_rewriter *rw, uint8_t *frame, uint32_t len);
/* The same on a parsed frame, rewritten through v->f (a writable copy: see
 * lwipsim_frame_view_rebase); v->changed says whether a byte changed. */
int lwipsim_rewriter_inbound_view(struct lwipsim_rewriter *rw, struct lwipsim_frame_view *v);

/* For a frame the live stack transmitted from a port the rewriter paired
 * with a captured one (the device as client: ephemeral ports differ), the
 * captured device's port. Returns 1 and sets *port, or 0. */
int lwipsim_rewriter_captured_port(struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len, uint16_t *port);

/* Live device IPv4 address (DHCP or static); all zero = unknown. The source
 * address of transmitted IPv4 frames updates it too. */
void lwipsim_rewriter_set_live_ip4(struct lwipsim_rewriter *rw, const uint8_t ip[4]);

/* Server identifier of the last DHCP OFFER to the device; returns 0 if none yet. */
int lwipsim_rewriter_dhcp_server_id(const struct lwipsim_rewriter *rw, uint8_t out[4]);

/* Acknowledgements the capture's peer owes the live stack: the peer
 * acknowledged data or a FIN the live stack had not sent yet (its answer came
 * later, or cut differently), so that ack was clamped. Once the live stack
 * sends what it covers, a real peer would acknowledge it; the rewriter builds
 * that pure ACK (live sequence space, checksums filled). Call after each
 * transmitted frame until it returns 0; out holds LWIPSIM_RW_ACK_MAX bytes. */
#define LWIPSIM_RW_ACK_MAX 74 /* Ethernet + IPv6 + a TCP header without options */
uint32_t lwipsim_rewriter_take_owed_ack(struct lwipsim_rewriter *rw, uint8_t *out);

/* The capture's time now, in ms (the sim clock, which follows the captured
 * frames): flows are stamped with it, and each call frees the TCP flows of
 * one bucket of the flow table that are over (FIN both ways or a RST, on both
 * sides) and have been idle for 2 * TCP_MSL. One bucket per call keeps the
 * cost per frame flat; the table then holds the live conversations and those
 * closed within the last two minutes, not every flow of the capture. Never
 * calling it keeps every flow (as before). */
void lwipsim_rewriter_set_now(struct lwipsim_rewriter *rw, uint64_t now_ms);
/* Flows in the table (TCP, UDP and DNS). */
uint64_t lwipsim_rewriter_flows(const struct lwipsim_rewriter *rw);

const struct lwipsim_divergence *lwipsim_rewriter_divergence(const struct lwipsim_rewriter *rw);
/* Stable snake_case names for the JSON record; "unknown" out of range. */
const char *lwipsim_divergence_reason_name(int reason);

/* Fills the IPv4 header and TCP/UDP/ICMPv6 checksums of a frame built from
 * scratch (e.g. a synthetic neighbour reply). Unfragmented IPv4/IPv6 only;
 * returns 0, or -1 if the frame is not one it can fill. */
int lwipsim_frame_fill_checksums(uint8_t *frame, uint32_t len);

#endif
