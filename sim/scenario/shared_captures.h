#ifndef LWIPSIM_SCENARIO_SHARED_CAPTURES_H
#define LWIPSIM_SCENARIO_SHARED_CAPTURES_H

#include <stddef.h>

/* Environment variable naming the folder of the shared captures. */
#define LWIPSIM_SHARED_ENV "LWIPSIM_SHARED_CAPTURES"

/* The folder "shared:NAME" captures are read from, for a scenario in
 * scenario_dir: $LWIPSIM_SHARED_CAPTURES when set and not empty, else
 * <repo>/../shared/captures, <repo> being the nearest folder at or above
 * scenario_dir that holds both scenarios/ and lwipopts/. Writes the folder
 * (which need not exist) to out and returns 0; returns -1 when the variable is
 * unset and no repository root is found. */
int lwipsim_shared_captures_dir(const char *scenario_dir, char *out, size_t outlen);

#endif
