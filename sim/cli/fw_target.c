#include "cli/fw_target.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
