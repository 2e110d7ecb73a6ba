#include "cli/cli_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"

const char *lwipsim_arg_value(int argc, char **argv, int *i, const char *name, const char *cmd, int *bad)
{
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) {
    return NULL;
  }
  if (argv[*i][n] == '=') {
    return argv[*i] + n + 1;
  }
  if (argv[*i][n] != '\0') {
    return NULL;
  }
  if (*i + 1 >= argc) {
    fprintf(stderr, "lwipsim %s: %s needs a value\n", cmd, name);
    *bad = 1;
    return NULL;
  }
  return argv[++*i];
}

int lwipsim_parse_range(const char *s, long max, long *lo, long *hi)
{
  char *end = NULL;
  *lo = strtol(s, &end, 10);
  if (end == s || *end != ':') {
    return -1;
  }
  const char *h = end + 1;
  *hi = strtol(h, &end, 10);
  if (end == h || *end != '\0') {
    return -1;
  }
  return (*lo >= 0 && *lo <= *hi && *hi <= max) ? 0 : -1;
}

int lwipsim_parse_jobs(const char *s, int *jobs)
{
  char *end = NULL;
  long v = strtol(s, &end, 10);
  if (end == s || *end != '\0' || v < 1 || v > 1024) {
    return -1;
  }
  *jobs = (int)v;
  return 0;
}

int lwipsim_check_max_wall(const char *s)
{
  char with_unit[64];
  uint64_t ms;
  snprintf(with_unit, sizeof with_unit, "%ss", s);
  return lwipsim_parse_duration_ms(with_unit, &ms) != 0 || ms == 0 || ms > LWIPSIM_MAX_DURATION_MS ? -1 : 0;
}
