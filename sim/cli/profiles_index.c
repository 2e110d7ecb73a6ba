#include "cli/profiles_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_field(char *dst, size_t cap, const char *src)
{
  size_t n = src != NULL ? strlen(src) : 0;
  n = n < cap ? n : cap - 1;
  memcpy(dst, src != NULL ? src : "", n);
  dst[n] = '\0';
}

int lwipsim_profiles_load(const char *bin_dir, struct lwipsim_profiles_index *idx, char *err, size_t errlen)
{
  memset(idx, 0, sizeof *idx);
  return lwipsim_profiles_append(bin_dir, idx, err, errlen);
}

int lwipsim_profiles_append(const char *bin_dir, struct lwipsim_profiles_index *idx, char *err, size_t errlen)
{
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/profiles.tsv", bin_dir);
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, errlen, "%s: cannot read the profile list; is this a complete lwipsim build?", path);
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  /* Entries are 13 KiB each (three PATH_MAX paths): the array grows by
   * doubling and each entry is written in place, not copied in, so loading
   * the index is not most of what a front end does before it execs a runner
   * (issue 12). Entries already there fill their array exactly (callers
   * append one at a time). */
  size_t room = idx->n;
  while (getline(&line, &cap, f) > 0) {
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '\0') {
      continue;
    }
    char *save = NULL;
    char *fields[7] = { 0 };
    char *p = line;
    for (int i = 0; i < 7; i++) {
      fields[i] = strtok_r(p, "\t", &save);
      p = NULL;
    }
    if (fields[6] == NULL) {
      snprintf(err, errlen, "%s: malformed line '%s'", path, line);
      free(line);
      fclose(f);
      lwipsim_profiles_free(idx);
      return -1;
    }
    if (idx->n == room) {
      size_t more = room < 8 ? 16 : 2 * room;
      struct lwipsim_profile_entry *grown = realloc(idx->entries, more * sizeof *grown);
      if (grown == NULL) {
        break;
      }
      idx->entries = grown;
      room = more;
    }
    struct lwipsim_profile_entry *ep = &idx->entries[idx->n];
    copy_field(ep->name, sizeof ep->name, fields[0]);
    copy_field(ep->lwip_version, sizeof ep->lwip_version, fields[1]);
    copy_field(ep->assert_policy, sizeof ep->assert_policy, fields[2]);
    snprintf(ep->runner, sizeof ep->runner, "%s/%s", bin_dir, fields[3]);
    if (fields[4][0] == '/') {
      copy_field(ep->dir, sizeof ep->dir, fields[4]);
    } else {
      /* an installed profile: its folder relative to the index's */
      char joined[PATH_MAX * 2];
      snprintf(joined, sizeof joined, "%s/%s", bin_dir, fields[4]);
      char *real = realpath(joined, NULL);
      copy_field(ep->dir, sizeof ep->dir, real != NULL ? real : joined);
      free(real);
    }
    copy_field(ep->description, sizeof ep->description, fields[5]);
    snprintf(ep->demand_runner, sizeof ep->demand_runner, "%s/%s", bin_dir, fields[6]);
    idx->n++;
  }
  free(line);
  fclose(f);
  return 0;
}

const struct lwipsim_profile_entry *lwipsim_profiles_find(const struct lwipsim_profiles_index *idx, const char *name,
                                                          const char *lwip_version)
{
  for (size_t i = 0; i < idx->n; i++) {
    if (strcmp(idx->entries[i].name, name) == 0 &&
        (lwip_version == NULL || strcmp(idx->entries[i].lwip_version, lwip_version) == 0)) {
      return &idx->entries[i];
    }
  }
  return NULL;
}

void lwipsim_profiles_free(struct lwipsim_profiles_index *idx)
{
  free(idx->entries);
  idx->entries = NULL;
  idx->n = 0;
}
