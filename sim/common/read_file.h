/* Whole files: into memory, for the small inputs read at once (run
 * records, scenario.ini, lwipopts.h), and out of it, for every output
 * written at once (run records, reports, patched headers). */
#ifndef LWIPSIM_READ_FILE_H
#define LWIPSIM_READ_FILE_H

#include <stddef.h>

/* The file's bytes, NUL-terminated (malloc'd; *len without the NUL, when
 * len is not NULL), or NULL with "PATH: problem" in err: it cannot be
 * opened or read, or memory ran out. */
char *lwipsim_read_file(const char *path, size_t *len, char *err, size_t errlen);

/* Writes len bytes of data to path (created, or emptied first); 0, or -1
 * with errno set and the file removed: a cut-off record or report must not
 * pass for a whole one. */
int lwipsim_write_file(const char *path, const void *data, size_t len);

#endif
