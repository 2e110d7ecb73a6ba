/* A growing text buffer for the report renderers. */
#ifndef LWIPSIM_REPORT_STRBUF_H
#define LWIPSIM_REPORT_STRBUF_H

#include <stddef.h>

struct lwipsim_sb {
  char *s;
  size_t len, cap;
};

void lwipsim_sb_printf(struct lwipsim_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' escaped (HTML and XML text and attributes). */
void lwipsim_sb_esc(struct lwipsim_sb *b, const char *s);
/* Writes the buffer to path; 0 or -1 (errno set). */
int lwipsim_sb_write_file(const struct lwipsim_sb *b, const char *path);
void lwipsim_sb_free(struct lwipsim_sb *b);

#endif
