/* Where this lwipsim's parts are, found from the executable's own path
 * (/proc/self/exe), never from paths compiled in: the runners, profiles.tsv
 * and layout.tsv sit next to lwipsim in a build tree (BUILD/bin), or in the
 * installed runner folder (PREFIX/libexec/lwipsim, LWIPSIM_RUNNER_DIR_FROM_BIN
 * relative to PREFIX/bin). layout.tsv (written by CMake: cmake/LwipsimProfile.cmake
 * and cmake/LwipsimInstall.cmake) names the rest; a relative path in it is
 * relative to its own folder. */
#ifndef LWIPSIM_LAYOUT_H
#define LWIPSIM_LAYOUT_H

#include <limits.h>
#include <stddef.h>

#define LWIPSIM_LAYOUT_MAX_ARGS 16

struct lwipsim_layout {
  char exe_dir[PATH_MAX];                  /* the folder lwipsim itself is in */
  char runner_dir[PATH_MAX];               /* runners, profiles.tsv, layout.tsv */
  char data_dir[PATH_MAX];                 /* the bundled lwipopts/ and scenarios/ */
  char source_dir[PATH_MAX];               /* the CMake project a user profile is built from */
  char lwip_cache[PATH_MAX];               /* lwIP trees by version (LWIPSIM_LWIP_CACHE) */
  char lwip_dir[PATH_MAX];                 /* one lwIP tree for every profile (LWIP_DIR), or "" */
  char user_build[PATH_MAX];               /* where user profiles are built; "": the user's cache */
  char cmake[PATH_MAX];                    /* the cmake that configured this build */
  char args[LWIPSIM_LAYOUT_MAX_ARGS][512]; /* -D arguments for a user profile's build */
  size_t n_args;
};

/* Fills the layout from the running executable. Returns it, or NULL with a
 * message in err. */
const struct lwipsim_layout *lwipsim_layout_load(char *err, size_t errlen);
/* The layout lwipsim_layout_load filled last (the front end loads it once). */
const struct lwipsim_layout *lwipsim_layout(void);

#endif
