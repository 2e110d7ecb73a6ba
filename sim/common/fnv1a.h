/* FNV-1a, 32 bits (Fowler, Noll, Vo): the hash of the DNS question pairing. Not for anything
 * an adversary chooses; our inputs are our own captures. */
#ifndef LWIPSIM_FNV1A_H
#define LWIPSIM_FNV1A_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define LWIPSIM_FNV1A_BASIS 2166136261u
#define LWIPSIM_FNV1A_PRIME 16777619u

/* One more byte into hash h (start from LWIPSIM_FNV1A_BASIS). */
static inline uint32_t lwipsim_fnv1a_byte(uint32_t h, uint8_t b) { return (h ^ b) * LWIPSIM_FNV1A_PRIME; }

/* The hash of n bytes. */
static inline uint32_t lwipsim_fnv1a(const void *data, size_t n)
{
  const uint8_t *b = data;
  uint32_t h = LWIPSIM_FNV1A_BASIS;

  for (size_t i = 0; i < n; i++) {
    h = lwipsim_fnv1a_byte(h, b[i]);
  }
  return h;
}

#endif
