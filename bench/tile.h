/* Tiling of a capture for the benchmarks: the capture again and again, each
 * copy 1 s after the previous one's last frame, until a span of virtual time
 * or a number of frames is reached. With the device's MAC, every copy after
 * the first is a new conversation, so that it replays as faithfully as the
 * first: each peer's ephemeral ports and TCP sequence numbers moved on (a
 * 4-tuple never comes back), and the DHCP exchange left out (the device is
 * still bound). Without it, copies are the same frames time-shifted (the
 * later ones mostly withheld as divergence). */
#ifndef LWIPSIM_BENCH_TILE_H
#define LWIPSIM_BENCH_TILE_H

#include <stdint.h>

/* Writes copies of `in` to `out` until max_us of capture time or max_frames
 * frames (0: no limit), whichever comes first; *frames is how many. 0 or -1
 * (message on stderr). */
int lwipsim_bench_tile(const char *in, const char *out, const uint8_t device_mac[6], uint64_t max_us,
                       uint64_t max_frames, uint64_t *frames, uint64_t *span_us);

#endif
