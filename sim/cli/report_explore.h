/* report --explore RUNS (cli/report_explore.c). */
#ifndef LWIPSIM_REPORT_EXPLORE_H
#define LWIPSIM_REPORT_EXPLORE_H

#include <cjson/cJSON.h>
#include <limits.h>
#include <stddef.h>

struct lwipsim_report_explore_args {
  unsigned long runs;          /* each search's budget */
  const char *out;             /* the report's folder: the searches go to OUT/explore/ */
  char (*scenarios)[PATH_MAX]; /* the report's scenario folders, to find each by name */
  size_t n_scenarios;
  int jobs;
};

/* Searches every MARGINAL pool of every profile in report on the scenario
 * that set its demand; adds pool["search"] (docs/report.md). A search that
 * cannot run (a profile built only for this report) is said on stderr and
 * left out. Returns 0, or 2 when the output folder cannot be made. */
int lwipsim_report_explore(cJSON *report, const struct lwipsim_report_explore_args *x);

#endif
