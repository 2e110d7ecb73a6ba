#include "run_record/json_out.h"

#include "common/decimal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char tabs[LWIPSIM_JW_MAX_NESTING + 1] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

/* The staged bytes to the stream, opened the first time. */
static void flush(struct lwipsim_jw *w)
{
  if (w->out == NULL && !w->failed) {
    w->out = open_memstream(&w->text, &w->text_len);
    w->failed = w->out == NULL;
  }
  if (w->len > 0 && !w->failed && fwrite(w->buf, 1, w->len, w->out) != w->len) {
    w->failed = 1;
  }
  w->len = 0;
}

/* Most pieces are a few bytes (a separator, a number's digits): copied into
 * the stage, not each through stdio. */
static inline void put(struct lwipsim_jw *w, const char *s, size_t n)
{
  if (w->len + n > sizeof w->buf) {
    flush(w);
    if (n > sizeof w->buf) {
      if (!w->failed && fwrite(s, 1, n, w->out) != n) {
        w->failed = 1;
      }
      return;
    }
  }
  char *d = w->buf + w->len;
  for (size_t i = 0; i < n; i++) {
    d[i] = s[i];
  }
  w->len += n;
}

/* cJSON's print_string_ptr: the escapes it writes, every other byte as is. */
static void put_string(struct lwipsim_jw *w, const char *s)
{
  put(w, "\"", 1);
  const char *run = s;
  for (; *s != '\0'; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 32 && c != '"' && c != '\\') {
      continue;
    }
    put(w, run, (size_t)(s - run));
    run = s + 1;
    char esc[8];
    switch (c) {
    case '"': put(w, "\\\"", 2); break;
    case '\\': put(w, "\\\\", 2); break;
    case '\b': put(w, "\\b", 2); break;
    case '\f': put(w, "\\f", 2); break;
    case '\n': put(w, "\\n", 2); break;
    case '\r': put(w, "\\r", 2); break;
    case '\t': put(w, "\\t", 2); break;
    default: put(w, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04x", c)); break;
    }
  }
  put(w, run, (size_t)(s - run));
  put(w, "\"", 1);
}

/* What comes before a value: the separator from the previous one, and in
 * an object the indent and the key. */
static void begin_value(struct lwipsim_jw *w, const char *key)
{
  if (w->level == 0) {
    return;
  }
  unsigned c = w->level - 1;
  if (w->in_array[c]) {
    if (w->has_items[c]) {
      put(w, ", ", 2);
    }
  } else {
    if (w->has_items[c]) {
      put(w, ",\n", 2);
    }
    put(w, tabs, w->level);
    put_string(w, key != NULL ? key : "");
    put(w, ":\t", 2);
  }
  w->has_items[c] = 1;
}

static void open_container(struct lwipsim_jw *w, const char *key, int array)
{
  begin_value(w, key);
  if (w->level == LWIPSIM_JW_MAX_NESTING) {
    w->failed = 1; /* deeper than any record: refuse rather than misindent */
    return;
  }
  put(w, array ? "[" : "{\n", array ? 1 : 2);
  w->in_array[w->level] = (uint8_t)array;
  w->has_items[w->level] = 0;
  w->level++;
}

void lwipsim_jw_object(struct lwipsim_jw *w, const char *key) { open_container(w, key, 0); }

void lwipsim_jw_array(struct lwipsim_jw *w, const char *key) { open_container(w, key, 1); }

void lwipsim_jw_end(struct lwipsim_jw *w)
{
  if (w->level == 0) {
    w->failed = 1;
    return;
  }
  unsigned c = --w->level;
  if (w->in_array[c]) {
    put(w, "]", 1);
    return;
  }
  if (w->has_items[c]) {
    put(w, "\n", 1);
  }
  put(w, tabs, c);
  put(w, "}", 1);
}

/* cJSON's print_number for a double that is not an int: 15 significant
 * digits, or 17 where 15 do not read back as the same double. */
static void put_double(struct lwipsim_jw *w, double d)
{
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%1.15g", d);
  double back = strtod(buf, NULL);
  double most = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
  if (!(fabs(back - d) <= most * DBL_EPSILON)) {
    n = snprintf(buf, sizeof buf, "%1.17g", d);
  }
  put(w, buf, (size_t)n);
}

/* An integer's digits, "%lld"'s bytes (common/decimal.c). */
static void put_decimal(struct lwipsim_jw *w, long long v)
{
  char buf[LWIPSIM_DECIMAL_MAX];
  char *p = lwipsim_decimal_before(buf + sizeof buf, v);
  put(w, p, (size_t)(buf + sizeof buf - p));
}

#define PLAIN_DIGITS_BELOW 1000000000000000ull /* 10^15: "%1.15g" prints every smaller integer's digits */

void lwipsim_jw_uint(struct lwipsim_jw *w, const char *key, uint64_t v)
{
  begin_value(w, key);
  if (v < PLAIN_DIGITS_BELOW) {
    put_decimal(w, (long long)v);
  } else {
    put_double(w, (double)v);
  }
}

void lwipsim_jw_int(struct lwipsim_jw *w, const char *key, int64_t v)
{
  if (v >= 0) {
    lwipsim_jw_uint(w, key, (uint64_t)v);
    return;
  }
  begin_value(w, key);
  if (0 - (uint64_t)v < PLAIN_DIGITS_BELOW) {
    put_decimal(w, v);
  } else {
    put_double(w, (double)v);
  }
}

void lwipsim_jw_string(struct lwipsim_jw *w, const char *key, const char *s)
{
  if (s == NULL) {
    return;
  }
  begin_value(w, key);
  put_string(w, s);
}

void lwipsim_jw_null(struct lwipsim_jw *w, const char *key)
{
  begin_value(w, key);
  put(w, "null", 4);
}

char *lwipsim_jw_take(struct lwipsim_jw *w)
{
  flush(w);
  int failed = w->failed || w->level != 0;
  if (w->out != NULL && fclose(w->out) != 0) {
    failed = 1;
  }
  char *text = w->text;
  *w = (struct lwipsim_jw){ 0 };
  if (failed) {
    free(text);
    errno = ENOMEM;
    return NULL;
  }
  return text;
}
