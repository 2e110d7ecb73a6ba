#include "common/json_print.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Why: Debian 12's cJSON 1.7.15 prints every number with "%1.15g" and reads
 * it back with sscanf to check it (print_number), integers included. A run
 * record is thousands of integers (counts, times, timeline buckets), and that
 * was a third of a short run's instructions. For an integer below 10^15,
 * "%1.15g" writes exactly its decimal digits, so "%lld" gives the same text.
 * -0 is left to cJSON ("%1.15g" writes "-0"). */
static int integers_to_raw(cJSON *item)
{
  for (; item != NULL; item = item->next) {
    if (item->child != NULL && integers_to_raw(item->child) != 0) {
      return -1;
    }
    if (!cJSON_IsNumber(item)) {
      continue;
    }
    double d = item->valuedouble;
    if (!(d > -1e15 && d < 1e15) || d != (double)(long long)d || (d == 0 && signbit(d))) {
      continue;
    }
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", (long long)d);
    char *text = cJSON_malloc(strlen(digits) + 1);
    if (text == NULL) {
      return -1;
    }
    memcpy(text, digits, strlen(digits) + 1);
    item->type = cJSON_Raw | (item->type & cJSON_StringIsConst); /* the key's flag */
    item->valuestring = text;
  }
  return 0;
}

char *lwipsim_json_print(cJSON *doc)
{
  if (doc == NULL || integers_to_raw(doc) != 0) {
    return NULL;
  }
  return cJSON_Print(doc);
}
