#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/user_profile.h"

/* The user profiles the last `report --lwipopts` built in the default user
 * build folder are profiles too (`lwipsim replay --profile NAME`), unless a
 * built-in profile has the name. */
static void add_user_profiles(struct lwipsim_profiles_index *idx)
{
  char dir[PATH_MAX], bin[PATH_MAX + 8], err[PATH_MAX + 128];
  if (lwipsim_user_build_default(dir, sizeof dir) != 0) {
    return;
  }
  snprintf(bin, sizeof bin, "%s/bin", dir);
  struct lwipsim_profiles_index user;
  if (lwipsim_profiles_load(bin, &user, err, sizeof err) != 0) {
    return; /* none built yet */
  }
  for (size_t i = 0; i < user.n; i++) {
    if (lwipsim_profiles_find(idx, user.entries[i].name, NULL) != NULL) {
      continue;
    }
    struct lwipsim_profile_entry *grown = realloc(idx->entries, (idx->n + 1) * sizeof *grown);
    if (grown == NULL) {
      break;
    }
    idx->entries = grown;
    idx->entries[idx->n++] = user.entries[i];
  }
  lwipsim_profiles_free(&user);
}

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
  add_user_profiles(&cli->profiles);
  return 0;
}

void lwipsim_cli_free(struct lwipsim_cli *cli) { lwipsim_profiles_free(&cli->profiles); }
