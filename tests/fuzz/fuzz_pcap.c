/* libFuzzer target: pcap and pcapng ingestion (lwipsim_pcap_open and
 * lwipsim_pcap_next to the end of the file or the first error), the path
 * every capture takes. The input is the whole capture file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "capture/pcap_reader.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char path[64], err[512];
  struct lwipsim_pcap_reader *r = NULL;
  struct lwipsim_frame f;
  uint64_t sum = 0;

  if (lwipsim_fuzz_write_file(data, size, "capture.pcap", path, sizeof path) != 0) {
    return 0;
  }
  if (lwipsim_pcap_open(path, &r, err, sizeof err) == 0) {
    while (lwipsim_pcap_next(r, &f, err, sizeof err) == 1) {
      /* touch every byte the reader says is there: ASan checks the claim */
      for (uint32_t i = 0; i < f.caplen; i++) {
        sum += f.data[i];
      }
    }
    lwipsim_pcap_close(r);
  }
  unlink(path);
  return sum == UINT64_MAX; /* keeps the loop from being optimized away */
}
