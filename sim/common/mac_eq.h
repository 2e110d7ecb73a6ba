/* Two MAC addresses compared in place: the replay asks at every frame
 * whether it is the device's, and a library memcmp call of six bytes costs
 * more than the question. */
#ifndef LWIPSIM_MAC_EQ_H
#define LWIPSIM_MAC_EQ_H

#include <stdint.h>
#include <string.h>

static inline int lwipsim_mac_eq(const uint8_t *a, const uint8_t *b)
{
  uint32_t a4, b4;
  uint16_t a2, b2;
  memcpy(&a4, a, 4);
  memcpy(&b4, b, 4);
  memcpy(&a2, a + 4, 2);
  memcpy(&b2, b + 4, 2);
  return a4 == b4 && a2 == b2;
}

#endif
