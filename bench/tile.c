#include "tile.h"

#include <stdio.h>

#include "capture/pcap_reader.h"
#include "capture/pcap_writer.h"

#define TILE_GAP_US 1000000ull

static int full(uint64_t t_us, uint64_t max_us, uint64_t frames, uint64_t max_frames)
{
  return (max_us != 0 && t_us >= max_us) || (max_frames != 0 && frames >= max_frames);
}

int lwipsim_bench_tile(const char *in, const char *out, uint64_t max_us, uint64_t max_frames, uint64_t *frames,
                       uint64_t *span_us)
{
  char err[512];
  struct lwipsim_pcap_writer *w;
  if (lwipsim_pcap_writer_open(out, &w, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  uint64_t offset_us = 0, last_us = 0;
  *frames = 0;
  while (!full(offset_us, max_us, *frames, max_frames)) {
    struct lwipsim_pcap_reader *r;
    if (lwipsim_pcap_open(in, &r, err, sizeof err) != 0) {
      fprintf(stderr, "%s\n", err);
      return -1;
    }
    struct lwipsim_frame f;
    uint64_t last = 0;
    int rc;
    while ((rc = lwipsim_pcap_next(r, &f, err, sizeof err)) == 1 &&
           !full(offset_us + f.time_us, max_us, *frames, max_frames)) {
      lwipsim_pcap_writer_write(w, offset_us + f.time_us, f.data, f.caplen);
      last = f.time_us;
      last_us = offset_us + f.time_us;
      (*frames)++;
    }
    lwipsim_pcap_close(r);
    if (rc < 0) {
      fprintf(stderr, "%s\n", err);
      return -1;
    }
    offset_us += last + TILE_GAP_US;
  }
  lwipsim_pcap_writer_close(w);
  *span_us = last_us;
  return 0;
}
