/* Where a profile's firmware image is: the firmware build's bin/firmware.tsv
 * (firmware/CMakeLists.txt: profile, lwIP version, image, profile folder). */
#ifndef LWIPSIM_FW_INDEX_H
#define LWIPSIM_FW_INDEX_H

#include <stddef.h>

/* The firmware build folder of the host build whose bin/ is bin_dir
 * (BUILD/firmware, cmake/LwipsimFirmware.cmake). */
void lwipsim_fw_default_dir(const char *bin_dir, char *out, size_t outlen);

/* Finds profile's image in FW_DIR/bin/firmware.tsv. Returns 1 and the
 * absolute image path when the index names it and the image exists, 0 when
 * it does not, -1 with a one-line message in err when the index is
 * unreadable (absent: 0, no message). */
int lwipsim_fw_image_for(const char *fw_dir, const char *profile, char *path, size_t pathlen, char *err, size_t errlen);

#endif
