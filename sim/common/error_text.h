/* One-line error messages for input problems: every reader reports through
 * an (err, errlen) pair the caller prints as is. */
#ifndef LWIPSIM_ERROR_TEXT_H
#define LWIPSIM_ERROR_TEXT_H

#include <stddef.h>

/* Formats into err; does nothing when err is NULL or errlen is 0. */
void lwipsim_set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Cuts trailing newlines (libpcap's messages sometimes end in one). */
void lwipsim_strip_newline(char *s);

#endif
