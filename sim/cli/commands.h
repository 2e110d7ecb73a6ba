#ifndef LWIPSIM_COMMANDS_H
#define LWIPSIM_COMMANDS_H

#include <limits.h>

#include "cli/layout.h"
#include "cli/profiles_index.h"

struct lwipsim_cli {
  char bin_dir[PATH_MAX];              /* where lwipsim is */
  const struct lwipsim_layout *layout; /* where the runners, profiles and scenarios are */
  struct lwipsim_profiles_index profiles;
};

int lwipsim_cli_init(struct lwipsim_cli *cli);
void lwipsim_cli_free(struct lwipsim_cli *cli);

int lwipsim_cmd_replay(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_sweep(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_report(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_tap(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_record(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_fw_ram(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_explore(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_fix(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_compare(const struct lwipsim_cli *cli, int argc, char **argv);
int lwipsim_cmd_profiles(const struct lwipsim_cli *cli, int argc, char **argv);

#endif
