/* FNV-1a, 32 bits (Fowler, Noll, Vo): the hash of the rewriter's flow table,
 * the transmit match's keys and the DNS question pairing. Not for anything
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

/* A table's bucket for a key of n bytes (a multiple of 2): FNV-1a over
 * 32-bit words, a quarter of the steps of lwipsim_fnv1a (the flow table and
 * the transmit match look a key up several times per frame), then a final
 * mix (the 32-bit finalizer of MurmurHash3, public domain, Austin Appleby),
 * since a product's low bits, which pick the bucket, depend only on the
 * factors' low bits. Which bucket a key gets never reaches a record: keys
 * are compared whole. */
static inline uint32_t lwipsim_fnv1a_words(const void *data, size_t n)
{
  const uint8_t *b = data;
  uint32_t h = LWIPSIM_FNV1A_BASIS, w;
  size_t i = 0;

  for (; i + 4 <= n; i += 4) {
    memcpy(&w, b + i, 4);
    h = (h ^ w) * LWIPSIM_FNV1A_PRIME;
  }
  if (i < n) {
    uint16_t t;
    memcpy(&t, b + i, 2);
    h = (h ^ t) * LWIPSIM_FNV1A_PRIME;
  }
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

#endif
