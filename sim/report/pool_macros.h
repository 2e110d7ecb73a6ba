/* Which lwipopts.h macro sizes each memp pool, and the line to paste. */
#ifndef LWIPSIM_REPORT_POOL_MACROS_H
#define LWIPSIM_REPORT_POOL_MACROS_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* The macro for a pool as the record names it (SYS_TIMEOUT ->
 * MEMP_NUM_SYS_TIMEOUT), or NULL for a pool we do not know. */
const char *lwipsim_pool_macro(const char *pool);

/* The lwipopts.h line that sizes POOL at value. options is the record's
 * "options" object or NULL; for SYS_TIMEOUT with LWIP_NUM_SYS_TIMEOUT_INTERNAL
 * known the line is relative to it, as lwIP's own examples write it.
 * Returns 0, or -1 when the pool has no known macro. */
int lwipsim_paste_line(const char *pool, long value, const cJSON *options, char *buf, size_t cap);

#endif
