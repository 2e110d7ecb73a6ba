/* The build's list of profiles and their runners (profiles.tsv, written by
 * CMake: BUILD/bin, or PREFIX/libexec/lwipsim when installed). */
#ifndef LWIPSIM_PROFILES_INDEX_H
#define LWIPSIM_PROFILES_INDEX_H

#include <limits.h>
#include <stddef.h>

struct lwipsim_profile_entry {
  char name[128];
  char lwip_version[32];
  char assert_policy[16];
  char runner[PATH_MAX]; /* absolute path */
  char dir[PATH_MAX];
  char description[256];
  char demand_runner[PATH_MAX]; /* absolute path: pools compiled large */
};

struct lwipsim_profiles_index {
  struct lwipsim_profile_entry *entries;
  size_t n;
};

/* Reads BIN_DIR/profiles.tsv: runners are relative to BIN_DIR, and so is a
 * profile folder that is not absolute (an installed index). Returns 0, or -1
 * with a message in err. */
int lwipsim_profiles_load(const char *bin_dir, struct lwipsim_profiles_index *idx, char *err, size_t errlen);
/* The same, adding to the entries idx already has (on error idx is freed). */
int lwipsim_profiles_append(const char *bin_dir, struct lwipsim_profiles_index *idx, char *err, size_t errlen);
/* The entry for name (and lwip_version unless NULL), or NULL. */
const struct lwipsim_profile_entry *lwipsim_profiles_find(const struct lwipsim_profiles_index *idx, const char *name,
                                                          const char *lwip_version);
void lwipsim_profiles_free(struct lwipsim_profiles_index *idx);

#endif
