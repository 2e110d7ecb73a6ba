/* A streaming JSON writer whose bytes are cJSON_Print's (cJSON 1.7.15,
 * formatted): the run record is written straight from the run state instead
 * of being built as a cJSON tree, printed and freed, which was most of a
 * short run's cost after lwIP's own (issue 12). The format is cJSON's so
 * that every record stays byte-identical to the ones cJSON printed:
 * an object is "{\n", its members one a line indented by tabs as
 * "\"key\":\t" and the value, ",\n" between them, then "\n", the indent one
 * less and "}"; an array is its elements on one line, ", " between them.
 *
 * Every call takes the member's key inside an object and NULL inside an
 * array (or for the outermost value). The text is staged in the writer and
 * handed to an open_memstream stream a few KiB at a time: running out of
 * memory there (or a test's preloaded open_memstream failing like it,
 * tests/limits/fail_print.c) is seen once, at lwipsim_jw_take. Start from
 * a zeroed struct. */
#ifndef LWIPSIM_RUN_RECORD_JSON_OUT_H
#define LWIPSIM_RUN_RECORD_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LWIPSIM_JW_MAX_NESTING 16

struct lwipsim_jw {
  FILE *out; /* opened at the first full stage */
  char *text;
  size_t text_len;
  int failed;
  size_t len; /* bytes staged in buf */
  char buf[8192];
  unsigned level;                            /* open containers */
  uint8_t in_array[LWIPSIM_JW_MAX_NESTING];  /* per open container: array (1) or object (0) */
  uint8_t has_items[LWIPSIM_JW_MAX_NESTING]; /* per open container: a value was written in it */
};

void lwipsim_jw_object(struct lwipsim_jw *w, const char *key);
void lwipsim_jw_array(struct lwipsim_jw *w, const char *key);
/* Closes the innermost object or array. */
void lwipsim_jw_end(struct lwipsim_jw *w);
/* A number as cJSON prints the double v becomes: an integer's digits below
 * 10^15, else "%1.15g" (or "%1.17g" where that would not read back). */
void lwipsim_jw_int(struct lwipsim_jw *w, const char *key, int64_t v);
void lwipsim_jw_uint(struct lwipsim_jw *w, const char *key, uint64_t v);
/* Escaped as cJSON does (\" \\ \b \f \n \r \t, other control bytes \u00xx,
 * everything else as it is). NULL writes nothing at all, key included: cJSON
 * adds no member for a string it could not create. */
void lwipsim_jw_string(struct lwipsim_jw *w, const char *key, const char *s);
void lwipsim_jw_null(struct lwipsim_jw *w, const char *key);
/* The text (no newline at the end, as cJSON_Print's; free() it), or NULL
 * when out of memory (errno ENOMEM) or unbalanced; w is closed either way. */
char *lwipsim_jw_take(struct lwipsim_jw *w);

#endif
