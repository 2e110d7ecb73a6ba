#include "capture/frame_checksum.h"

#define ETH_HLEN 14u
#define ETHTYPE_IPV4 0x0800u

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
  size_t i;

  for (i = 0; i + 1 < n; i += 2) {
    acc += (uint32_t)p[i] << 8 | p[i + 1];
  }
  if (n & 1u) {
    acc += (uint32_t)p[n - 1] << 8;
  }
  return acc;
}

static uint16_t fold(uint32_t acc)
{
  while (acc >> 16) {
    acc = (acc & 0xffffu) + (acc >> 16);
  }
  return (uint16_t)~acc;
}

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
    acc = sum16(ip + 12, 8, 0) + ip[9] + (uint32_t)len;
  }
  sum = fold(sum16(l4, len, acc));
  if (zero_is_none && sum == 0) {
    sum = 0xffffu; /* RFC 768: a computed 0 is sent as all ones */
  }
  return store(l4 + off, old, sum);
}

int lwipsim_frame_fix_checksums(uint8_t *frame, size_t caplen)
{
  uint8_t *ip = frame + ETH_HLEN;
  size_t ihl, total;
  int changed;

  if (caplen < ETH_HLEN + 20u || ((uint32_t)frame[12] << 8 | frame[13]) != ETHTYPE_IPV4 || (ip[0] >> 4) != 4) {
    return 0;
  }
  ihl = (size_t)(ip[0] & 0x0fu) * 4u;
  total = (size_t)ip[2] << 8 | ip[3];
  if (ihl < 20u || total < ihl || total > caplen - ETH_HLEN) {
    return 0; /* a bad header or a packet the capture cut: leave it as it is */
  }
  {
    uint16_t old = take(ip + 10);
    changed = store(ip + 10, old, fold(sum16(ip, ihl, 0)));
  }
  if ((ip[6] & 0x3fu) != 0 || ip[7] != 0) {
    return changed; /* a fragment (MF set or an offset): its L4 checksum spans other frames */
  }
  switch (ip[9]) {
  case 1: /* ICMP */
    return changed + fix_l4(ip, ip + ihl, total - ihl, 2, 0, 0);
  case 6: /* TCP */
    return changed + fix_l4(ip, ip + ihl, total - ihl, 16, 1, 0);
  case 17: /* UDP: the length in its own header, when it fits */
    if (total - ihl >= 8u) {
      size_t ulen = (size_t)ip[ihl + 4] << 8 | ip[ihl + 5];
      if (ulen >= 8u && ulen <= total - ihl) {
        return changed + fix_l4(ip, ip + ihl, ulen, 6, 1, 1);
      }
    }
    return changed;
  default:
    return changed;
  }
}
