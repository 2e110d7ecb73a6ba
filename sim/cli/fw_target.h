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

/* `replay --target NAME`: the profile's image and the emulator's driver
 * (SOURCE/firmware/emu/chip.mjs) for the runner's --target-image and
 * --emulator; for ilp32, the ILP32 host chip (BUILD/firmware-ilp32) as both. Returns 0; 1 with one line in err when the profile has no image;
 * -1 with one line in err for an unknown target or no driver. */
int lwipsim_fw_target_paths(const char *bin_dir, const char *source_dir, const char *target, const char *profile,
                            char *image, size_t image_len, char *emulator, size_t emulator_len, char *err,
                            size_t errlen);

#endif
