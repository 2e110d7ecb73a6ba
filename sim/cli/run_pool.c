/* Parallel runs of runners: through fork servers (one exec per runner
 * binary, a fork per run), or with LWIPSIM_FORK_SERVER=0 a fork/exec each.
 * Each run's stderr goes to its own anonymous temp file so that error
 * messages of parallel runs do not interleave; the first line is kept for
 * the caller's error report. */
#include "cli/run_pool.h"

#include "cli/fork_server.h"
#include "cli/progress.h"
#include "common/json_get.h"
#include "run_record/record.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

int lwipsim_run_pool_default_jobs(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

struct slot {
  pid_t pid; /* the runner, or the fork server (0: none) */
  size_t job;
  FILE *err;
  /* fork servers only */
  struct lwipsim_fork_server fs;
  int busy;           /* a run is out */
  unsigned long used; /* when it was last given one */
};

/* SIGINT/SIGTERM while a pool runs: the handler passes the signal on to
 * every runner still running (kill is async-signal-safe), and the pool stops
 * starting new ones, reaps them all and returns LWIPSIM_RUN_POOL_INTERRUPTED.
 * A Ctrl-C at a terminal reaches the runners anyway (one process group); a
 * signal to lwipsim alone orphaned them before. */
static volatile sig_atomic_t interrupted;
static struct slot *volatile running_slots;
static volatile int running_n;

static void on_stop_signal(int sig)
{
  interrupted = sig;
  struct slot *slots = running_slots;
  for (int s = 0; slots != NULL && s < running_n; s++) {
    if (slots[s].pid > 0) {
      kill(slots[s].pid, sig);
    }
  }
}

int lwipsim_run_pool_interrupted(void) { return interrupted; }

int lwipsim_run_pool_status(int pool_rc)
{
  if (pool_rc == LWIPSIM_RUN_POOL_INTERRUPTED) {
    return LWIPSIM_EXIT_INTERRUPTED(interrupted);
  }
  return pool_rc == 0 ? 0 : 2;
}

static void collect(struct lwipsim_run_job *j, FILE *err, int status)
{
  if (WIFEXITED(status)) {
    j->exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    j->exit_code = 128 + WTERMSIG(status);
  } else {
    j->exit_code = 255;
  }
  if (err != NULL) { /* NULL: the caller has set j->err (the runner could not be started) */
    j->err[0] = '\0';
    rewind(err);
    if (fgets(j->err, sizeof j->err, err) != NULL) {
      j->err[strcspn(j->err, "\n")] = '\0';
    }
    fclose(err);
  }
}

static pid_t start(struct lwipsim_run_job *j, FILE **err_out)
{
  FILE *err = tmpfile();
  if (err == NULL) {
    fprintf(stderr, "lwipsim: cannot create a temporary file: %s\n", strerror(errno));
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "lwipsim: fork: %s\n", strerror(errno));
    fclose(err);
    return -1;
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, STDOUT_FILENO);
    }
    dup2(fileno(err), STDERR_FILENO);
    execv(j->argv[0], j->argv);
    fprintf(stderr, "cannot run %s: %s\n", j->argv[0], strerror(errno));
    _exit(2);
  }
  *err_out = err;
  return pid;
}

/* One finished run: its result into the job, the progress line. */
static void finish(struct lwipsim_run_job *j, FILE *err, int status, struct lwipsim_progress *prog, size_t *done)
{
  collect(j, err, status);
  j->finished = 1;
  if (j->copied_from_plus1 == 0) {
    j->uncapped = -1; /* a copy's is its source's, set when copied */
  }
  ++*done;
  if (!interrupted) {
    lwipsim_progress_done(prog, *done, j->label, j->exit_code);
  }
}

/* Did j's run end without its cap on capped_pool ever refusing? Read once;
 * the record read is kept for the caller (lwipsim_run_job_record). */
static int never_capped(struct lwipsim_run_job *j)
{
  if (j->uncapped < 0) {
    j->uncapped = 0;
    if (j->exit_code == LWIPSIM_EXIT_OK) {
      j->uncapped = 1; /* outcome ok: nothing failed at all */
    } else if (j->exit_code == LWIPSIM_EXIT_POOL_FAILURE || j->exit_code == LWIPSIM_EXIT_PANIC) {
      char err[64];
      cJSON *rec = lwipsim_json_load(j->json, err, sizeof err);
      const cJSON *pool = lwipsim_record_pool(rec, j->capped_pool);
      j->uncapped = pool != NULL && lwipsim_jlong(pool, "failed", -1) == 0;
      j->record = rec;
    }
  }
  return j->uncapped;
}

/* A sweep run whose answer a finished run below it already gives (see
 * lwipsim_run_job.below_plus1): its record is the one of the run that made
 * it, named in copied_from_plus1. No file is written for it: creating a
 * file costs more than a millisecond of the kernel's time on this machine's
 * ext4, 1.4 s of the bundled report's front end when each copy had its own.
 * 1 when done so. copies: LWIPSIM_SWEEP_COPY is not 0. */
static int settled_below(struct lwipsim_run_job *jobs, struct lwipsim_run_job *j, int copies)
{
  if (j->capped_pool == NULL || !copies) {
    return 0;
  }
  for (size_t b = j->below_plus1; b != 0; b = jobs[b - 1].below_plus1) {
    struct lwipsim_run_job *src = &jobs[b - 1];
    if (!src->finished || !never_capped(src)) {
      continue; /* running, or its cap refused: a lower one may still answer */
    }
    j->exit_code = src->exit_code;
    memcpy(j->err, src->err, sizeof j->err);
    j->copied_from_plus1 = src->copied_from_plus1 != 0 ? src->copied_from_plus1 : b;
    j->uncapped = 1; /* the same record */
    return 1;
  }
  return 0;
}

/* LWIPSIM_SWEEP_COPY=0: make every run (tests compare the two); read once a batch */
static int sweep_copies_wanted(void)
{
  const char *e = getenv("LWIPSIM_SWEEP_COPY");
  return e == NULL || strcmp(e, "0") != 0;
}

/* Each run its own fork and exec. */
static int exec_loop(struct lwipsim_run_job *jobs, size_t n, int jobs_at_once, struct lwipsim_progress *prog,
                     size_t *done, int copies)
{
  struct slot *slots = calloc((size_t)jobs_at_once, sizeof *slots);
  if (slots == NULL) {
    return -1;
  }
  running_n = jobs_at_once;
  running_slots = slots;
  size_t next = 0;
  int running = 0, rc = 0;
  while (*done < n) {
    while (rc == 0 && !interrupted && running < jobs_at_once && next < n) {
      if (settled_below(jobs, &jobs[next], copies)) {
        finish(&jobs[next], NULL, (jobs[next].exit_code & 0xff) << 8, prog, done);
        next++;
        continue;
      }
      int s = 0;
      while (slots[s].pid != 0) {
        s++;
      }
      FILE *err = NULL;
      pid_t pid = start(&jobs[next], &err);
      if (pid < 0) {
        rc = -1;
        break;
      }
      slots[s] = (struct slot){ .pid = pid, .job = next, .err = err };
      next++;
      running++;
    }
    if (running == 0) {
      break; /* a start failed, or a signal came, and nothing is left to wait for */
    }
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) {
        continue;
      }
      fprintf(stderr, "lwipsim: waitpid: %s\n", strerror(errno));
      rc = -1;
      break;
    }
    for (int s = 0; s < jobs_at_once; s++) {
      if (slots[s].pid == pid) {
        finish(&jobs[slots[s].job], slots[s].err, status, prog, done);
        slots[s].pid = 0;
        running--;
        break;
      }
    }
  }
  running_slots = NULL;
  for (int s = 0; s < jobs_at_once; s++) {
    if (slots[s].err != NULL && slots[s].pid != 0) {
      fclose(slots[s].err);
    }
  }
  free(slots);
  return rc;
}

/* The server for runner: an idle one of that runner, else an empty place,
 * else the least recently used idle one, stopped. -1: every place busy. */
static int pick_server(struct slot *slots, int n, const char *runner)
{
  int empty = -1, lru = -1;
  for (int s = 0; s < n; s++) {
    if (slots[s].busy) {
      continue;
    }
    if (slots[s].pid != 0 && strcmp(slots[s].fs.runner, runner) == 0) {
      return s;
    }
    if (slots[s].pid == 0 && empty < 0) {
      empty = s;
    } else if (slots[s].pid != 0 && (lru < 0 || slots[s].used < slots[lru].used)) {
      lru = s;
    }
  }
  if (empty < 0 && lru >= 0) {
    lwipsim_fork_server_stop(&slots[lru].fs);
    slots[lru].pid = 0;
    empty = lru;
  }
  return empty;
}

/* Sends job j to a server of its runner (started when there is none);
 * 0, 1 when the job is already finished (its runner cannot be run), -1. */
static int serve_job(struct slot *slots, int nserv, struct lwipsim_run_job *j, size_t job, unsigned long stamp)
{
  const char *runner = j->argv[0];
  if (access(runner, X_OK) != 0) {
    /* the words an exec'd child says (start()) */
    j->exit_code = 2;
    snprintf(j->err, sizeof j->err, "cannot run %s: %s", runner, strerror(errno));
    return 1;
  }
  int s = pick_server(slots, nserv, runner);
  if (slots[s].pid == 0) {
    if (lwipsim_fork_server_start(&slots[s].fs, runner) != 0) {
      return -1;
    }
    slots[s].pid = slots[s].fs.pid;
  }
  FILE *err = tmpfile();
  if (err == NULL) {
    fprintf(stderr, "lwipsim: cannot create a temporary file: %s\n", strerror(errno));
    return -1;
  }
  fcntl(fileno(err), F_SETFD, FD_CLOEXEC); /* no server started later holds it */
  if (lwipsim_fork_server_send(&slots[s].fs, j->argv, fileno(err)) != 0) {
    fprintf(stderr, "lwipsim: the fork server of %s: %s\n", runner, strerror(errno));
    fclose(err);
    return -1;
  }
  slots[s].busy = 1;
  slots[s].job = job;
  slots[s].err = err;
  slots[s].used = stamp;
  return 0;
}

/* Runs through fork servers (sim/cli/fork_server.c): one per runner binary
 * and place, kept while the batch lasts; twice as many places as runs at
 * once, so a report's faithful and demand runners of a profile both stay. */
static int served_loop(struct lwipsim_run_job *jobs, size_t n, int jobs_at_once, struct lwipsim_progress *prog,
                       size_t *done, int copies)
{
  int nserv = 2 * jobs_at_once + 2;
  struct slot *slots = calloc((size_t)nserv, sizeof *slots);
  struct pollfd *pf = calloc((size_t)nserv, sizeof *pf);
  int *which = calloc((size_t)nserv, sizeof *which);
  if (slots == NULL || pf == NULL || which == NULL) {
    free(slots);
    free(pf);
    free(which);
    return -1;
  }
  running_n = nserv;
  running_slots = slots;
  size_t next = 0;
  int running = 0, rc = 0;
  unsigned long stamp = 0;
  while (*done < n) {
    while (rc == 0 && !interrupted && running < jobs_at_once && next < n) {
      int r = settled_below(jobs, &jobs[next], copies) ? 1 : serve_job(slots, nserv, &jobs[next], next, ++stamp);
      if (r < 0) {
        rc = -1;
        break;
      }
      if (r == 1) {
        finish(&jobs[next], NULL, (jobs[next].exit_code & 0xff) << 8, prog, done);
      } else {
        running++;
      }
      next++;
    }
    if (running == 0) {
      break;
    }
    int m = 0;
    for (int s = 0; s < nserv; s++) {
      if (slots[s].busy) {
        pf[m] = (struct pollfd){ .fd = slots[s].fs.sock, .events = POLLIN };
        which[m++] = s;
      }
    }
    if (poll(pf, (nfds_t)m, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      fprintf(stderr, "lwipsim: poll: %s\n", strerror(errno));
      rc = -1;
      break;
    }
    for (int k = 0; k < m; k++) {
      if (pf[k].revents == 0) {
        continue;
      }
      struct slot *sl = &slots[which[k]];
      int status;
      if (lwipsim_fork_server_result(&sl->fs, &status) != 0) {
        /* the server died with the run (the OOM killer, a signal): the
         * run's end is the server's, as an exec'd runner's would be */
        status = lwipsim_fork_server_stop(&sl->fs);
        sl->pid = 0;
      }
      finish(&jobs[sl->job], sl->err, status, prog, done);
      sl->busy = 0;
      sl->err = NULL;
      running--;
    }
  }
  running_slots = NULL;
  for (int s = 0; s < nserv; s++) {
    if (slots[s].busy && slots[s].err != NULL) {
      fclose(slots[s].err);
    }
    lwipsim_fork_server_stop(&slots[s].fs);
  }
  free(slots);
  free(pf);
  free(which);
  return rc;
}

/* LWIPSIM_FORK_SERVER=0: every run its own exec, as before the fork servers
 * (for comparison, and a way out should a runner misbehave as a server). */
static int fork_servers_wanted(void)
{
  const char *e = getenv("LWIPSIM_FORK_SERVER");
  return e == NULL || strcmp(e, "0") != 0;
}

int lwipsim_run_pool(struct lwipsim_run_job *jobs, size_t n, int jobs_at_once, const char *what)
{
  if (jobs_at_once < 1) {
    jobs_at_once = 1;
  }
  struct lwipsim_progress prog;
  size_t done = 0;
  /* no SA_RESTART: waitpid and poll return EINTR, and the loop sees the flag */
  struct sigaction sa = { .sa_handler = on_stop_signal }, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  lwipsim_progress_start(&prog, what, n, isatty(STDERR_FILENO));
  int copies = sweep_copies_wanted();
  int rc = fork_servers_wanted() ? served_loop(jobs, n, jobs_at_once, &prog, &done, copies)
                                 : exec_loop(jobs, n, jobs_at_once, &prog, &done, copies);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  size_t copied = 0;
  for (size_t k = 0; k < n; k++) {
    copied += jobs[k].copied_from_plus1 != 0;
  }
  if (copied > 0 && what != NULL && !interrupted && !isatty(STDERR_FILENO)) { /* a log's line; a terminal keeps one */
    fprintf(stderr, "%s: %zu of %zu runs made; %zu copied from a lower value's run that never reached its cap\n", what,
            n - copied, n, copied);
  }
  if (interrupted) {
    lwipsim_progress_abort(&prog);
    fprintf(stderr, "%s: interrupted (%s); %zu of %zu runs done, nothing written\n", what ? what : "lwipsim",
            interrupted == SIGINT ? "SIGINT" : "SIGTERM", done, n);
    return LWIPSIM_RUN_POOL_INTERRUPTED;
  }
  return rc;
}

/* Free room /dev/shm must have to hold a scratch folder: a report's runs
 * (some 700 made for the bundled one, records of at most 256 KiB each) many
 * times over; a small one (64 MiB in a default container) is passed by. */
#define SHM_SCRATCH_MIN_FREE (1024.0 * 1024 * 1024)

/* Without TMPDIR, the scratch folder goes to /dev/shm when that is a tmpfs
 * with room: every run creates its record file there, and creating a file
 * on this machine's ext4 /tmp costs 1.7 ms of the kernel's time against
 * 0.05 ms on tmpfs (the bundled report: 2.2 s against 3.2 s on 2 cores). */
static const char *scratch_parent(void)
{
  const char *tmp = getenv("TMPDIR");
  if (tmp != NULL && *tmp != '\0') {
    return tmp;
  }
  struct statfs fs;
  struct statvfs vfs;
  if (statfs("/dev/shm", &fs) == 0 && fs.f_type == TMPFS_MAGIC && statvfs("/dev/shm", &vfs) == 0 &&
      (double)vfs.f_bavail * (double)vfs.f_frsize >= SHM_SCRATCH_MIN_FREE && access("/dev/shm", W_OK | X_OK) == 0) {
    return "/dev/shm";
  }
  return "/tmp";
}

int lwipsim_scratch_create(char *path, size_t cap)
{
  snprintf(path, cap, "%s/lwipsim-XXXXXX", scratch_parent());
  if (mkdtemp(path) == NULL) {
    fprintf(stderr, "lwipsim: cannot create a scratch folder %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

void lwipsim_scratch_remove(const char *path)
{
  DIR *d = opendir(path);
  if (d != NULL) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
        char f[PATH_MAX];
        snprintf(f, sizeof f, "%s/%s", path, e->d_name);
        unlink(f);
      }
    }
    closedir(d);
  }
  rmdir(path);
}

static const char *max_wall;

void lwipsim_run_job_set_max_wall(const char *seconds) { max_wall = seconds; }

void lwipsim_run_job_init(struct lwipsim_run_job *job, const char *runner, const char *scenario, const char *json,
                          const char *const *extra)
{
  memset(job, 0, sizeof *job);
  const char *fixed[] = { runner, "--scenario", scenario, "--quiet", "--json", json };
  size_t n = 0;
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
    job->argv[n++] = strdup(fixed[i]);
  }
  for (size_t i = 0; extra != NULL && extra[i] != NULL && n + 1 < sizeof job->argv / sizeof job->argv[0]; i++) {
    job->argv[n++] = strdup(extra[i]);
  }
  if (max_wall != NULL && n + 2 < sizeof job->argv / sizeof job->argv[0]) {
    job->argv[n++] = strdup("--max-wall");
    job->argv[n++] = strdup(max_wall);
  }
  job->argv[n] = NULL;
  job->json = job->argv[5];
}

void lwipsim_run_job_free(struct lwipsim_run_job *job)
{
  for (size_t i = 0; i < sizeof job->argv / sizeof job->argv[0] && job->argv[i] != NULL; i++) {
    free(job->argv[i]);
    job->argv[i] = NULL;
  }
  job->json = NULL;
  cJSON_Delete(job->record);
  job->record = NULL;
}

cJSON *lwipsim_run_job_record(struct lwipsim_run_job *job, char *err, size_t errlen)
{
  cJSON *rec = job->record;
  job->record = NULL;
  return rec != NULL ? rec : lwipsim_json_load(job->json, err, errlen);
}
