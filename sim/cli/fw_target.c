#include "cli/fw_target.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fw_ram/fw_index.h"
#include "fw_ram/fw_ram.h"

cJSON *lwipsim_fw_target_input(const char *bin_dir, const char *profile)
{
  char dir[PATH_MAX], path[PATH_MAX + 64], err[PATH_MAX + 128] = "";
  lwipsim_fw_default_dir(bin_dir, dir, sizeof dir);
  if (lwipsim_fw_image_for(dir, profile, path, sizeof path, err, sizeof err) <= 0) {
    if (err[0] != '\0') {
      fprintf(stderr, "lwipsim report: %s (RAM figures stay host figures)\n", err);
    }
    return NULL;
  }
  struct lwipsim_fw_ram *r = malloc(sizeof *r);
  if (r == NULL || lwipsim_fw_ram_read(path, r, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim report: %s (RAM figures stay host figures)\n", r ? err : "out of memory");
    free(r);
    return NULL;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", "rp2040");
  /* the file name only: the report is the same wherever the build is */
  const char *base = strrchr(path, '/');
  cJSON_AddStringToObject(o, "image", base ? base + 1 : path);
  cJSON_AddNumberToObject(o, "image_bytes", r->image_bytes);
  cJSON_AddNumberToObject(o, "sram_bytes", r->sram_bytes);
  cJSON_AddNumberToObject(o, "lwip_bytes", r->lwip_bytes);
  cJSON *pools = cJSON_AddArrayToObject(o, "pools");
  for (size_t i = 0; i < r->n_pools; i++) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "name", r->pools[i].name);
    cJSON_AddNumberToObject(p, "element_bytes", r->pools[i].elem_bytes);
    if (r->pools_malloc) {
      cJSON_AddNumberToObject(p, "elements", -1);
    } else {
      cJSON_AddNumberToObject(p, "elements", r->pools[i].num);
    }
    cJSON_AddNumberToObject(p, "bytes", r->pools[i].bytes);
    cJSON_AddItemToArray(pools, p);
  }
  free(r);
  return o;
}

int lwipsim_fw_target_paths(const char *bin_dir, const char *source_dir, const char *target, const char *profile,
                            char *image, size_t image_len, char *emulator, size_t emulator_len, char *err,
                            size_t errlen)
{
  int ilp32 = strcmp(target, "ilp32") == 0;
  if (strcmp(target, "rp2040") != 0 && !ilp32) {
    snprintf(err, errlen, "--target %s: the targets are rp2040 and ilp32", target);
    return -1;
  }
  char dir[PATH_MAX + 8];
  lwipsim_fw_default_dir(bin_dir, dir, PATH_MAX);
  if (ilp32) {
    /* the ILP32 host chip's build beside the RP2040's (cmake/LwipsimFirmware.cmake) */
    strcat(dir, "-ilp32");
  }
  err[0] = '\0';
  int found = lwipsim_fw_image_for(dir, profile, image, image_len, err, errlen);
  if (found < 0) {
    return -1;
  }
  if (found == 0) {
    snprintf(err, errlen,
             ilp32 ? "--target ilp32: no ILP32 host chip for profile %s in %s/bin/firmware.tsv (the build makes "
                     "one for each profile in lwipopts/ when gcc-multilib is installed)"
                   : "--target rp2040: no firmware image for profile %s in %s/bin/firmware.tsv (the build makes "
                     "one for each profile in lwipopts/ when gcc-arm-none-eabi and picolibc-arm-none-eabi are "
                     "installed)",
             profile, dir);
    return 1;
  }
  if (ilp32) {
    /* it is its own emulator: it speaks chip.mjs's protocol (firmware/ilp32/ilp32_chip.c) */
    snprintf(emulator, emulator_len, "%s", image);
    return 0;
  }
  snprintf(emulator, emulator_len, "%s/firmware/emu/chip.mjs", source_dir);
  if (access(emulator, R_OK) != 0) {
    snprintf(err, errlen, "--target rp2040: %s: the emulator driver is missing", emulator);
    return -1;
  }
  return 0;
}
