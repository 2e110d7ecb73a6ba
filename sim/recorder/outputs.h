#ifndef LWIPSIM_RECORDER_OUTPUTS_H
#define LWIPSIM_RECORDER_OUTPUTS_H

#include <stddef.h>

#include "recorder/recording.h"

/* Writes rec->out_dir from rec->work. Returns 0, or -1 with one line in err. */
int lwipsim_recording_write_outputs(struct lwipsim_recording *rec, char *err, size_t errlen);

#endif
