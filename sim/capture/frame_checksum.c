#include "capture/frame_checksum.h"

#include "common/inet_checksum.h"
#include "common/wire.h"

/* Writes sum at p (network order) over the field's old value; returns 1 when
 * it changed. */
static int store(uint8_t *p, uint16_t old, uint16_t sum)
{
  p[0] = (uint8_t)(sum >> 8);
  p[1] = (uint8_t)sum;
  return old != sum;
}

/* Reads the 16-bit field at p and zeroes it, as the sum is computed over it. */
static uint16_t take(uint8_t *p)
{
  uint16_t old = (uint16_t)(p[0] << 8 | p[1]);

  p[0] = p[1] = 0;
  return old;
}

/* The checksum at offset off of an L4 segment of len bytes; pseudo: whether the
 * IPv4 pseudo-header counts (UDP, TCP) or not (ICMP). */
static int fix_l4(const uint8_t *ip, uint8_t *l4, size_t len, size_t off, int pseudo, int zero_is_none)
{
  uint32_t acc = 0;
  uint16_t old, sum;

  if (len < off + 2) {
    return 0;
  }
  if (zero_is_none && l4[off] == 0 && l4[off + 1] == 0) {
    return 0;
  }
  old = take(l4 + off);
  if (pseudo) {
    acc = lwipsim_inet_pseudo4(ip + 12, ip + 16, ip[9], (uint32_t)len);
  }
  sum = lwipsim_inet_checksum(lwipsim_inet_sum(acc, l4, len, 0));
  if (zero_is_none && sum == 0) {
    sum = 0xffffu; /* RFC 768: a computed 0 is sent as all ones */
  }
  return store(l4 + off, old, sum);
}

int lwipsim_frame_fix_checksums(uint8_t *frame, size_t caplen)
{
  uint8_t *ip = frame + LWIPSIM_ETH_HLEN;
  size_t ihl, total;
  int changed;

  if (caplen < LWIPSIM_ETH_HLEN + LWIPSIM_IP4_HLEN || ((uint32_t)frame[12] << 8 | frame[13]) != LWIPSIM_ETHTYPE_IPV4 ||
      (ip[0] >> 4) != 4) {
    return 0;
  }
  ihl = (size_t)(ip[0] & 0x0fu) * 4u;
  total = (size_t)ip[2] << 8 | ip[3];
  if (ihl < LWIPSIM_IP4_HLEN || total < ihl || total > caplen - LWIPSIM_ETH_HLEN) {
    return 0; /* a bad header or a packet the capture cut: leave it as it is */
  }
  {
    uint16_t old = take(ip + 10);
    changed = store(ip + 10, old, lwipsim_inet_checksum(lwipsim_inet_sum(0, ip, ihl, 0)));
  }
  if ((ip[6] & 0x3fu) != 0 || ip[7] != 0) {
    return changed; /* a fragment (MF set or an offset): its L4 checksum spans other frames */
  }
  switch (ip[9]) {
  case LWIPSIM_IPPROTO_ICMP: return changed + fix_l4(ip, ip + ihl, total - ihl, 2, 0, 0);
  case LWIPSIM_IPPROTO_TCP: return changed + fix_l4(ip, ip + ihl, total - ihl, 16, 1, 0);
  case LWIPSIM_IPPROTO_UDP: /* the length in its own header, when it fits */
    if (total - ihl >= LWIPSIM_UDP_HLEN) {
      size_t ulen = (size_t)ip[ihl + 4] << 8 | ip[ihl + 5];
      if (ulen >= LWIPSIM_UDP_HLEN && ulen <= total - ihl) {
        return changed + fix_l4(ip, ip + ihl, ulen, 6, 1, 1);
      }
    }
    return changed;
  default: return changed;
  }
}
