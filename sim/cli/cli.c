#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

int lwipsim_cli_init(struct lwipsim_cli *cli)
{
  memset(cli, 0, sizeof *cli);
  char err[PATH_MAX * 2 + 128];
  const struct lwipsim_layout *l = lwipsim_layout_load(err, sizeof err);
  if (l == NULL) {
    fprintf(stderr, "lwipsim: %s\n", err);
    return -1;
  }
  cli->layout = l;
  snprintf(cli->bin_dir, sizeof cli->bin_dir, "%s", l->exe_dir);
  if (lwipsim_profiles_load(l->runner_dir, &cli->profiles, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim: %s\n", err);
    return -1;
  }
  return 0;
}

void lwipsim_cli_free(struct lwipsim_cli *cli) { lwipsim_profiles_free(&cli->profiles); }
