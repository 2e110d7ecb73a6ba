#include "fw_ram/fw_index.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/error_text.h"

void lwipsim_fw_default_dir(const char *bin_dir, char *out, size_t outlen)
{
  snprintf(out, outlen, "%s/../firmware", bin_dir);
}

int lwipsim_fw_image_for(const char *fw_dir, const char *profile, char *path, size_t pathlen, char *err, size_t errlen)
{
  char index[4096];
  snprintf(index, sizeof index, "%s/bin/firmware.tsv", fw_dir);
  FILE *f = fopen(index, "r");
  if (f == NULL) {
    if (errno == ENOENT) {
      return 0;
    }
    lwipsim_set_err(err, errlen, "%s: cannot read (%s)", index, strerror(errno));
    return -1;
  }
  char line[8192];
  int found = 0;
  while (!found && fgets(line, sizeof line, f) != NULL) {
    /* profile \t version \t image \t folder */
    char *name = strtok(line, "\t\n");
    strtok(NULL, "\t\n");
    char *image = strtok(NULL, "\t\n");
    if (name != NULL && image != NULL && strcmp(name, profile) == 0) {
      snprintf(path, pathlen, "%s/bin/%s", fw_dir, image);
      found = access(path, R_OK) == 0;
    }
  }
  fclose(f);
  return found;
}
