/* Reads the log of a failed profile build (`report --lwipopts`) and says, one
 * line per missing thing, what the firmware header refers to that nobody
 * here provides: an include that is not found, or a symbol the link cannot
 * resolve. Each line names the header line that refers to it and what to put
 * in the profile's shims/ folder (docs/profiles.md), so the user never reads
 * a compiler or linker log to find out. */
#ifndef LWIPSIM_BUILD_DIAGNOSE_H
#define LWIPSIM_BUILD_DIAGNOSE_H

#include <stdio.h>

/* log: the build's output; dir: the user's profile folder (where lwipopts.h,
 * its other headers and shims/ live); prefix: the command's name for each
 * line ("lwipsim report"). Prints to out and returns how many lines it
 * printed: 0 when the log shows no missing include or symbol (some other
 * error, for the caller to report). */
int lwipsim_build_diagnose(const char *log, const char *dir, const char *prefix, FILE *out);

#endif
