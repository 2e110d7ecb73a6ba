#include "cli/report_shard.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/json_get.h"

#define MAX_SHARDS 1024

int lwipsim_shard_parse(const char *text, struct lwipsim_shard *sh)
{
  char *end = NULL;
  errno = 0;
  unsigned long i = strtoul(text, &end, 10);
  if (errno != 0 || end == text || *end != '/' || text[0] == '-' || text[0] == '+') {
    return -1;
  }
  const char *nt = end + 1;
  unsigned long n = strtoul(nt, &end, 10);
  if (errno != 0 || end == nt || *end != '\0' || nt[0] == '-' || nt[0] == '+' || i < 1 || i > n || n > MAX_SHARDS) {
    return -1;
  }
  sh->index = (unsigned)i;
  sh->count = (unsigned)n;
  sh->mode = LWIPSIM_SHARD_NONE;
  return 0;
}

void lwipsim_shard_plan(struct lwipsim_shard *sh, size_t np)
{
  if (sh->count == 0) {
    sh->mode = LWIPSIM_SHARD_NONE;
  } else {
    sh->mode = np >= sh->count ? LWIPSIM_SHARD_BY_PROFILE : LWIPSIM_SHARD_BY_RUN;
  }
}

int lwipsim_shard_runs_profile(const struct lwipsim_shard *sh, size_t p)
{
  return sh->mode != LWIPSIM_SHARD_BY_PROFILE || p % sh->count == sh->index - 1;
}

int lwipsim_shard_keeps_run(const struct lwipsim_shard *sh, size_t p, size_t s, size_t ns)
{
  switch (sh->mode) {
  case LWIPSIM_SHARD_BY_PROFILE: return p % sh->count == sh->index - 1;
  case LWIPSIM_SHARD_BY_RUN: return (p * ns + s) % sh->count == sh->index - 1;
  default: return 1;
  }
}

int lwipsim_shard_makes_sweep(const struct lwipsim_shard *sh, size_t p, size_t k)
{
  switch (sh->mode) {
  case LWIPSIM_SHARD_BY_PROFILE: return p % sh->count == sh->index - 1;
  case LWIPSIM_SHARD_BY_RUN: return k % sh->count == sh->index - 1;
  default: return 1;
  }
}

static const char *mode_name(enum lwipsim_shard_mode m)
{
  return m == LWIPSIM_SHARD_BY_PROFILE ? "profile" : m == LWIPSIM_SHARD_BY_RUN ? "run" : "none";
}

/* The scenario's index in input's scenarios, or -1. */
static long scenario_index(const cJSON *input, const char *name)
{
  long i = 0;
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "scenarios"))
  {
    if (strcmp(lwipsim_jstr(s, "name", ""), name) == 0) {
      return i;
    }
    i++;
  }
  return -1;
}

/* Removes from arr (runs or not_run of profile p) what this shard does not keep. */
static void prune(const struct lwipsim_shard *sh, const cJSON *input, cJSON *arr, size_t p, size_t ns)
{
  for (int i = cJSON_GetArraySize(arr) - 1; i >= 0; i--) {
    long s = scenario_index(input, lwipsim_jstr(cJSON_GetArrayItem(arr, i), "scenario", ""));
    if (s < 0 || !lwipsim_shard_keeps_run(sh, p, (size_t)s, ns)) {
      cJSON_DeleteItemFromArray(arr, i);
    }
  }
}

int lwipsim_shard_write(const struct lwipsim_shard *sh, cJSON *input, const char *dir)
{
  size_t ns = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(input, "scenarios"));
  size_t p = 0;
  cJSON *prof;
  cJSON_ArrayForEach(prof, cJSON_GetObjectItemCaseSensitive(input, "profiles"))
  {
    prune(sh, input, cJSON_GetObjectItemCaseSensitive(prof, "runs"), p, ns);
    prune(sh, input, cJSON_GetObjectItemCaseSensitive(prof, "not_run"), p, ns);
    p++;
  }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lwipsim report: cannot create %s: %s\n", dir, strerror(errno));
    return 2;
  }
  cJSON *doc = cJSON_CreateObject();
  cJSON_AddNumberToObject(doc, "lwipsim_report_shard", 1);
  cJSON_AddNumberToObject(doc, "shard", sh->index);
  cJSON_AddNumberToObject(doc, "of", sh->count);
  cJSON_AddStringToObject(doc, "mode", mode_name(sh->mode));
  cJSON_AddItemReferenceToObject(doc, "input", input);
  char *text = cJSON_PrintUnformatted(doc);
  cJSON_Delete(doc);
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/%s", dir, LWIPSIM_SHARD_FILE);
  FILE *f = text ? fopen(path, "w") : NULL;
  int ok = f != NULL && fputs(text, f) >= 0 && fputc('\n', f) != EOF;
  ok = (f != NULL && fclose(f) == 0) && ok;
  free(text);
  if (!ok) {
    fprintf(stderr, "lwipsim report: cannot write %s: %s\n", path, strerror(errno));
    return 2;
  }
  return 0;
}

/* ---- merge ---- */

struct shard_in {
  const char *dir;
  cJSON *doc;
  const cJSON *input;
  unsigned index;
};

/* The input with every profile's results emptied: what every shard of one
 * report must agree on (profiles, their builds' figures, scenarios). */
static cJSON *skeleton(const cJSON *input)
{
  cJSON *sk = cJSON_Duplicate(input, 1);
  cJSON *prof;
  cJSON_ArrayForEach(prof, cJSON_GetObjectItemCaseSensitive(sk, "profiles"))
  {
    static const char *const keys[] = { "runs", "sweeps", "not_run" };
    for (size_t k = 0; k < 3; k++) {
      cJSON_ReplaceItemInObjectCaseSensitive(prof, keys[k], cJSON_CreateArray());
    }
  }
  return sk;
}

/* Sweeps (pool, lo, hi) equal, whatever rows they hold. */
static int same_sweeps(const cJSON *a, const cJSON *b)
{
  if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b)) {
    return 0;
  }
  for (int k = 0; k < cJSON_GetArraySize(a); k++) {
    const cJSON *x = cJSON_GetArrayItem(a, k), *y = cJSON_GetArrayItem(b, k);
    if (strcmp(lwipsim_jstr(x, "pool", ""), lwipsim_jstr(y, "pool", "")) != 0 ||
        lwipsim_jlong(x, "lo", -1) != lwipsim_jlong(y, "lo", -1) ||
        lwipsim_jlong(x, "hi", -1) != lwipsim_jlong(y, "hi", -1)) {
      return 0;
    }
  }
  return 1;
}

static const cJSON *profile_of(const struct shard_in *s, int p)
{
  return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s->input, "profiles"), p);
}

/* Every shard's runs and not_run of profile p, in scenario order, into out. */
static int merge_runs(const struct shard_in *sh, size_t n, int p, cJSON *out, const char *pname)
{
  size_t ns = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(sh[0].input, "scenarios"));
  const cJSON **found = calloc(ns + 1, sizeof *found);
  int *is_run = calloc(ns + 1, sizeof *is_run);
  size_t *from = calloc(ns + 1, sizeof *from);
  int rc = found && is_run && from ? 0 : -1;
  if (rc != 0) {
    fprintf(stderr, "lwipsim report: --merge: out of memory\n");
  }
  for (size_t d = 0; d < n && rc == 0; d++) {
    for (int kind = 0; kind < 2 && rc == 0; kind++) {
      const cJSON *e;
      cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(profile_of(&sh[d], p), kind ? "not_run" : "runs"))
      {
        const char *sname = lwipsim_jstr(e, "scenario", "");
        long s = scenario_index(sh[d].input, sname);
        if (s < 0) {
          fprintf(stderr, "lwipsim report: %s: %s: holds a run of '%s', not one of the report's scenarios\n", sh[d].dir,
                  LWIPSIM_SHARD_FILE, sname);
          rc = -1;
          break;
        }
        if (found[s] != NULL) {
          fprintf(stderr, "lwipsim report: %s: overlaps %s: both hold %s \u00d7 %s\n", sh[d].dir, sh[from[s]].dir,
                  pname, sname);
          rc = -1;
          break;
        }
        found[s] = e;
        is_run[s] = !kind;
        from[s] = d;
      }
    }
  }
  for (size_t s = 0; s < ns && rc == 0; s++) {
    if (found[s] == NULL) {
      const char *sname = lwipsim_jstr(
          cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sh[0].input, "scenarios"), (int)s), "name", "?");
      fprintf(stderr, "lwipsim report: %s: no shard holds %s \u00d7 %s (a shard's output is partial)\n", sh[0].dir,
              pname, sname);
      rc = -1;
      break;
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(out, is_run[s] ? "runs" : "not_run"),
                         cJSON_Duplicate(found[s], 1));
  }
  free(found);
  free(is_run);
  free(from);
  return rc;
}

/* Rows of (sweep k, scenario) from every shard, values lo..hi each once. */
static cJSON *merge_rows(const struct shard_in *sh, size_t n, int p, int k, const char *scenario, long lo, long hi,
                         const char *pname, const char *pool)
{
  size_t nv = (size_t)(hi - lo + 1);
  const cJSON **row = calloc(nv, sizeof *row);
  size_t *from = calloc(nv, sizeof *from);
  if (row == NULL || from == NULL) {
    fprintf(stderr, "lwipsim report: --merge: out of memory\n");
    free(row);
    free(from);
    return NULL;
  }
  int bad = 0;
  for (size_t d = 0; d < n && !bad; d++) {
    const cJSON *sw = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(profile_of(&sh[d], p), "sweeps"), k);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(sw, "scenarios"))
    {
      if (strcmp(lwipsim_jstr(entry, "scenario", ""), scenario) != 0) {
        continue;
      }
      const cJSON *r;
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(entry, "rows"))
      {
        long v = lwipsim_jlong(r, "value", LONG_MIN);
        if (v < lo || v > hi) {
          fprintf(stderr, "lwipsim report: %s: %s sweep of %s \u00d7 %s holds %ld, outside %ld:%ld\n", sh[d].dir, pool,
                  pname, scenario, v, lo, hi);
          bad = 1;
        } else if (row[v - lo] != NULL) {
          fprintf(stderr, "lwipsim report: %s: overlaps %s: both hold %s \u00d7 %s, %s=%ld\n", sh[d].dir,
                  sh[from[v - lo]].dir, pname, scenario, pool, v);
          bad = 1;
        } else {
          row[v - lo] = r;
          from[v - lo] = d;
        }
        if (bad) {
          break;
        }
      }
    }
  }
  cJSON *rows = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; i < nv && rows != NULL; i++) {
    if (row[i] == NULL) {
      fprintf(stderr, "lwipsim report: %s: no shard holds %s \u00d7 %s, %s=%ld (a shard's output is partial)\n",
              sh[0].dir, pname, scenario, pool, lo + (long)i);
      cJSON_Delete(rows);
      rows = NULL;
      break;
    }
    cJSON_AddItemToArray(rows, cJSON_Duplicate(row[i], 1));
  }
  free(row);
  free(from);
  return rows;
}

/* Profile p's sweeps: as planned by the shards that made its first runs,
 * with every shard's rows, one entry per scenario that ran (as the unsharded
 * report lists them). */
static int merge_sweeps(const struct shard_in *sh, size_t n, int p, cJSON *out, const char *pname)
{
  const cJSON *plan = NULL;
  size_t plan_from = 0;
  for (size_t d = 0; d < n; d++) {
    const cJSON *sw = cJSON_GetObjectItemCaseSensitive(profile_of(&sh[d], p), "sweeps");
    if (cJSON_GetArraySize(sw) == 0) {
      continue;
    }
    if (plan == NULL) {
      plan = sw;
      plan_from = d;
    } else if (!same_sweeps(plan, sw)) {
      fprintf(stderr, "lwipsim report: %s: its sweeps of %s differ from %s's (not the same runs)\n", sh[d].dir, pname,
              sh[plan_from].dir);
      return -1;
    }
  }
  cJSON *sweeps = cJSON_GetObjectItemCaseSensitive(out, "sweeps");
  const cJSON *runs = cJSON_GetObjectItemCaseSensitive(out, "runs");
  int k = 0;
  const cJSON *sp;
  cJSON_ArrayForEach(sp, plan)
  {
    const char *pool = lwipsim_jstr(sp, "pool", "");
    long lo = lwipsim_jlong(sp, "lo", 0), hi = lwipsim_jlong(sp, "hi", -1);
    cJSON *sweep = cJSON_CreateObject();
    cJSON_AddStringToObject(sweep, "pool", pool);
    cJSON_AddNumberToObject(sweep, "lo", (double)lo);
    cJSON_AddNumberToObject(sweep, "hi", (double)hi);
    cJSON *scen = cJSON_AddArrayToObject(sweep, "scenarios");
    cJSON_AddItemToArray(sweeps, sweep);
    const cJSON *run;
    cJSON_ArrayForEach(run, runs)
    {
      if (lo > hi) {
        break; /* an empty range made no runs, so no entries */
      }
      const char *sname = lwipsim_jstr(run, "scenario", "");
      cJSON *rows = merge_rows(sh, n, p, k, sname, lo, hi, pname, pool);
      if (rows == NULL) {
        return -1;
      }
      cJSON *entry = cJSON_CreateObject();
      cJSON_AddStringToObject(entry, "scenario", sname);
      cJSON_AddItemToObject(entry, "rows", rows);
      cJSON_AddItemToArray(scen, entry);
    }
    k++;
  }
  return 0;
}

/* Loads one dir's shard.json; NULL doc after one line on stderr. */
static int load_shard(const char *dir, struct shard_in *s)
{
  char path[PATH_MAX + 32], err[PATH_MAX + 128];
  snprintf(path, sizeof path, "%s/%s", dir, LWIPSIM_SHARD_FILE);
  s->dir = dir;
  s->doc = lwipsim_json_load(path, err, sizeof err);
  if (s->doc == NULL) {
    fprintf(stderr, "lwipsim report: %s: no report shard here (%s)\n", dir, err);
    return -1;
  }
  s->input = cJSON_GetObjectItemCaseSensitive(s->doc, "input");
  long i = lwipsim_jlong(s->doc, "shard", 0), of = lwipsim_jlong(s->doc, "of", 0);
  if (lwipsim_jlong(s->doc, "lwipsim_report_shard", 0) != 1 || !cJSON_IsObject(s->input) || i < 1 || i > of ||
      of > MAX_SHARDS || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(s->input, "profiles")) ||
      !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(s->input, "scenarios"))) {
    fprintf(stderr, "lwipsim report: %s: %s is not a report shard of this lwipsim\n", dir, LWIPSIM_SHARD_FILE);
    return -1;
  }
  s->index = (unsigned)i;
  return 0;
}

static int cmp_index(const void *x, const void *y)
{
  const struct shard_in *a = x, *b = y;
  return (a->index > b->index) - (a->index < b->index);
}

/* The shards given are one report's 1..N, each once; they come back sorted. */
static int check_set(struct shard_in *sh, size_t n)
{
  long of = lwipsim_jlong(sh[0].doc, "of", 0);
  const char *mode = lwipsim_jstr(sh[0].doc, "mode", "");
  cJSON *sk0 = skeleton(sh[0].input);
  int rc = 0;
  for (size_t d = 1; d < n && rc == 0; d++) {
    cJSON *sk = skeleton(sh[d].input);
    if (lwipsim_jlong(sh[d].doc, "of", 0) != of) {
      fprintf(stderr, "lwipsim report: %s: shard %u of %ld, but %s is one of %ld (not the same split)\n", sh[d].dir,
              sh[d].index, lwipsim_jlong(sh[d].doc, "of", 0), sh[0].dir, of);
      rc = -1;
    } else if (!cJSON_Compare(sk, sk0, 1) || strcmp(lwipsim_jstr(sh[d].doc, "mode", ""), mode) != 0) {
      fprintf(stderr,
              "lwipsim report: %s: a shard of another report (its profiles, scenarios or builds differ from %s's)\n",
              sh[d].dir, sh[0].dir);
      rc = -1;
    }
    cJSON_Delete(sk);
  }
  cJSON_Delete(sk0);
  if (rc != 0) {
    return rc;
  }
  qsort(sh, n, sizeof *sh, cmp_index);
  for (size_t d = 1; d < n; d++) {
    if (sh[d].index == sh[d - 1].index) {
      fprintf(stderr, "lwipsim report: %s: overlaps %s: both are shard %u/%ld\n", sh[d].dir, sh[d - 1].dir, sh[d].index,
              of);
      return -1;
    }
  }
  for (size_t d = 0; d < (size_t)of; d++) {
    if (d >= n || sh[d].index != d + 1) {
      fprintf(stderr, "lwipsim report: %s: shard %zu/%ld is missing (%zu of %ld given)\n", sh[d < n ? d : n - 1].dir,
              d + 1, of, n, of);
      return -1;
    }
  }
  return 0;
}

cJSON *lwipsim_shard_merge(const char *const *dirs, size_t n)
{
  struct shard_in *sh = calloc(n ? n : 1, sizeof *sh);
  if (sh == NULL) {
    fprintf(stderr, "lwipsim report: --merge: out of memory\n");
    return NULL;
  }
  int rc = 0;
  for (size_t d = 0; d < n && rc == 0; d++) {
    rc = load_shard(dirs[d], &sh[d]);
  }
  rc = rc == 0 ? check_set(sh, n) : rc;
  cJSON *input = rc == 0 ? skeleton(sh[0].input) : NULL;
  int p = 0;
  cJSON *prof;
  cJSON_ArrayForEach(prof, cJSON_GetObjectItemCaseSensitive(input, "profiles"))
  {
    const char *pname = lwipsim_jstr(prof, "name", "?");
    if (merge_runs(sh, n, p, prof, pname) != 0 || merge_sweeps(sh, n, p, prof, pname) != 0) {
      cJSON_Delete(input);
      input = NULL;
      break;
    }
    p++;
  }
  for (size_t d = 0; d < n; d++) {
    cJSON_Delete(sh[d].doc);
  }
  free(sh);
  return input;
}
