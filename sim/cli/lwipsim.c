/* lwipsim: the front end. Each subcommand lives in its own cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

static const struct {
  const char *name;
  int (*run)(const struct lwipsim_cli *cli, int argc, char **argv);
  const char *summary;
} commands[] = {
  { "replay", lwipsim_cmd_replay, "replay a scenario through one profile's lwIP and show every pool" },
  { "report", lwipsim_cmd_report,
    "is each lwipopts.h safe? verdicts, recommended sizes, report.html/.md/.json, junit.xml" },
  { "sweep", lwipsim_cmd_sweep, "run a scenario with one pool capped at each value of a range, in parallel" },
  { "tap", lwipsim_cmd_tap, "run a profile's lwIP live on a TAP device (real time, real peers)" },
  { "record", lwipsim_cmd_record, "record a new scenario with real Linux peers talking to the live device" },
  { "fw-ram", lwipsim_cmd_fw_ram, "the SRAM an RP2040 firmware image needs, per lwIP pool, and whether it fits" },
  { "fix", lwipsim_cmd_fix, "raise the UNSAFE pools, rebuild, re-run every scenario: a proven lwipopts.patch" },
  { "explore", lwipsim_cmd_explore, "search perturbed traffic for a pool's worst case; write it out as a scenario" },
  { "compare", lwipsim_cmd_compare, "a device's own lwIP stats (stats_display) beside a run record: does it agree?" },
  { "profiles", lwipsim_cmd_profiles, "list the profiles this build has, with lwIP version and assert policy" },
};

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim COMMAND [OPTIONS]   (lwipsim COMMAND --help for its options)\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  }
  fprintf(out, "\nexit: 0 ok, 2 usage or input error, 3 pool failure (report --gate: a pool UNSAFE),\n"
               "      4 panic or crash, 5 frames diverged (replay --strict), 6 the scenario needs a feature\n"
               "      the profile turns off (replay; report lists such pairs as not run), 7 timeout (--max-wall);\n"
               "      compare: 1 a pool disagrees with the device's stats\n");
}

int main(int argc, char **argv)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("lwipsim %s\n", LWIPSIM_VERSION);
    return 0;
  }
  struct lwipsim_cli cli;
  if (lwipsim_cli_init(&cli) != 0) {
    return 2;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(argv[1], commands[i].name) == 0) {
      int rc = commands[i].run(&cli, argc - 1, argv + 1);
      lwipsim_cli_free(&cli);
      return rc;
    }
  }
  fprintf(stderr, "lwipsim: unknown command '%s'\n", argv[1]);
  usage(stderr);
  lwipsim_cli_free(&cli);
  return 2;
}
