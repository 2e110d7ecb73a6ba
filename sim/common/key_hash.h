/* The bucket hash of the small fixed-size keys of the per-frame tables (the
 * rewriter's flows, the transmit match's counts, the impact's questions),
 * each given as a few 32-bit words.
 *
 * The hash is multilinear (Lemire and Kaser, "Strongly universal string
 * hashing is fast", The Computer Journal 57(11), 2014): h = m0 + sum of
 * m_i * w_i modulo 2^64, its top 32 bits kept. The constants are random odd
 * numbers drawn once. Which bucket a key gets never reaches a record: the
 * tables compare keys whole.
 *
 * Its speed comes from how it is fed, not from its formula (swapping FNV-1a
 * for it alone measured no gain in issue 12): see below. */
#ifndef LWIPSIM_KEY_HASH_H
#define LWIPSIM_KEY_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define LWIPSIM_KEY_HASH_MAX_WORDS 9

/* A hash is built word by word from the values a key is made of, as the key
 * is built, never read back from the key: a key is written field by field
 * just before its lookup, and a wide read of several fresh narrow stores
 * waits for them to reach the cache (a failed store-to-load forward); that
 * was most of a lookup's time. Start from LWIPSIM_KEY_HASH_START, add each
 * word with its index (0 to LWIPSIM_KEY_HASH_MAX_WORDS - 1, each once; a
 * word not added counts as 0), end with lwipsim_key_hash_end. */
#define LWIPSIM_KEY_HASH_START 0x1143a55a48b548b7ull

static inline uint64_t lwipsim_key_hash_add(uint64_t h, int i, uint32_t w)
{
  static const uint64_t m[LWIPSIM_KEY_HASH_MAX_WORDS] = {
    0x1ad0c8faa91376c9ull, 0xd78be9456598dcebull, 0x64b72ddd4de501a7ull, 0x31ac0180bdc3a257ull, 0xba38ef2f27cb933bull,
    0xb34ceafd0d10161full, 0x2d6736348d77f241ull, 0xb793755d4fe53f51ull, 0xe8ff812a2ea4b437ull,
  };

  return h + m[i] * w;
}

/* An address of 4 bytes (IPv4) or 16 (IPv6) as the words from index i: an
 * IPv4 address's missing words are zero, which add nothing. */
static inline uint64_t lwipsim_key_hash_addr(uint64_t h, int i, const uint8_t *addr, int is_ip6)
{
  uint32_t w;

  memcpy(&w, addr, 4);
  h = lwipsim_key_hash_add(h, i, w);
  if (is_ip6) {
    for (int j = 1; j < 4; j++) {
      memcpy(&w, addr + 4 * j, 4);
      h = lwipsim_key_hash_add(h, i + j, w);
    }
  }
  return h;
}

static inline uint32_t lwipsim_key_hash_end(uint64_t h) { return (uint32_t)(h >> 32); }

#endif
