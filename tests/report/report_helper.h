/* Runs the built `lwipsim` and reads back what it wrote. */
#ifndef LWIPSIM_REPORT_HELPER_H
#define LWIPSIM_REPORT_HELPER_H

#include <cjson/cJSON.h>

/* lwipsim ARGS... (NULL-terminated); its exit code (-1 on a signal) and the
 * first 4 KiB of its stderr in err. stdout goes to out_path when not NULL. */
int report_lwipsim(char *err, size_t errlen, const char *out_path, ...);
/* A fresh temporary folder (under $TMPDIR). */
const char *report_tmpdir(void);
/* <source dir>/relative */
const char *report_source_path(const char *relative);
cJSON *report_load_json(const char *path);
char *report_read_file(const char *path);
/* The report's profile entry and that profile's pool entry. */
const cJSON *report_profile(const cJSON *report, const char *name);
const cJSON *report_pool(const cJSON *profile, const char *pool);
long report_num(const cJSON *obj, const char *key);
const char *report_str(const cJSON *obj, const char *key);
/* Removes a temporary folder and everything in it. */
void report_rmtree(const char *path);
/* Occurrences of needle in haystack. */
int report_count(const char *haystack, const char *needle);

#endif
