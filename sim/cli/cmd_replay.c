/* lwipsim replay: picks the profile's runner and hands it the rest of the
 * command line; the runner does the work and sets the exit code. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/fw_target.h"

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim replay --profile NAME --scenario DIR [--lwip 2.1.3|2.2.1]\n"
               "                      [--demand [--profile-caps]] [--json FILE] [--pcap-out FILE]\n"
               "                      [--pcapng-out FILE] [--device-mac MAC] [--cap POOL=N] [--strict] [--quiet] "
               "[--max-wall S]\n"
               "                      [--target rp2040|ilp32]\n"
               "\n"
               "Replays the scenario's capture and device script through the real lwIP built with\n"
               "the profile's lwipopts.h, in virtual time, and prints each memp pool's size, peak\n"
               "and failed allocations, then the outcome (ok, pool-failure, panic, crash; timeout\n"
               "and harness-error are the harness's own ends, never lwIP's).\n"
               "\n"
               "  --profile NAME     a profile from `lwipsim profiles`\n"
               "  --lwip VERSION     pick the build of the profile for this lwIP version\n"
               "  --demand           pools compiled large: each pool's peak is what the traffic needs\n"
               "                     (its minimum safe size); with --profile-caps it behaves as the profile\n"
               "  --scenario DIR     folder with scenario.ini (and its capture)\n"
               "  --json FILE        write the run record (JSON, docs/run-record.md)\n"
               "  --pcap-out FILE    write every frame the stack transmits\n"
               "  --pcapng-out FILE  the run as one pcapng for Wireshark, on the capture's own clock:\n"
               "                     interface 0 the peers' frames as the device received them,\n"
               "                     interface 1 the device's; script actions, first pool failures,\n"
               "                     withheld frames and a panic (message, armed timers) as comments\n"
               "  --device-mac MAC   the device's MAC in the capture, if the scenario does not say\n"
               "  --cap POOL=N       let at most N elements of POOL be used\n"
               "  --strict           any frame of the capture that diverged (no longer fits the live\n"
               "                     stack) fails the run: exit 5 instead of 0 or 3, after the record\n"
               "  --max-wall S       stop the run after S seconds of wall-clock time: outcome timeout\n"
               "  --target rp2040    run the profile's firmware image on an emulated RP2040 (rp2040js\n"
               "                     under Node.js); frames, script and timers cross as on the host,\n"
               "                     and the record's pools are the chip's own counters\n"
               "  --target ilp32     the same on the ILP32 host chip: the firmware's sources built for\n"
               "                     Linux i386 (gcc -m32), 4-byte pointers as on the chip, no emulator\n"
               "\n"
               "exit: 0 ok, 2 usage, input or harness error, 3 pool failure, 4 panic or crash,\n"
               "      5 frames diverged (--strict), 6 the script needs a feature this profile turns off,\n"
               "      7 timeout (--max-wall)\n");
}

int lwipsim_cmd_replay(const struct lwipsim_cli *cli, int argc, char **argv)
{
  const char *profile = NULL, *lwip = NULL, *target = NULL;
  int demand = 0;
  /* argv[0] is "replay", or "tap" when `lwipsim tap` hands over: messages
   * name the command the user typed. Everything but --profile/--lwip goes
   * to the runner. */
  const char *cmd = argv[0];
  char **pass = calloc((size_t)argc + 6, sizeof *pass);
  if (pass == NULL) {
    return 2;
  }
  int n = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      free(pass);
      return 0;
    }
    if ((strcmp(argv[i], "--profile") == 0 || strcmp(argv[i], "--lwip") == 0 || strcmp(argv[i], "--target") == 0) &&
        i + 1 >= argc) {
      fprintf(stderr, "lwipsim %s: %s needs a value\n", cmd, argv[i]);
      free(pass);
      return 2;
    }
    if (strcmp(argv[i], "--profile") == 0) {
      profile = argv[++i];
    } else if (strncmp(argv[i], "--profile=", 10) == 0) {
      profile = argv[i] + 10;
    } else if (strcmp(argv[i], "--target") == 0) {
      target = argv[++i];
    } else if (strncmp(argv[i], "--target=", 9) == 0) {
      target = argv[i] + 9;
    } else if (strcmp(argv[i], "--demand") == 0) {
      demand = 1;
    } else if (strcmp(argv[i], "--lwip") == 0) {
      lwip = argv[++i];
    } else if (strncmp(argv[i], "--lwip=", 7) == 0) {
      lwip = argv[i] + 7;
    } else {
      pass[n++] = argv[i];
    }
  }
  if (profile == NULL) {
    fprintf(stderr, "lwipsim %s: --profile NAME is required (see `lwipsim profiles`)\n", cmd);
    free(pass);
    return 2;
  }
  const struct lwipsim_profile_entry *e = lwipsim_profiles_find(&cli->profiles, profile, lwip);
  if (e == NULL) {
    if (lwipsim_profiles_find(&cli->profiles, profile, NULL) != NULL) {
      fprintf(stderr, "lwipsim %s: profile %s is not built for lwIP %s (see `lwipsim profiles`)\n", cmd, profile, lwip);
    } else {
      fprintf(stderr, "lwipsim %s: unknown profile '%s' (see `lwipsim profiles`)\n", cmd, profile);
    }
    free(pass);
    return 2;
  }
  const char *runner = demand ? e->demand_runner : e->runner;
  static char image[PATH_MAX], emulator[PATH_MAX + 32];
  if (target != NULL) {
    char err[2 * PATH_MAX];
    if (demand || lwipsim_fw_target_paths(cli->bin_dir, cli->layout->source_dir, target, profile, image, sizeof image,
                                          emulator, sizeof emulator, err, sizeof err) != 0) {
      fprintf(stderr, "lwipsim %s: %s\n", cmd, demand ? "--target runs the image as built: not with --demand" : err);
      free(pass);
      return 2;
    }
    pass[n++] = "--target-image";
    pass[n++] = image;
    pass[n++] = "--emulator";
    pass[n++] = emulator;
  }
  pass[0] = (char *)runner;
  pass[n] = NULL;
  fflush(NULL);
  execv(runner, pass);
  fprintf(stderr, "lwipsim %s: cannot run %s: %s\n", cmd, runner, strerror(errno));
  free(pass);
  return 2;
}
