#include "report/target_ram.h"

#include <string.h>

#include "common/json_get.h"

static const cJSON *target_pool(const cJSON *target, const char *name)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(target, "pools"))
  {
    if (strcmp(lwipsim_jstr(p, "name", ""), name) == 0) {
      return p;
    }
  }
  return NULL;
}

void lwipsim_report_target_pool(cJSON *pool, const cJSON *target, long size, long recommended)
{
  const cJSON *tp = target ? target_pool(target, lwipsim_jstr(pool, "name", "")) : NULL;
  long elem = tp ? lwipsim_jlong(tp, "element_bytes", 0) : 0;
  cJSON_AddStringToObject(pool, "ram_figures", tp && elem > 0 ? "target" : "host");
  if (tp == NULL || elem <= 0) {
    cJSON_AddNullToObject(pool, "target_element_bytes");
    cJSON_AddNullToObject(pool, "target_change_bytes");
    cJSON_AddNullToObject(pool, "target_pool_bytes");
    return;
  }
  cJSON_AddNumberToObject(pool, "target_element_bytes", (double)elem);
  long n = lwipsim_jlong(tp, "elements", -1), bytes = lwipsim_jlong(tp, "bytes", 0);
  if (size < 0 || n < 0) {
    /* no count limit (MEMP_MEM_MALLOC): elements come from the heap */
    cJSON_AddNullToObject(pool, "target_change_bytes");
    cJSON_AddNullToObject(pool, "target_pool_bytes");
    return;
  }
  cJSON_AddNumberToObject(pool, "target_change_bytes", (double)((recommended - size) * elem));
  /* memp.h: LWIP_MEM_ALIGN_BUFFER(num x elem) = num x elem + MEM_ALIGNMENT - 1;
   * the image's own array says what that padding is. */
  long pad = bytes - n * elem;
  long at = recommended > size ? recommended : size;
  cJSON_AddNumberToObject(pool, "target_pool_bytes", (double)(at * elem + (pad > 0 ? pad : 0)));
}

cJSON *lwipsim_report_target_summary(const cJSON *target, const cJSON *report_pools)
{
  if (!cJSON_IsObject(target)) {
    return NULL;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", lwipsim_jstr(target, "name", "rp2040"));
  cJSON_AddStringToObject(o, "image", lwipsim_jstr(target, "image", ""));
  long image = lwipsim_jlong(target, "image_bytes", 0), sram = lwipsim_jlong(target, "sram_bytes", 0);
  cJSON_AddNumberToObject(o, "sram_bytes", (double)sram);
  cJSON_AddNumberToObject(o, "image_bytes", (double)image);
  cJSON_AddNumberToObject(o, "lwip_bytes", (double)lwipsim_jlong(target, "lwip_bytes", 0));
  /* Only raised pools change the image (a recommendation below the size
   * means "keep"), and only those the tables show, with their paste lines:
   * the figure is what the reader is told to change. */
  long raised = 0;
  const cJSON *p;
  cJSON_ArrayForEach(p, report_pools)
  {
    long change = lwipsim_jlong(p, "target_change_bytes", 0);
    if (change > 0 && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "interesting"))) {
      raised += change;
    }
  }
  cJSON_AddNumberToObject(o, "image_bytes_recommended", (double)(image + raised));
  cJSON_AddBoolToObject(o, "fits", image <= sram);
  cJSON_AddBoolToObject(o, "fits_recommended", image + raised <= sram);
  return o;
}
