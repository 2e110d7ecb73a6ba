/* The part of a run record the third-party scenario test compares: the keys
 * listed in record_filter.c (documented in tests/third_party/README.md), so a
 * new key in the record does not break the committed expectations, and a
 * change to a compared figure does. */
#ifndef LWIPSIM_RECORD_FILTER_H
#define LWIPSIM_RECORD_FILTER_H

#include <cjson/cJSON.h>

/* A new object holding the compared view of record (a run record as
 * docs/run-record.md describes it). A key missing from the record is null in
 * the view, so a renamed key shows up as a difference. Returns NULL when out
 * of memory. */
cJSON *lwipsim_record_filter(const cJSON *record);

/* The view as text: cJSON's formatted print plus a newline (the committed
 * files are exactly this). Free with free(). */
char *lwipsim_record_filter_text(const cJSON *view);

#endif
