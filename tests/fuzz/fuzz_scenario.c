/* libFuzzer target: the scenario parser (scenario.ini: sections, keys, times,
 * every action and its arguments, event triggers, 'every' expansion). */
#include <stdint.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "scenario/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static struct lwipsim_scenario sc; /* large: PATH_MAX strings */
  char path[64], err[1024];

  if (lwipsim_fuzz_write_file(data, size, "scenario.ini", path, sizeof path) != 0) {
    return 0;
  }
  if (lwipsim_scenario_load(path, &sc, err, sizeof err) == 0) {
    lwipsim_scenario_free(&sc);
  }
  unlink(path);
  return 0;
}
