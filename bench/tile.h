/* Tiling of a capture for the benchmarks: the capture again and again, each
 * copy 1 s after the previous one's last frame, until a span of virtual time
 * or a number of frames is reached. With the device's MAC, every copy after
 * the first is a new conversation, so that it replays as faithfully as the
 * first: each peer's ephemeral ports and TCP sequence numbers moved on (a
 * 4-tuple never comes back). Without it, copies are the same frames
 * time-shifted (the later ones mostly withheld as divergence).
 *
 * What later copies do with the DHCP exchange depends on how the replay's
 * device script takes its address (enum lwipsim_tile_dhcp). */
#ifndef LWIPSIM_BENCH_TILE_H
#define LWIPSIM_BENCH_TILE_H

#include <stdint.h>

enum lwipsim_tile_dhcp {
  /* The script sets a static address: later copies leave the exchange out,
   * since the live stack sends no request a server's reply could answer
   * (each would be withheld as divergence). */
  LWIPSIM_TILE_STATIC,
  /* The script leases its address (`dhcp`): every copy keeps the exchange.
   * The rewriter gives each server reply the xid of the live stack's latest
   * request of its kind, so a bound stack ignores the copy's OFFER and ACK,
   * and a renewing one takes the next copy's ACK as its renewal. Left out,
   * the lease ran out after its captured length (3600 s for the bundled
   * captures) and every connection after it was withheld. */
  LWIPSIM_TILE_DHCP,
};

/* Writes copies of `in` to `out` until max_us of capture time or max_frames
 * frames (0: no limit), whichever comes first; *frames is how many. 0 or -1
 * (message on stderr). */
int lwipsim_bench_tile(const char *in, const char *out, const uint8_t device_mac[6], enum lwipsim_tile_dhcp dhcp,
                       uint64_t max_us, uint64_t max_frames, uint64_t *frames, uint64_t *span_us);

#endif
