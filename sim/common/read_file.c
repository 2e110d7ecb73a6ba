#include "common/read_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *lwipsim_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  char *text = NULL;
  size_t used = 0, cap = 0;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (used + n + 1 > cap) {
      cap = (used + n + 1) * 2;
      char *grown = realloc(text, cap);
      if (grown == NULL) {
        free(text);
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
      }
      text = grown;
    }
    memcpy(text + used, chunk, n);
    used += n;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(text);
    snprintf(err, errlen, "%s: cannot read", path);
    return NULL;
  }
  if (text == NULL && (text = calloc(1, 1)) == NULL) {
    snprintf(err, errlen, "%s: out of memory", path);
    return NULL;
  }
  text[used] = '\0';
  if (len != NULL) {
    *len = used;
  }
  return text;
}

int lwipsim_write_file(const char *path, const void *data, size_t len)
{
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return -1;
  }
  errno = 0;
  size_t n = len > 0 ? fwrite(data, 1, len, f) : 0;
  int failed = n != len;
  int saved = errno;
  if (fclose(f) != 0 && !failed) {
    failed = 1;
    saved = errno;
  }
  if (!failed) {
    return 0;
  }
  unlink(path);
  errno = saved != 0 ? saved : EIO;
  return -1;
}
