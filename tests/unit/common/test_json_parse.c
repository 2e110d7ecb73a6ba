/* common/json_parse.c gives the tree cJSON_ParseWithLength gives, node for
 * node (type, numbers to the bit, valueint, strings, keys, the prev links
 * cJSON_Delete and cJSON_GetArraySize rely on), or NULL where it does: on
 * hand-picked texts that take the plain path or must go to cJSON, on every
 * expected run record, and on those records cut and changed at random. */
#include "common/test_json_parse.h"

#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json_parse.h"
#include "common/read_file.h"

static int same_tree(const cJSON *a, const cJSON *b)
{
  for (; a != NULL && b != NULL; a = a->next, b = b->next) {
    if (a->type != b->type || a->valueint != b->valueint ||
        memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble) != 0 ||
        (a->valuestring == NULL) != (b->valuestring == NULL) ||
        (a->valuestring != NULL && strcmp(a->valuestring, b->valuestring) != 0) ||
        (a->string == NULL) != (b->string == NULL) || (a->string != NULL && strcmp(a->string, b->string) != 0) ||
        (a->child == NULL) != (b->child == NULL) || !same_tree(a->child, b->child)) {
      return 0;
    }
    /* the head's prev is the last item; every other prev the one before */
    if (a->child != NULL && (a->child->prev == NULL) != (b->child->prev == NULL)) {
      return 0;
    }
    const cJSON *la = a->child, *lb = b->child;
    while (la != NULL && la->next != NULL) {
      if (la->next->prev != la || lb->next->prev != lb) {
        return 0;
      }
      la = la->next;
      lb = lb->next;
    }
    if (la != NULL && (a->child->prev != la || b->child->prev != lb)) {
      return 0;
    }
  }
  return a == NULL && b == NULL;
}

/* 1 when both parsers agree on text[0..len) */
static int agree(const char *text, size_t len)
{
  cJSON *mine = lwipsim_json_parse(text, len);
  cJSON *theirs = cJSON_ParseWithLength(text, len);
  int same = (mine == NULL) == (theirs == NULL) && (mine == NULL || same_tree(mine, theirs));
  if (!same) {
    fprintf(stderr, "json_parse and cJSON differ on: %.*s\n", (int)(len < 200 ? len : 200), text);
  }
  cJSON_Delete(mine);
  cJSON_Delete(theirs);
  return same;
}

START_TEST(hand_picked)
{
  static const char *const texts[] = {
    "{}",
    "[]",
    " { } ",
    "[1,2,3]",
    "[-1, 0, 7]",
    "{\"a\":1,\"a\":2}",
    "{\"a\": {\"b\": [[], {}]}}",
    "[true,false,null]",
    "[\"\", \"x y\", \"\xc3\x97\"]",
    "999999999999999",
    "-999999999999999",
    "1000000000000000",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "[1.5]",
    "[1e3]",
    "[-0]",
    "[01]",
    "[0]",
    "[-]",
    "[+1]",
    "\"a\\nb\"",
    "{\"k\\\"\": 1}",
    "{} x",
    "[1,]",
    "[1 2]",
    "{\"a\" 1}",
    "{\"a\":}",
    "{1:2}",
    "",
    "   ",
    "\xef\xbb\xbf{}",
    "nul",
    "tru",
    "fals",
    "nullx",
    "[nullx]",
    "[\"open",
    "{\"a\":1",
    "[\t\n\r 1 ,\x01 2]",
    "\"\\u00d7\"",
    "[1]]",
    "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    ck_assert_msg(agree(texts[i], strlen(texts[i])), "text %zu", i);
  }
  /* a NUL inside the length: white space to cJSON */
  ck_assert(agree("[1,\0 2]", 7));
  /* past our depth (cJSON's own limit is 1000) and past cJSON's */
  for (int depth = 150; depth <= 1100; depth += 475) {
    char *deep = malloc((size_t)depth * 2 + 2);
    memset(deep, '[', (size_t)depth);
    deep[depth] = '1';
    memset(deep + depth + 1, ']', (size_t)depth);
    ck_assert(agree(deep, (size_t)depth * 2 + 1));
    free(deep);
  }
}
END_TEST

/* xorshift64: the same mutations on every run */
static uint64_t next(uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

START_TEST(records)
{
  const char *root = LWIPSIM_SOURCE_DIR "/tests/expected/records";
  DIR *top = opendir(root);
  ck_assert_ptr_nonnull(top);
  struct dirent *p;
  int files = 0;
  uint64_t seed = 42;
  while ((p = readdir(top)) != NULL) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", root, p->d_name);
    DIR *d = p->d_name[0] != '.' ? opendir(dir) : NULL;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
      size_t n = strlen(e->d_name);
      if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0) {
        continue;
      }
      char path[PATH_MAX * 2], err[PATH_MAX * 2 + 64];
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      size_t len;
      char *text = lwipsim_read_file(path, &len, err, sizeof err);
      ck_assert_msg(text != NULL, "%s", err);
      cJSON *mine = lwipsim_json_parse(text, len);
      ck_assert_msg(mine != NULL, "%s", path);
      ck_assert_msg(agree(text, len), "%s", path);
      cJSON_Delete(mine);
      /* cut short, and one byte changed: both give NULL, or the same tree */
      for (int k = 0; k < 40; k++) {
        size_t at = (size_t)(next(&seed) % len);
        ck_assert_msg(agree(text, at), "%s cut at %zu", path, at);
        char was = text[at];
        text[at] = "0-.e\"\\,:]}[{ a1"[next(&seed) % 16];
        ck_assert_msg(agree(text, len), "%s changed at %zu", path, at);
        text[at] = was;
      }
      free(text);
      files++;
    }
    if (d != NULL) {
      closedir(d);
    }
  }
  closedir(top);
  ck_assert_int_ge(files, 80);
}
END_TEST

Suite *json_parse_suite(void)
{
  Suite *s = suite_create("json_parse");
  TCase *tc = tcase_create("as_cjson");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, hand_picked);
  tcase_add_test(tc, records);
  suite_add_tcase(s, tc);
  return s;
}
