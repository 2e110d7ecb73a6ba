/* Parsing the run records the front end reads by the hundred (a report reads
 * some 700): the same cJSON tree cJSON_ParseWithLength makes, built without
 * its strtod and localeconv per number, which were a third of the parse
 * (issue 12). Only the plain part of JSON is taken here: integers of at most
 * 15 digits, strings without escapes, true, false, null, objects and arrays.
 * Anything else (a fraction, an exponent, an escape, "-0", a leading zero,
 * a syntax error) is left to cJSON, which parses the whole text again, so
 * what comes back is always what cJSON would give. */
#ifndef LWIPSIM_COMMON_JSON_PARSE_H
#define LWIPSIM_COMMON_JSON_PARSE_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* text[0..len) as cJSON_ParseWithLength(text, len) parses it, or NULL where
 * it gives NULL. */
cJSON *lwipsim_json_parse(const char *text, size_t len);

#endif
