/* cJSON_Print, with integers written the cheap way. */
#ifndef LWIPSIM_COMMON_JSON_PRINT_H
#define LWIPSIM_COMMON_JSON_PRINT_H

#include <cjson/cJSON.h>

/* The same text cJSON_Print writes (byte for byte), or NULL when out of
 * memory. Every number in doc that is an integer below 10^15 is turned into
 * a raw item holding its decimal digits first (valuedouble and valueint are
 * kept, so the tree still reads as before); doc is meant to be printed and
 * then deleted. */
char *lwipsim_json_print(cJSON *doc);

#endif
