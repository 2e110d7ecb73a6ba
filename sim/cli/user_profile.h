/* `lwipsim report --lwipopts DIR`: a user's own lwipopts.h folder, staged as
 * a profile in a build folder of its own (--build-dir, a build tree's
 * BUILD/user-build, or $XDG_CACHE_HOME/lwipsim for an installed lwipsim),
 * configured from the layout's sources with LWIPSIM_USER_BUILD=ON and
 * LWIPSIM_EXTRA_PROFILES, and built on request. One build at a time per
 * folder (flock on its lwipsim.lock). */
#ifndef LWIPSIM_USER_PROFILE_H
#define LWIPSIM_USER_PROFILE_H

#include <limits.h>
#include <stddef.h>

#include "cli/profiles_index.h"

struct lwipsim_user_profile {
  char dir[PATH_MAX];    /* the user's folder, absolute */
  char name[128];        /* its basename: the profile name */
  char staged[PATH_MAX]; /* USERBUILD/user-profiles/NAME */
};

/* Stages every folder (profile.ini in it, or lwip_version/assert_policy from
 * the flags, which win), configures the user build folder (build_dir, or NULL
 * for the default) with them and builds their runners. On success their
 * entries are added to idx. Returns 0, or 2 after a one-line error naming the
 * folder or header. */
int lwipsim_user_profiles_build(struct lwipsim_user_profile *ups, size_t n, const char *lwip_version,
                                const char *assert_policy, int jobs, const char *build_dir,
                                struct lwipsim_profiles_index *idx);

/* The default build folder of user profiles (a build tree's BUILD/user-build,
 * else $XDG_CACHE_HOME/lwipsim/build-VERSION-TAG). 0, or -1 if there is none. */
int lwipsim_user_build_default(char *out, size_t cap);

#endif
