/* A growing text buffer: the report renderers, lwipsim fix's header edit
 * and lwipsim explore's scenario text. Running out of memory sets `oom`
 * and ignores what follows, so the caller checks once, at the end. */
#ifndef LWIPSIM_COMMON_STRBUF_H
#define LWIPSIM_COMMON_STRBUF_H

#include <stddef.h>

struct lwipsim_sb {
  char *s;
  size_t len, cap;
  int oom; /* an append failed: s holds less than was appended */
};

void lwipsim_sb_printf(struct lwipsim_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends n bytes of s. */
void lwipsim_sb_append(struct lwipsim_sb *b, const char *s, size_t n);
/* Appends v as "%.1f" prints it (the same bytes: round half to even on the
 * double's exact value, "-0.0" for a negative that rounds to zero), with
 * integer arithmetic: the report's SVG coordinates, ten thousands of them,
 * cost a printf each before. */
void lwipsim_sb_fixed1(struct lwipsim_sb *b, double v);
/* Appends v as "%lld" prints it, likewise without printf. */
void lwipsim_sb_long(struct lwipsim_sb *b, long long v);
/* Appends s with & < > " ' escaped (HTML and XML text and attributes). */
void lwipsim_sb_esc(struct lwipsim_sb *b, const char *s);
/* Writes the buffer to path; 0 or -1 (errno set; ENOMEM after an append
 * failed, and nothing is written). */
int lwipsim_sb_write_file(const struct lwipsim_sb *b, const char *path);
/* Hands over the text (never NULL unless out of memory: "" for nothing
 * appended) and empties b; NULL and b freed when an append failed. */
char *lwipsim_sb_take(struct lwipsim_sb *b);
void lwipsim_sb_free(struct lwipsim_sb *b);

#endif
