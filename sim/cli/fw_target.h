/* The report's target figures: a profile's firmware image read with
 * lwipsim fw-ram's reader, as the report input's "target" object
 * (sim/report/target_ram.h). */
#ifndef LWIPSIM_CLI_FW_TARGET_H
#define LWIPSIM_CLI_FW_TARGET_H

#include <cjson/cJSON.h>

/* The target object for profile, or NULL when the firmware build beside
 * this lwipsim (BIN_DIR/../firmware) has no readable image for it; an image
 * that is there but unreadable is said on stderr, in one line. */
cJSON *lwipsim_fw_target_input(const char *bin_dir, const char *profile);

#endif
