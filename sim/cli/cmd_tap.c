/* lwipsim tap: the profile's runner in live mode on a TAP device. The
 * options map onto the runner's (--script is its --scenario, --ifname its
 * --tap), and the runner is found the way `lwipsim replay` finds it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"

static void usage(FILE *out)
{
  fprintf(out, "usage: lwipsim tap --profile NAME --script SCENARIO_OR_SCRIPT --ifname NAME\n"
               "                   [--lwip VERSION] [--json FILE] [--duration S] [--pcap-out FILE]\n"
               "                   [--device-mac MAC] [--quiet]\n"
               "\n"
               "Runs the real lwIP built with the profile's lwipopts.h live on a Linux TAP device:\n"
               "frames the kernel side sends are the device's receive path, the device's frames go\n"
               "out on the TAP, and lwIP's clock is the real monotonic clock. The device script does\n"
               "what it does in a replay. At the end (the duration, or SIGINT/SIGTERM) it prints the\n"
               "pool table and writes the run record with mode \"tap\". Needs root and /dev/net/tun.\n"
               "\n"
               "  --profile NAME     a profile from `lwipsim profiles`\n"
               "  --script PATH      a scenario folder or .ini: its [script] and [device] mac (a capture\n"
               "                     in it is not replayed)\n"
               "  --ifname NAME      the TAP device (created when missing; give it an address and\n"
               "                     bring it up on the kernel side, e.g. with `ip`)\n"
               "  --duration S       seconds to run (default: the scenario's duration)\n"
               "  --json FILE        write the run record (JSON, docs/run-record.md)\n"
               "  --pcap-out FILE    write every frame the stack transmits\n"
               "  --device-mac MAC   the device's MAC (default: the scenario's, else 02:00:00:00:00:01)\n"
               "\n"
               "exit: 0 ok, 2 usage or input error (or no root / no /dev/net/tun), 3 pool failure,\n"
               "4 panic or crash\n");
}

/* Root (CAP_NET_ADMIN) and the TUN driver, or a one-line reason. */
static const char *missing_privilege(void)
{
  if (geteuid() != 0) {
    return "needs root (CAP_NET_ADMIN) to attach to a TAP device";
  }
  if (access("/dev/net/tun", R_OK | W_OK) != 0) {
    return "needs /dev/net/tun (the kernel's tun module), which this machine does not have";
  }
  return NULL;
}

int lwipsim_cmd_tap(const struct lwipsim_cli *cli, int argc, char **argv)
{
  char **pass = calloc((size_t)argc + 2, sizeof *pass);
  if (pass == NULL) {
    return 2;
  }
  int n = 0, have_script = 0, have_if = 0;
  pass[n++] = "tap"; /* the name lwipsim_cmd_replay's messages use */
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      free(pass);
      return 0;
    }
    if (strcmp(argv[i], "--script") == 0 || strcmp(argv[i], "--ifname") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "lwipsim tap: %s needs a value\n", argv[i]);
        free(pass);
        return 2;
      }
      have_script |= argv[i][2] == 's';
      have_if |= argv[i][2] == 'i';
      pass[n++] = argv[i][2] == 's' ? "--scenario" : "--tap";
      pass[n++] = argv[++i];
    } else if (strcmp(argv[i], "--scenario") == 0 || strcmp(argv[i], "--tap") == 0 ||
               strcmp(argv[i], "--demand") == 0) {
      fprintf(stderr, "lwipsim tap: unknown option %s (see --help)\n", argv[i]);
      free(pass);
      return 2;
    } else {
      pass[n++] = argv[i];
    }
  }
  const char *why = !have_script ? "--script SCENARIO_OR_SCRIPT is required"
                    : !have_if   ? "--ifname NAME is required"
                                 : missing_privilege();
  if (why != NULL) {
    fprintf(stderr, "lwipsim tap: %s\n", why);
    free(pass);
    return 2;
  }
  pass[n] = NULL;
  int rc = lwipsim_cmd_replay(cli, n, pass);
  free(pass);
  return rc;
}
