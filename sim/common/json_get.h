/* Small typed getters over cJSON objects that may be NULL or lack the key. */
#ifndef LWIPSIM_REPORT_JSON_GET_H
#define LWIPSIM_REPORT_JSON_GET_H

#include <cjson/cJSON.h>

long lwipsim_jlong(const cJSON *obj, const char *key, long fallback);
const char *lwipsim_jstr(const cJSON *obj, const char *key, const char *fallback);
/* The record's pools[] element named pool, or NULL. */
const cJSON *lwipsim_record_pool(const cJSON *record, const char *pool);
/* Reads and parses a JSON file; NULL (and a message in err) on failure. */
cJSON *lwipsim_json_load(const char *path, char *err, size_t errlen);

#endif
