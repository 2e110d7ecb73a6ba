#include "common/json_get.h"

#include "common/read_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long lwipsim_jlong(const cJSON *obj, const char *key, long fallback)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsNumber(v) ? (long)v->valuedouble : fallback;
}

const char *lwipsim_jstr(const cJSON *obj, const char *key, const char *fallback)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsString(v) ? v->valuestring : fallback;
}

const cJSON *lwipsim_record_pool(const cJSON *record, const char *pool)
{
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(record, "pools"))
  {
    if (strcmp(lwipsim_jstr(p, "name", ""), pool) == 0) {
      return p;
    }
  }
  return NULL;
}

cJSON *lwipsim_json_load(const char *path, char *err, size_t errlen)
{
  size_t len;
  char *text = lwipsim_read_file(path, &len, err, errlen);
  if (text == NULL) {
    return NULL;
  }
  cJSON *j = cJSON_ParseWithLength(text, len);
  free(text);
  if (j == NULL) {
    snprintf(err, errlen, "%s: not a JSON document", path);
  }
  return j;
}
