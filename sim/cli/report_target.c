#include "cli/report_target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/fw_target.h"
#include "cli/run_pool.h"
#include "common/json_get.h"
#include "run_record/record.h"

/* Whether the folder dir is named name (runs name their scenario by the
 * folder's last part; trailing slashes allowed). */
static int dir_named(const char *dir, const char *name)
{
  size_t len = strlen(dir), n = strlen(name);
  while (len > 1 && dir[len - 1] == '/') {
    len--;
  }
  return n > 0 && len >= n && strncmp(dir + len - n, name, n) == 0 && (len == n || dir[len - n - 1] == '/');
}

/* The scenario folder a host run came from. */
static const char *scenario_dir(const cJSON *run, char (*scenarios)[PATH_MAX], size_t ns)
{
  const char *want = lwipsim_jstr(run, "scenario", "");
  for (size_t s = 0; s < ns; s++) {
    if (dir_named(scenarios[s], want)) {
      return scenarios[s];
    }
  }
  return NULL;
}

/* The runner's one line, without its "lwipsim: " and the scenario's folder
 * (the report must not depend on where the checkout is). */
static const char *reason(const char *line)
{
  const char *r = strncmp(line, "lwipsim: ", 9) == 0 ? line + 9 : line;
  const char *ini = strstr(r, "scenario.ini:");
  return ini != NULL ? ini : r;
}

int lwipsim_report_target_runs(const struct lwipsim_cli *cli, const char *target,
                               const struct lwipsim_profile_entry **pe, size_t np, char (*scenarios)[PATH_MAX],
                               size_t ns, const char *scratch, int jobs, cJSON *inputs)
{
  struct lwipsim_run_job *jl = calloc(np * ns + 1, sizeof *jl);
  cJSON **slot = calloc(np * ns + 1, sizeof *slot);
  if (jl == NULL || slot == NULL) {
    free(jl);
    free(slot);
    fprintf(stderr, "lwipsim report: out of memory for the %s runs\n", target);
    return 2;
  }
  size_t n = 0;
  int rc = 0;
  for (size_t p = 0; p < np && rc == 0; p++) {
    char image[PATH_MAX], emulator[PATH_MAX + 32], err[2 * PATH_MAX];
    cJSON *in = cJSON_GetArrayItem(inputs, (int)p);
    int found = lwipsim_fw_target_paths(cli->bin_dir, cli->layout->source_dir, target, pe[p]->name, image, sizeof image,
                                        emulator, sizeof emulator, err, sizeof err);
    if (found != 0) {
      if (found < 0) {
        fprintf(stderr, "lwipsim report: %s\n", err);
        rc = 2;
        break;
      }
      /* a profile without an image (tests/profiles, --lwipopts): said beside each of its runs */
      cJSON *run;
      cJSON_ArrayForEach(run, cJSON_GetObjectItemCaseSensitive(in, "runs"))
      {
        cJSON_AddStringToObject(run, "rp2040_not_run", "no firmware image for this profile");
      }
      continue;
    }
    const char *extra[] = { "--target-image", image, "--emulator", emulator, NULL };
    cJSON *run;
    cJSON_ArrayForEach(run, cJSON_GetObjectItemCaseSensitive(in, "runs"))
    {
      const char *dir = scenario_dir(run, scenarios, ns);
      if (dir == NULL) {
        continue;
      }
      char out[PATH_MAX + 64];
      snprintf(out, sizeof out, "%s/target-%zu.json", scratch, n);
      lwipsim_run_job_init(&jl[n], pe[p]->runner, dir, out, extra);
      snprintf(jl[n].label, sizeof jl[n].label, "%s \u00d7 %s (%s)", pe[p]->name, lwipsim_jstr(run, "scenario", "?"),
               target);
      slot[n++] = run;
    }
  }
  if (rc == 0 && n > 0) {
    rc = lwipsim_run_pool_status(lwipsim_run_pool(jl, n, jobs, "lwipsim report: target runs"));
  }
  for (size_t k = 0; k < n && rc == 0; k++) {
    char err[PATH_MAX + 128];
    cJSON *rec = NULL;
    int code = jl[k].exit_code;
    if (code == LWIPSIM_EXIT_OK || code == LWIPSIM_EXIT_POOL_FAILURE || code == LWIPSIM_EXIT_PANIC) {
      rec = lwipsim_json_load(jl[k].json, err, sizeof err);
    }
    if (rec != NULL) {
      cJSON_AddItemToObject(slot[k], "rp2040", rec);
    } else {
      /* not a finding of the host's: said beside the host's figures, and on stderr */
      const char *why = reason(jl[k].err[0] ? jl[k].err : code == LWIPSIM_EXIT_TIMEOUT ? "timeout" : "no record");
      cJSON_AddStringToObject(slot[k], "rp2040_not_run", why);
      fprintf(stderr, "lwipsim report: %s: not run on the chip: %s\n", jl[k].label, why);
    }
  }
  for (size_t k = 0; k < n; k++) {
    lwipsim_run_job_free(&jl[k]);
  }
  free(jl);
  free(slot);
  return rc;
}
