/* Recomputes the IPv4 header, UDP, TCP and ICMP checksums of a captured
 * Ethernet frame. A capture taken on a host that leaves checksums to its NIC
 * (transmit checksum offload) holds that host's own frames with checksums
 * that were never filled in; on the wire they were right. The IoT Sentinel
 * captures were taken at the access point, and its DHCP and DNS replies carry
 * such checksums, which lwIP rightly drops. Scenarios opt in with
 * capture_checksums = recompute (docs/scenario-format.md). */
#ifndef LWIPSIM_FRAME_CHECKSUM_H
#define LWIPSIM_FRAME_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Fixes the checksums of an IPv4 packet in frame (caplen bytes present) in
 * place. Only what the capture holds whole is touched: no L4 checksum of a
 * fragment or of a packet cut by the snaplen, no UDP checksum of 0 (none sent).
 * Returns how many checksums changed. */
int lwipsim_frame_fix_checksums(uint8_t *frame, size_t caplen);

#endif
