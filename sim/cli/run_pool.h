/* Runs many runner processes at once (fork/exec), at most `jobs` at a time,
 * and reports progress on stderr. Used by `lwipsim sweep` and `lwipsim report`. */
#ifndef LWIPSIM_RUN_POOL_H
#define LWIPSIM_RUN_POOL_H

#include <cjson/cJSON.h>
#include <stddef.h>

struct lwipsim_run_job {
  char *argv[24];  /* argv[0] = runner path; NULL-terminated; strings owned by the caller */
  char *json;      /* where the runner writes its record (lwipsim_run_job_init's json) */
  long value;      /* the caller's own: a sweep's pool size for this run */
  char label[256]; /* shown in progress lines */
  int exit_code;   /* after the run: the runner's exit code, or 128 + signal */
  char err[512];   /* after the run: the first line the runner wrote to stderr ("" if none) */
  /* Sweeps (the caller's, optional): the job one value lower, as its index
   * in the batch plus 1 (0: none), and the count pool both cap. When that run
   * (or one below it) ends without its cap ever refusing an allocation (the
   * pool's `failed` is 0), this run would be the same run, byte for byte: a
   * cap that is never reached changes nothing lwIP does, and the record
   * does not name the cap. The run is then not made: copied_from_plus1
   * names the run whose record is its record (no file is written at json). */
  size_t below_plus1;
  const char *capped_pool;
  /* the pool's own */
  int finished; /* exit_code and err are set */
  int uncapped; /* -1 not known yet, 0 its cap refused an allocation, 1 never */
  /* this job's record is the one of this job, the one that made it (its
   * index + 1; 0: made here): every copy of one run names that run, so a
   * caller reads the record once for all of them */
  size_t copied_from_plus1;
  cJSON *record; /* the record, when the pool had to read it: lwipsim_run_job_record hands it over */
};

/* Default parallelism: the cores available to us. */
int lwipsim_run_pool_default_jobs(void);

#define LWIPSIM_RUN_POOL_INTERRUPTED (-2)

/* Runs every job, `jobs` at a time. `what` names the batch in progress
 * output (NULL: no progress lines; the caller shows its own). Returns 0 when every job ran (whatever its exit code), -1 when a
 * process could not be started (message on stderr), or
 * LWIPSIM_RUN_POOL_INTERRUPTED when SIGINT or SIGTERM came: the signal was
 * passed on to the running runners and every one of them reaped. */
int lwipsim_run_pool(struct lwipsim_run_job *jobs, size_t n, int jobs_at_once, const char *what);
/* The signal that interrupted a pool (SIGINT, SIGTERM), or 0. */
int lwipsim_run_pool_interrupted(void);
/* The exit status for an interrupted command: 128 + the signal (130, 143). */
#define LWIPSIM_EXIT_INTERRUPTED(sig) (128 + (sig))
/* A command's exit status for lwipsim_run_pool's result: 0, 2 (a run could
 * not start) or 130/143 (interrupted). */
int lwipsim_run_pool_status(int pool_rc);

/* A private scratch folder for run records (mkdtemp under $TMPDIR; without
 * it /dev/shm when that is a tmpfs with 1 GiB free, else /tmp); 0 or -1. */
int lwipsim_scratch_create(char *path, size_t cap);
/* Removes the scratch folder and the files in it. */
void lwipsim_scratch_remove(const char *path);

/* Fills job->argv with the runner and its options: --scenario DIR --quiet
 * --json JSON, then `extra` (NULL-terminated, may be NULL). Strings are
 * copied; lwipsim_run_job_free releases them. */
void lwipsim_run_job_init(struct lwipsim_run_job *job, const char *runner, const char *scenario, const char *json,
                          const char *const *extra);
void lwipsim_run_job_free(struct lwipsim_run_job *job);

/* A finished job's record, the caller's to delete: the tree the pool
 * already parsed (handed over, the job keeps none), else its file parsed;
 * NULL with "PATH: problem" in err. */
cJSON *lwipsim_run_job_record(struct lwipsim_run_job *job, char *err, size_t errlen);

/* --max-wall SECONDS for every job initialised after this call (NULL: none):
 * `sweep` and `report` pass their option through to each runner. */
void lwipsim_run_job_set_max_wall(const char *seconds);

#endif
