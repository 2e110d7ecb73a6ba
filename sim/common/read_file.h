/* A whole file into memory, for the small inputs read at once (run
 * records, scenario.ini, lwipopts.h). */
#ifndef LWIPSIM_READ_FILE_H
#define LWIPSIM_READ_FILE_H

#include <stddef.h>

/* The file's bytes, NUL-terminated (malloc'd; *len without the NUL, when
 * len is not NULL), or NULL with "PATH: problem" in err: it cannot be
 * opened or read, or memory ran out. */
char *lwipsim_read_file(const char *path, size_t *len, char *err, size_t errlen);

#endif
