/* The Internet checksum (sim/common/inet_checksum.h). */
#include "common/inet_checksum.h"

uint32_t lwipsim_inet_sum(uint32_t acc, const uint8_t *p, size_t n, int odd)
{
  size_t i = 0;

  if (odd && n > 0) {
    acc += p[0];
    i = 1;
  }
  for (; i + 1 < n; i += 2) {
    acc += (uint32_t)p[i] << 8 | p[i + 1];
  }
  if (i < n) {
    acc += (uint32_t)p[i] << 8;
  }
  /* one end-around carry keeps acc below 2^17 between calls; the ones'
   * complement sum is unchanged by it */
  return (acc & 0xffffu) + (acc >> 16);
}

uint16_t lwipsim_inet_fold(uint32_t acc)
{
  while (acc >> 16) {
    acc = (acc & 0xffffu) + (acc >> 16);
  }
  return (uint16_t)acc;
}

uint16_t lwipsim_inet_checksum(uint32_t acc) { return (uint16_t)~lwipsim_inet_fold(acc); }

static uint32_t pseudo(const uint8_t *src, const uint8_t *dst, size_t alen, uint8_t proto, uint32_t len)
{
  uint32_t acc = lwipsim_inet_sum(0, src, alen, 0);

  acc = lwipsim_inet_sum(acc, dst, alen, 0);
  return acc + proto + (len >> 16) + (len & 0xffffu);
}

uint32_t lwipsim_inet_pseudo4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t len)
{
  return pseudo(src, dst, 4, proto, len);
}

uint32_t lwipsim_inet_pseudo6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t len)
{
  return pseudo(src, dst, 16, proto, len);
}

uint16_t lwipsim_inet_update(uint16_t hc, const uint8_t *old, const uint8_t *nb, size_t n, int odd)
{
  uint32_t acc = (uint16_t)~hc;

  acc += (uint16_t)~lwipsim_inet_fold(lwipsim_inet_sum(0, old, n, odd));
  acc += lwipsim_inet_fold(lwipsim_inet_sum(0, nb, n, odd));
  return lwipsim_inet_checksum(acc);
}
