/* lwipsim_bench_tile IN OUT FRAMES DEVICE_MAC: the benchmarks' tiler on its
 * own (bench/tile.h), for the fidelity test and by hand. */
#include <stdio.h>
#include <stdlib.h>

#include "scenario/scenario.h"
#include "tile.h"

int main(int argc, char **argv)
{
  uint64_t frames, want, span;
  uint8_t mac[6];
  if (argc != 5 || lwipsim_scenario_parse_uint(argv[3], 100000000, &want) != 0 || want == 0 ||
      lwipsim_parse_mac(argv[4], mac) != 0) {
    fprintf(stderr, "usage: lwipsim_bench_tile IN.pcap OUT.pcap FRAMES DEVICE_MAC\n");
    return 2;
  }
  if (lwipsim_bench_tile(argv[1], argv[2], mac, 0, want, &frames, &span) != 0) {
    return 2;
  }
  printf("%llu frames, %.3f s\n", (unsigned long long)frames, (double)span / 1e6);
  return 0;
}
