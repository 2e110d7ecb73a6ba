#include "common/json_parse.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* Deeper than this is left to cJSON (its limit is CJSON_NESTING_LIMIT, 1000). */
#define MAX_DEPTH 200

struct in {
  const char *at, *end;
  int depth;
};

/* cJSON's buffer_skip_whitespace: every byte up to 32 is white space */
static void skip(struct in *in)
{
  while (in->at < in->end && (unsigned char)*in->at <= 32) {
    in->at++;
  }
}

static cJSON *new_item(int type)
{
  cJSON *item = cJSON_CreateNull(); /* zeroed, through cJSON's allocator */
  if (item != NULL) {
    item->type = type;
  }
  return item;
}

/* A string without escapes, *at on its opening quote: a copy (cJSON's
 * allocator), *at past its closing quote; NULL to leave it to cJSON. */
static char *plain_string(struct in *in)
{
  const char *s = in->at + 1;
  const char *q = memchr(s, '"', (size_t)(in->end - s));
  if (q == NULL || memchr(s, '\\', (size_t)(q - s)) != NULL) {
    return NULL;
  }
  char *copy = cJSON_malloc((size_t)(q - s) + 1);
  if (copy != NULL) {
    memcpy(copy, s, (size_t)(q - s));
    copy[q - s] = '\0';
    in->at = q + 1;
  }
  return copy;
}

/* An integer as cJSON reads it (strtod, valueint clamped to int), for the
 * digits it reads exactly: -?[1-9][0-9]{0,14} or 0, not followed by more of
 * what cJSON takes into a number. */
static int plain_integer(struct in *in, cJSON *item)
{
  const char *p = in->at;
  int neg = p < in->end && *p == '-';
  p += neg;
  const char *digits = p;
  int64_t v = 0;
  while (p < in->end && *p >= '0' && *p <= '9' && p - digits < 16) {
    v = v * 10 + (*p - '0');
    p++;
  }
  size_t n = (size_t)(p - digits);
  if (n == 0 || n > 15 || (digits[0] == '0' && (n > 1 || neg))) {
    return -1; /* none, too long to be exact here, a leading zero, or -0 */
  }
  if (p < in->end && strchr("0123456789+-eE.", *p) != NULL && *p != '\0') {
    return -1; /* a fraction or an exponent */
  }
  double d = (double)(neg ? -v : v);
  item->type = cJSON_Number;
  item->valuedouble = d;
  item->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
  in->at = p;
  return 0;
}

static cJSON *value(struct in *in);

/* The items of an array or an object up to its closing bracket, linked as
 * cJSON links them (next, prev, the head's prev the last); 0 or -1. */
static int items(struct in *in, cJSON *parent, char close, int keyed)
{
  cJSON *head = NULL, *last = NULL;
  in->at++;
  skip(in);
  if (in->at < in->end && *in->at == close) {
    in->at++;
    return 0;
  }
  for (;;) {
    char *key = NULL;
    if (keyed) {
      skip(in);
      if (in->at >= in->end || *in->at != '"' || (key = plain_string(in)) == NULL) {
        return -1;
      }
      skip(in);
      if (in->at >= in->end || *in->at != ':') {
        cJSON_free(key);
        return -1;
      }
      in->at++;
    }
    cJSON *item = value(in);
    if (item == NULL) {
      cJSON_free(key);
      return -1;
    }
    item->string = key;
    if (head == NULL) {
      head = parent->child = item;
    } else {
      last->next = item;
      item->prev = last;
    }
    last = item;
    head->prev = last; /* kept whole at every step: a failure frees a well-formed tree */
    skip(in);
    if (in->at < in->end && *in->at == ',') {
      in->at++;
      continue;
    }
    if (in->at < in->end && *in->at == close) {
      in->at++;
      return 0;
    }
    return -1;
  }
}

static cJSON *value(struct in *in)
{
  skip(in);
  if (in->at >= in->end) {
    return NULL;
  }
  size_t left = (size_t)(in->end - in->at);
  char c = *in->at;
  cJSON *item = NULL;
  if (c == '{' || c == '[') {
    if (++in->depth > MAX_DEPTH || (item = new_item(c == '{' ? cJSON_Object : cJSON_Array)) == NULL) {
      return NULL;
    }
    if (items(in, item, c == '{' ? '}' : ']', c == '{') != 0) {
      cJSON_Delete(item);
      return NULL;
    }
    in->depth--;
  } else if (c == '"') {
    char *s = plain_string(in);
    if (s == NULL || (item = new_item(cJSON_String)) == NULL) {
      cJSON_free(s);
      return NULL;
    }
    item->valuestring = s;
  } else if (left >= 4 && memcmp(in->at, "null", 4) == 0) {
    item = new_item(cJSON_NULL);
    in->at += 4;
  } else if (left >= 5 && memcmp(in->at, "false", 5) == 0) {
    item = new_item(cJSON_False);
    in->at += 5;
  } else if (left >= 4 && memcmp(in->at, "true", 4) == 0) {
    if ((item = new_item(cJSON_True)) != NULL) {
      item->valueint = 1; /* as cJSON's parse_value sets it */
    }
    in->at += 4;
  } else if ((item = new_item(cJSON_NULL)) != NULL && plain_integer(in, item) != 0) {
    cJSON_Delete(item);
    item = NULL;
  }
  return item;
}

cJSON *lwipsim_json_parse(const char *text, size_t len)
{
  struct in in = { text, text + len, 0 };
  cJSON *root = NULL;
  /* a UTF-8 byte order mark, which cJSON skips, is left to it */
  if (len > 0 && (unsigned char)text[0] != 0xef && (root = value(&in)) != NULL) {
    skip(&in);
    if (in.at != in.end) {
      cJSON_Delete(root); /* something after the value: cJSON's to judge */
      root = NULL;
    }
  }
  return root != NULL ? root : cJSON_ParseWithLength(text, len);
}
