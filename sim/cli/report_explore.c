/* report --explore RUNS: for every MARGINAL pool, lwipsim explore on the
 * scenario that set its demand, within RUNS runs; the pool's entry gains
 * what the search found, and the worst case is kept as a scenario folder
 * under the report's explore/. */
#include "cli/report_explore.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/run_self.h"
#include "common/json_get.h"

static const char *scenario_dir(const char *name, char scenarios[][PATH_MAX], size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const char *base = strrchr(scenarios[i], '/');
    base = base ? base + 1 : scenarios[i];
    if (strcmp(base, name) == 0) {
      return scenarios[i];
    }
  }
  return NULL;
}

static void explore_pool(cJSON *pool, const char *profile, const struct lwipsim_report_explore_args *x)
{
  const char *pname = lwipsim_jstr(pool, "name", "?");
  const char *sname = lwipsim_jstr(pool, "demand_scenario", NULL);
  const char *dir = sname ? scenario_dir(sname, x->scenarios, x->n_scenarios) : NULL;
  if (dir == NULL) {
    return;
  }
  char folder[PATH_MAX + 512], rel[512], log[PATH_MAX + 600], budget[32], jobs[16];
  snprintf(rel, sizeof rel, "explore/%s-%s-%s", profile, sname, pname);
  snprintf(folder, sizeof folder, "%s/%s", x->out, rel);
  snprintf(log, sizeof log, "%s.log", folder);
  snprintf(budget, sizeof budget, "%lu", x->runs);
  snprintf(jobs, sizeof jobs, "%d", x->jobs);
  const char *argv[] = { "lwipsim",  "explore", "--profile", profile, "--scenario", dir,  "--pool", pname,
                         "--budget", budget,    "--out",     folder,  "--jobs",     jobs, NULL };
  int rc = lwipsim_run_self((char *const *)argv, log);
  char path[PATH_MAX + 600], err[PATH_MAX + 128];
  snprintf(path, sizeof path, "%s/explore.json", folder);
  cJSON *e = rc == 0 || rc == 3 ? lwipsim_json_load(path, err, sizeof err) : NULL;
  if (e == NULL) {
    fprintf(stderr, "lwipsim report: --explore: %s %s on %s did not finish (exit %d); see %s\n", profile, pname, sname,
            rc, log);
    return;
  }
  cJSON *s = cJSON_AddObjectToObject(pool, "search");
  cJSON_AddNumberToObject(s, "found", (double)lwipsim_jlong(e, "found_peak", 0));
  cJSON_AddNumberToObject(s, "recorded", (double)lwipsim_jlong(e, "recorded_peak", 0));
  cJSON_AddNumberToObject(s, "runs", (double)lwipsim_jlong(e, "runs", 0));
  cJSON_AddNumberToObject(s, "dropped", (double)lwipsim_jlong(e, "dropped", 0));
  cJSON_AddStringToObject(s, "scenario", sname);
  cJSON_AddStringToObject(s, "folder", rel);
  long bound = lwipsim_jlong(e, "bound", -1);
  if (bound >= 0) {
    cJSON_AddNumberToObject(s, "bound", (double)bound);
  } else {
    cJSON_AddNullToObject(s, "bound");
  }
  cJSON_Delete(e);
}

int lwipsim_report_explore(cJSON *report, const struct lwipsim_report_explore_args *x)
{
  char dir[PATH_MAX + 16];
  snprintf(dir, sizeof dir, "%s/explore", x->out);
  if (mkdir(x->out, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", x->out, strerror(errno));
    return 2;
  }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", dir, strerror(errno));
    return 2;
  }
  cJSON *pr;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItemCaseSensitive(report, "profiles"))
  {
    const char *profile = lwipsim_jstr(pr, "name", "?");
    cJSON *pool;
    cJSON_ArrayForEach(pool, cJSON_GetObjectItemCaseSensitive(pr, "pools"))
    {
      if (strcmp(lwipsim_jstr(pool, "verdict", ""), "MARGINAL") == 0) {
        fprintf(stderr, "lwipsim report: --explore: %s %s (%lu runs)\n", profile, lwipsim_jstr(pool, "name", "?"),
                x->runs);
        explore_pool(pool, profile, x);
      }
    }
  }
  return 0;
}
