#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"

int lwipsim_cli_init(struct lwipsim_cli *cli)
{
  memset(cli, 0, sizeof *cli);
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) {
    perror("lwipsim: /proc/self/exe");
    return -1;
  }
  exe[n] = '\0';
  snprintf(cli->bin_dir, sizeof cli->bin_dir, "%s", dirname(exe));
  char err[PATH_MAX + 128];
  if (lwipsim_profiles_load(cli->bin_dir, &cli->profiles, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim: %s\n", err);
    return -1;
  }
  return 0;
}

void lwipsim_cli_free(struct lwipsim_cli *cli) { lwipsim_profiles_free(&cli->profiles); }
