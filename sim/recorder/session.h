#ifndef LWIPSIM_RECORDER_SESSION_H
#define LWIPSIM_RECORDER_SESSION_H

#include <signal.h>

#include "recorder/recording.h"

/* Runs the recording described by rec (bin_dir: where `lwipsim` is) and
 * writes its scenario folder. Returns 0, 1 after a one-line error, or 130
 * when *interrupted was set (nothing written). */
int lwipsim_recording_session(struct lwipsim_recording *rec, const char *bin_dir, volatile sig_atomic_t *interrupted);

#endif
