/* The Internet checksum (RFC 1071), its pseudo-headers and its incremental
 * update (RFC 1624): the one implementation behind the capture's checksum
 * repair (capture/frame_checksum.c), the rewriter's patches and built frames
 * (replay/rewrite_eth_ip.c) and the port's lwip_standard_chksum
 * (stack/port/firmware_hooks.c).
 *
 * A sum is carried in a uint32_t accumulator: start at 0 (or at a
 * pseudo-header sum), add ranges with lwipsim_inet_sum, then fold. Each call
 * folds its carries back in, so an accumulator never overflows for ranges
 * below 128 KiB per call (an IP datagram is at most 64 KiB). */
#ifndef LWIPSIM_INET_CHECKSUM_H
#define LWIPSIM_INET_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Adds n bytes to acc as big-endian 16-bit words. odd: the first byte is the
 * low half of a word (the range starts at an odd offset of the summed data);
 * otherwise a trailing odd byte is a word's high half, as RFC 1071 pads. */
uint32_t lwipsim_inet_sum(uint32_t acc, const uint8_t *p, size_t n, int odd);

/* The ones' complement sum folded to 16 bits, not complemented (lwIP's
 * lwip_standard_chksum contract). */
uint16_t lwipsim_inet_fold(uint32_t acc);

/* The checksum field's value: the folded sum, complemented. */
uint16_t lwipsim_inet_checksum(uint32_t acc);

/* Pseudo-header sums for TCP, UDP (and ICMPv6): addresses, protocol and the
 * transport length (RFC 793/768 for IPv4; RFC 8200 8.1 for IPv6, whose
 * length is 32 bits). */
uint32_t lwipsim_inet_pseudo4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t len);
uint32_t lwipsim_inet_pseudo6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t len);

/* RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'): the checksum hc after the n bytes
 * old (at an odd offset of the covered data when odd) become nb. A checksum
 * that was wrong stays wrong by the same amount. */
uint16_t lwipsim_inet_update(uint16_t hc, const uint8_t *old, const uint8_t *nb, size_t n, int odd);

/* The same for a field of n = 2 or 4 bytes given as its big-endian values
 * (old and nb), with the same result: the rewriter patches an ack, a port
 * or a window of nearly every inbound segment, and the byte loops were most
 * of that patch's cost (issue 12). */
/* Inline: its callers' n and odd are mostly constants, and the call itself
 * was a third of its cost. */

/* lwipsim_inet_sum(0, b, n, odd) of the n (2 or 4) bytes b holding v
 * big-endian: at an odd offset the first byte is a word's low half and the
 * last one a word's high half. */
static inline uint32_t lwipsim_inet_sum_be(uint32_t v, unsigned n, int odd)
{
  if (n == 2) {
    return odd ? (v >> 8) + ((v & 0xffu) << 8) : v;
  }
  return odd ? (v >> 24) + ((v >> 8) & 0xffffu) + ((v & 0xffu) << 8) : (v >> 16) + (v & 0xffffu);
}

/* One end-around carry. */
static inline uint32_t lwipsim_inet_carry(uint32_t s) { return (s & 0xffffu) + (s >> 16); }

static inline uint16_t lwipsim_inet_update_be(uint16_t hc, uint32_t old, uint32_t nb, unsigned n, int odd)
{
  /* as lwipsim_inet_update, with lwipsim_inet_fold's loop unrolled to the
   * carries these bounds need: a field's sum is at most 0x1fffe, which one
   * carry folds to at most 0xffff; the three terms add to at most 0x2fffd,
   * which two carries fold. Folding the raw sums instead of sums carried
   * once gives the same values (a carry keeps the sum modulo 0xffff and
   * keeps a nonzero sum nonzero). */
  uint32_t acc = (uint32_t)(uint16_t)~hc + (uint16_t)~lwipsim_inet_carry(lwipsim_inet_sum_be(old, n, odd)) +
                 lwipsim_inet_carry(lwipsim_inet_sum_be(nb, n, odd));

  return (uint16_t)~lwipsim_inet_carry(lwipsim_inet_carry(acc));
}

#endif
