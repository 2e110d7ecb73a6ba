/* `lwipsim report --lwipopts DIR`: a user's own lwipopts.h folder, staged in
 * the build tree as a profile and built on request (CMake cache variable
 * LWIPSIM_EXTRA_PROFILES, targets excluded from `all`). */
#ifndef LWIPSIM_USER_PROFILE_H
#define LWIPSIM_USER_PROFILE_H

#include <limits.h>
#include <stddef.h>

#include "cli/profiles_index.h"

struct lwipsim_user_profile {
  char dir[PATH_MAX];     /* the user's folder, absolute */
  char name[128];         /* its basename: the profile name */
  char staged[PATH_MAX];  /* BUILD/user-profiles/NAME */
};

/* Stages every folder (profile.ini in it, or lwip_version/assert_policy from
 * the flags, which win), configures the build tree with them and builds their
 * runners. On success the profile index is reloaded into idx. Returns 0, or 2
 * after a one-line error naming the folder or header. */
int lwipsim_user_profiles_build(struct lwipsim_user_profile *ups, size_t n, const char *lwip_version,
                                const char *assert_policy, int jobs, struct lwipsim_profiles_index *idx,
                                const char *bin_dir);

#endif
