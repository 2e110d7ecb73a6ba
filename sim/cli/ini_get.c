#include "cli/ini_get.h"

#include <ini.h>
#include <stdio.h>
#include <string.h>

struct want {
  const char *section, *key;
  char *out;
  size_t cap;
  int found;
};

static int on_key(void *user, const char *section, const char *name, const char *value)
{
  struct want *w = user;
  if (!w->found && strcmp(section, w->section) == 0 && strcmp(name, w->key) == 0) {
    snprintf(w->out, w->cap, "%s", value);
    w->found = 1;
  }
  return 1;
}

int lwipsim_ini_get(const char *path, const char *section, const char *key, char *out, size_t cap)
{
  struct want w = { section, key, out, cap, 0 };
  if (ini_parse(path, on_key, &w) != 0) {
    return -1;
  }
  return w.found;
}
