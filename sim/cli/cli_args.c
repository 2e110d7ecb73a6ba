#include "cli/cli_args.h"

#include "scenario/scenario.h"

#include <stdint.h>
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
  const char *colon = strchr(s, ':');
  char first[32];
  uint64_t a, b;

  if (colon == NULL || (size_t)(colon - s) >= sizeof first || max < 0) {
    return -1;
  }
  snprintf(first, sizeof first, "%.*s", (int)(colon - s), s);
  /* digits only: strtol took " 5", "+5" and "-0" */
  if (lwipsim_scenario_parse_uint(first, (uint64_t)max, &a) != 0 ||
      lwipsim_scenario_parse_uint(colon + 1, (uint64_t)max, &b) != 0 || a > b) {
    return -1;
  }
  *lo = (long)a;
  *hi = (long)b;
  return 0;
}

int lwipsim_parse_jobs(const char *s, int *jobs)
{
  uint64_t v;
  if (lwipsim_scenario_parse_uint(s, 1024, &v) != 0 || v < 1) {
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
