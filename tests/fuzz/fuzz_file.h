/* The fuzz targets whose code under test reads a file: the input written to
 * a private folder (created once per process, under $TMPDIR). */
#ifndef LWIPSIM_FUZZ_FILE_H
#define LWIPSIM_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to DIR/name and its path into path; 0, or -1 on failure. */
int lwipsim_fuzz_write_file(const uint8_t *data, size_t size, const char *name, char *path, size_t cap);

#endif
