#include "record_filter.h"

#include <stdlib.h>
#include <string.h>

/* The compared keys. fields == NULL: the value is copied whole (objects
 * included, so counters the replay adds to frames or divergence are compared
 * once the expectations are regenerated). Otherwise only the named fields of
 * the object, or of each object of the array, are kept. Keep in step with
 * tests/third_party/README.md. */
static const struct {
  const char *key;
  const char *const *fields;
} kept[] = {
  { "profile", NULL },
  { "lwip_version", NULL },
  { "outcome", NULL },
  { "exit_code", NULL },
  { "end_time_ms", NULL },
  { "panic", (const char *const[]){ "message", "file", "line", "time_ms", "arming", NULL } },
  { "crash", (const char *const[]){ "signal_name", "time_ms", NULL } },
  { "asserts", (const char *const[]){ "count", NULL } },
  { "heap", (const char *const[]){ "peak_bytes", "failed", NULL } },
  { "pools", (const char *const[]){ "name", "peak", "failed", NULL } },
  { "frames", NULL },
  { "divergence", NULL },
  { "tx_match", NULL },
};

static cJSON *copy_or_null(const cJSON *v) { return v != NULL ? cJSON_Duplicate(v, 1) : cJSON_CreateNull(); }

static cJSON *pick_fields(const cJSON *obj, const char *const *fields)
{
  cJSON *out = cJSON_CreateObject();

  for (; out != NULL && *fields != NULL; fields++) {
    cJSON *v = copy_or_null(cJSON_GetObjectItemCaseSensitive(obj, *fields));

    if (v == NULL || !cJSON_AddItemToObject(out, *fields, v)) {
      cJSON_Delete(v);
      cJSON_Delete(out);
      return NULL;
    }
  }
  return out;
}

static cJSON *filter_value(const cJSON *v, const char *const *fields)
{
  if (fields == NULL || v == NULL || cJSON_IsNull(v)) {
    return copy_or_null(v);
  }
  if (cJSON_IsObject(v)) {
    return pick_fields(v, fields);
  }
  if (cJSON_IsArray(v)) {
    cJSON *out = cJSON_CreateArray();
    const cJSON *e;

    cJSON_ArrayForEach(e, v)
    {
      cJSON *f = out != NULL ? filter_value(e, fields) : NULL;

      if (f == NULL || !cJSON_AddItemToArray(out, f)) {
        cJSON_Delete(f);
        cJSON_Delete(out);
        return NULL;
      }
    }
    return out;
  }
  return cJSON_Duplicate(v, 1); /* not the expected shape: keep it, the diff shows it */
}

cJSON *lwipsim_record_filter(const cJSON *record)
{
  cJSON *view = cJSON_CreateObject();
  size_t i;

  for (i = 0; view != NULL && i < sizeof(kept) / sizeof(kept[0]); i++) {
    cJSON *v = filter_value(cJSON_GetObjectItemCaseSensitive(record, kept[i].key), kept[i].fields);

    if (v == NULL || !cJSON_AddItemToObject(view, kept[i].key, v)) {
      cJSON_Delete(v);
      cJSON_Delete(view);
      return NULL;
    }
  }
  return view;
}

char *lwipsim_record_filter_text(const cJSON *view)
{
  char *body = cJSON_Print(view);
  char *text;
  size_t n;

  if (body == NULL) {
    return NULL;
  }
  n = strlen(body);
  text = malloc(n + 2);
  if (text != NULL) {
    memcpy(text, body, n);
    text[n] = '\n';
    text[n + 1] = '\0';
  }
  cJSON_free(body);
  return text;
}
