#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

int lwipsim_cmd_profiles(const struct lwipsim_cli *cli, int argc, char **argv)
{
  if (argc > 1) {
    if (strcmp(argv[1], "--help") == 0) {
      printf("usage: lwipsim profiles\n\nLists the profiles built into this lwipsim: name, lwIP version, assert "
             "policy.\n");
      return 0;
    }
    fprintf(stderr, "lwipsim profiles: unexpected argument '%s' (see --help)\n", argv[1]);
    return 2;
  }
  printf("%-36s %-7s %-7s %s\n", "profile", "lwIP", "assert", "description");
  for (size_t i = 0; i < cli->profiles.n; i++) {
    const struct lwipsim_profile_entry *e = &cli->profiles.entries[i];
    printf("%-36s %-7s %-7s %s\n", e->name, e->lwip_version, e->assert_policy, e->description);
  }
  return 0;
}
