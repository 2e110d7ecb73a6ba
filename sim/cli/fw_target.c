#include "cli/fw_target.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/json_get.h"
#include "fw_ram/fw_index.h"
#include "fw_ram/fw_ram.h"

/* A whole number in [0, 2^32) at key, else -1. */
static int64_t json_u32(const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4294967295.0 ||
      v->valuedouble != (double)(int64_t)v->valuedouble) {
    return -1;
  }
  return (int64_t)v->valuedouble;
}

/* The figures the report takes from the build's own RAM report beside the
 * image (IMAGE.ram.json: `lwipsim fw-ram --check --json-out` after each
 * link, and again whenever the lwipsim binary changes, firmware/CMakeLists.txt),
 * when it is at least as new as the image: what the image's DWARF gives
 * (test firmware.images asserts they agree), without reading the DWARF, some
 * 20 M instructions an image and a tenth of a report's front end. 0, or -1
 * (no such report, an older one, or one without these figures): read the image. */
static int read_build_report(const char *image, struct lwipsim_fw_ram *r)
{
  char path[PATH_MAX + 64], err[PATH_MAX + 128];
  size_t len = strlen(image);
  struct stat si, sj;
  if (len < 4 || strcmp(image + len - 4, ".elf") != 0 ||
      snprintf(path, sizeof path, "%.*s.ram.json", (int)(len - 4), image) >= (int)sizeof path ||
      stat(image, &si) != 0 || stat(path, &sj) != 0 ||
      (sj.st_mtim.tv_sec < si.st_mtim.tv_sec ||
       (sj.st_mtim.tv_sec == si.st_mtim.tv_sec && sj.st_mtim.tv_nsec < si.st_mtim.tv_nsec))) {
    return -1;
  }
  cJSON *doc = lwipsim_json_load(path, err, sizeof err);
  const cJSON *heap = cJSON_GetObjectItemCaseSensitive(doc, "pools_from_heap");
  const cJSON *pools = cJSON_GetObjectItemCaseSensitive(doc, "pools");
  int64_t image_bytes = json_u32(doc, "image_bytes"), sram = json_u32(doc, "sram_bytes");
  int64_t lwip = json_u32(doc, "lwip_bytes");
  int ok = cJSON_IsBool(heap) && cJSON_IsArray(pools) && cJSON_GetArraySize(pools) <= LWIPSIM_FW_MAX_POOLS &&
           image_bytes >= 0 && sram >= 0 && lwip >= 0;
  memset(r, 0, sizeof *r);
  r->pools_malloc = cJSON_IsTrue(heap);
  r->image_bytes = (uint32_t)image_bytes;
  r->sram_bytes = (uint32_t)sram;
  r->lwip_bytes = (uint32_t)lwip;
  const cJSON *p, *each = ok ? pools : NULL;
  cJSON_ArrayForEach(p, each)
  {
    struct lwipsim_fw_pool *fp = &r->pools[r->n_pools++];
    const char *name = lwipsim_jstr(p, "name", "");
    int64_t elem = json_u32(p, "element_bytes"), num = json_u32(p, "elements"), bytes = json_u32(p, "bytes");
    /* elements is null for pools on the heap, and unread then */
    ok = ok && name[0] != '\0' && strlen(name) < sizeof fp->name && elem >= 0 && bytes >= 0 &&
         (num >= 0 || r->pools_malloc);
    snprintf(fp->name, sizeof fp->name, "%s", name);
    fp->elem_bytes = (uint32_t)elem;
    fp->num = num >= 0 ? (uint32_t)num : 0;
    fp->bytes = (uint32_t)bytes;
  }
  cJSON_Delete(doc);
  return ok ? 0 : -1;
}

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
  if (r == NULL || (read_build_report(path, r) != 0 && lwipsim_fw_ram_read(path, r, err, sizeof err) != 0)) {
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
