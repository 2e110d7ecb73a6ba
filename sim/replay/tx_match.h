/* Transmit match: how much of what the captured device sent the live stack
 * sent too, compared by type and flow rather than byte for byte (addresses,
 * ids, timing and payload sizes legitimately differ).
 *
 * Every frame gets a key: ethertype; ARP opcode; IP protocol; ICMP/ICMPv6
 * type; TCP/UDP ports (the device's port as the capture had it: a live
 * ephemeral port maps back through the rewriter); the TCP segment's kind
 * (SYN, SYN-ACK, RST, FIN, data); the DHCP message type; DNS/mDNS query or
 * response. matched = sum over keys of min(reference count, transmitted
 * count). Pure TCP acknowledgements are counted apart and not matched: when
 * a stack acknowledges (at once, as Linux does, or delayed and piggybacked on
 * the answer, as lwIP does) is that stack's policy, not the device's
 * behaviour. Reference frames of IPv6 are counted apart when the profile
 * builds no IPv6 (the device cannot send them). lwIP-independent. */
#ifndef LWIPSIM_TX_MATCH_H
#define LWIPSIM_TX_MATCH_H

#include <stdint.h>

#include "common/tx_counts.h"

#include "replay/frame_view.h"

struct lwipsim_rewriter;

enum lwipsim_tx_class {
  LWIPSIM_TX_KEYED,    /* compared */
  LWIPSIM_TX_PURE_ACK, /* TCP without data, SYN, FIN or RST */
  LWIPSIM_TX_IPV6      /* keyed, but IPv6 (excluded when the profile has none) */
};

enum lwipsim_tcp_kind { LWIPSIM_TCP_SYN = 1, LWIPSIM_TCP_SYNACK, LWIPSIM_TCP_RST, LWIPSIM_TCP_FIN, LWIPSIM_TCP_DATA };
enum lwipsim_dns_kind { LWIPSIM_DNS_QUERY = 1, LWIPSIM_DNS_RESPONSE = 2 };

/* Zeroed whole before filling: hashed and compared as bytes. */
struct lwipsim_tx_key {
  uint16_t ethertype;
  uint16_t arp_op;
  uint8_t ip_proto;
  uint8_t icmp_type;
  uint8_t tcp_kind;
  uint8_t dns;
  uint16_t dev_port, peer_port; /* device's and peer's TCP/UDP ports */
  int16_t dhcp_type;            /* -1: not DHCP */
};

/* The key of a frame the device sent: live = 1 for the live stack (its
 * ephemeral ports are mapped back through rw, which may be NULL), 0 for the
 * captured device. device_mac tells the device's side of DHCP. */
enum lwipsim_tx_class lwipsim_tx_key(struct lwipsim_rewriter *rw, const uint8_t device_mac[6], const uint8_t *frame,
                                     uint32_t len, int live, struct lwipsim_tx_key *k);
/* The same on a parsed frame (replay/frame_view.h). */
enum lwipsim_tx_class lwipsim_tx_key_view(struct lwipsim_rewriter *rw, const uint8_t device_mac[6],
                                          const struct lwipsim_frame_view *v, int live, struct lwipsim_tx_key *k);

struct lwipsim_tx_match;

/* NULL when out of memory. ipv6_built: the live stack can send IPv6. */
struct lwipsim_tx_match *lwipsim_tx_match_new(const uint8_t device_mac[6], int ipv6_built);
void lwipsim_tx_match_free(struct lwipsim_tx_match *m);
/* Counts one frame of the captured device (live 0) or the live stack (live 1). */
void lwipsim_tx_match_frame(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw, const uint8_t *frame, uint32_t len,
                            int live);
void lwipsim_tx_match_frame_view(struct lwipsim_tx_match *m, struct lwipsim_rewriter *rw,
                                 const struct lwipsim_frame_view *v, int live);
/* The capture's time now, in ms: keys are stamped with it, and each call
 * drops the TCP keys of one hash bucket that neither side has used for
 * 2 * TCP_MSL (a closed conversation's ports). Keys whose two counts are
 * equal are dropped at once whether or not this is called: matching depends
 * only on their difference. */
void lwipsim_tx_match_set_now(struct lwipsim_tx_match *m, uint64_t now_ms);
/* Keys held (those with unequal counts). */
uint64_t lwipsim_tx_match_entries(const struct lwipsim_tx_match *m);
const struct lwipsim_tx_counts *lwipsim_tx_match_counts(const struct lwipsim_tx_match *m);
/* From now on the counts are kept at *where (the counts so far moved
 * there), so that a run state holds them as they change with no copy a
 * frame; where must outlive m. */
void lwipsim_tx_match_count_into(struct lwipsim_tx_match *m, struct lwipsim_tx_counts *where);

#endif
