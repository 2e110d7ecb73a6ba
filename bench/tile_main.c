/* lwipsim_bench_tile IN OUT FRAMES DEVICE_MAC [static|dhcp]: the benchmarks'
 * tiler on its own (bench/tile.h), for the fidelity test and by hand. The
 * last word says how the replay's script takes the device's address (static
 * when left out, as in the benchmarks' scripts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "tile.h"

static int parse_dhcp_mode(int argc, char **argv, enum lwipsim_tile_dhcp *mode)
{
  *mode = LWIPSIM_TILE_STATIC;
  if (argc == 5 || strcmp(argv[5], "static") == 0) {
    return 0;
  }
  if (strcmp(argv[5], "dhcp") == 0) {
    *mode = LWIPSIM_TILE_DHCP;
    return 0;
  }
  return -1;
}

int main(int argc, char **argv)
{
  uint64_t frames, want, span;
  uint8_t mac[6];
  enum lwipsim_tile_dhcp mode;
  if ((argc != 5 && argc != 6) || lwipsim_scenario_parse_uint(argv[3], 100000000, &want) != 0 || want == 0 ||
      lwipsim_parse_mac(argv[4], mac) != 0 || parse_dhcp_mode(argc, argv, &mode) != 0) {
    fprintf(stderr, "usage: lwipsim_bench_tile IN.pcap OUT.pcap FRAMES DEVICE_MAC [static|dhcp]\n"
                    "  static (default): the replay's script sets the address; later copies leave DHCP out\n"
                    "  dhcp: the script runs `dhcp`; every copy keeps the exchange, so renewals are answered\n");
    return 2;
  }
  if (lwipsim_bench_tile(argv[1], argv[2], mac, mode, 0, want, &frames, &span) != 0) {
    return 2;
  }
  printf("%llu frames, %.3f s\n", (unsigned long long)frames, (double)span / 1e6);
  return 0;
}
