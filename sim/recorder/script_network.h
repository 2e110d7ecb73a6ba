#ifndef LWIPSIM_RECORDER_SCRIPT_NETWORK_H
#define LWIPSIM_RECORDER_SCRIPT_NETWORK_H

#include <stddef.h>

#include "recorder/recording.h"

#define LWIPSIM_REC_DEFAULT_DEVICE_MAC "28:cd:c1:03:9e:26"
#define LWIPSIM_REC_PEER_MAC "02:77:00:00:00:01"

/* Fills rec's addresses, MACs, host name and seed from rec->script. Returns
 * 0, or -1 with a one-line problem naming the script in err. */
int lwipsim_recording_from_script(struct lwipsim_recording *rec, char *err, size_t errlen);

#endif
