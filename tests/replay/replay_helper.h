/* Runs `lwipsim` (the built front end) and reads back what it wrote. */
#ifndef LWIPSIM_REPLAY_HELPER_H
#define LWIPSIM_REPLAY_HELPER_H

#include <cjson/cJSON.h>
#include <stddef.h>

struct replay_result {
  int exit_code;        /* -1 when lwipsim itself died on a signal */
  char err[2048];       /* its stderr */
  char json_path[512];
  cJSON *record;        /* NULL when no record was written */
};

/* lwipsim replay --profile P --scenario DIR --json TMP [extra...] (NULL-terminated) */
void replay_run(struct replay_result *r, const char *profile, const char *scenario_dir, ...);
void replay_free(struct replay_result *r);

/* The bundled scenario or test scenario dir, absolute. */
const char *replay_source_path(const char *relative);
/* A fresh temporary directory for this test. */
const char *replay_tmpdir(void);

const cJSON *replay_pool(const cJSON *record, const char *name);
double replay_num(const cJSON *obj, const char *key);
const char *replay_str(const cJSON *obj, const char *key);
/* How many strings in the array start with prefix. */
int replay_count_prefix(const cJSON *array, const char *prefix);
char *replay_read_file(const char *path, size_t *len);
void replay_write_file(const char *path, const void *data, size_t len);

#endif
