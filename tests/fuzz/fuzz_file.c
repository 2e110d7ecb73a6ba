#include "fuzz_file.h"

#include <stdio.h>
#include <stdlib.h>

int lwipsim_fuzz_write_file(const uint8_t *data, size_t size, const char *name, char *path, size_t cap)
{
  static char dir[48];
  FILE *f;
  int ok;

  if (dir[0] == '\0') {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%.20s/lwipsim-fuzz-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
      dir[0] = '\0';
      return -1;
    }
  }
  snprintf(path, cap, "%s/%s", dir, name);
  f = fopen(path, "wb");
  if (f == NULL) {
    return -1;
  }
  ok = fwrite(data, 1, size, f) == size;
  return fclose(f) == 0 && ok ? 0 : -1;
}
