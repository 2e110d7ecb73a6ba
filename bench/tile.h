/* Time-shift tiling of a capture for the benchmarks: the capture again and
 * again, each copy 1 s after the previous one's last frame, until a span of
 * virtual time or a number of frames is reached. Only the first copy replays
 * faithfully (the same connections come back); later copies still make lwIP
 * allocate and free, which is what the benchmarks measure. */
#ifndef LWIPSIM_BENCH_TILE_H
#define LWIPSIM_BENCH_TILE_H

#include <stdint.h>

/* Writes copies of `in` to `out` until max_us of capture time or max_frames
 * frames (0: no limit), whichever comes first; *frames is how many. 0 or -1
 * (message on stderr). */
int lwipsim_bench_tile(const char *in, const char *out, uint64_t max_us, uint64_t max_frames, uint64_t *frames,
                       uint64_t *span_us);

#endif
