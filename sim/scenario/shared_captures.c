/* Where the shared third-party captures are: the folder a scenario's
 * `capture = shared:FILE` names a file in. They live outside the repository
 * and are never copied into it. */
#include "scenario/shared_captures.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The nearest folder at or above dir holding both scenarios/ and lwipopts/:
 * the repository's root, whatever the checkout is called. */
static int find_repo_root(const char *dir, char *root, size_t rootlen)
{
  char path[PATH_MAX + 16];
  struct stat st;
  char *slash;

  if (realpath(dir, root) == NULL || strlen(root) >= rootlen) {
    return -1;
  }
  for (;;) {
    snprintf(path, sizeof(path), "%s/scenarios", root);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      snprintf(path, sizeof(path), "%s/lwipopts", root);
      if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        return 0;
      }
    }
    slash = strrchr(root, '/');
    if (slash == NULL || slash == root) {
      return -1;
    }
    *slash = '\0';
  }
}

int lwipsim_shared_captures_dir(const char *scenario_dir, char *out, size_t outlen)
{
  const char *env = getenv(LWIPSIM_SHARED_ENV);
  char root[PATH_MAX];
  int n;

  if (env != NULL && *env != '\0') {
    n = snprintf(out, outlen, "%s", env);
  } else if (find_repo_root(scenario_dir, root, sizeof(root)) == 0) {
    n = snprintf(out, outlen, "%s/../shared/captures", root);
  } else {
    return -1;
  }
  return n < 0 || (size_t)n >= outlen ? -1 : 0;
}
