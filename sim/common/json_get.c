#include "common/json_get.h"

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
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  char *text = NULL;
  size_t len = 0, cap = 0;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (len + n + 1 > cap) {
      cap = (len + n + 1) * 2;
      char *grown = realloc(text, cap);
      if (grown == NULL) {
        free(text);
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
      }
      text = grown;
    }
    memcpy(text + len, chunk, n);
    len += n;
  }
  fclose(f);
  cJSON *j = text ? cJSON_ParseWithLength(text, len) : NULL;
  free(text);
  if (j == NULL) {
    snprintf(err, errlen, "%s: not a JSON document", path);
  }
  return j;
}
