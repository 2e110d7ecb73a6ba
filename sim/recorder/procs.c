#include "recorder/procs.h"

#include "common/isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void lwipsim_sleep_ms(long ms)
{
  struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static void child_setup(const char *log_path, const char *env_kv)
{
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  int fd = open(log_path ? log_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  int null_in = open("/dev/null", O_RDONLY);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
  }
  if (null_in >= 0) {
    dup2(null_in, STDIN_FILENO);
  }
  if (env_kv != NULL) {
    putenv((char *)env_kv);
  }
}

void lwipsim_procs_adopt(struct lwipsim_procs *ps, const char *name, pid_t pid)
{
  if (ps->n == LWIPSIM_MAX_PROCS) {
    return;
  }
  ps->p[ps->n].pid = pid;
  snprintf(ps->p[ps->n].name, sizeof ps->p[ps->n].name, "%s", name);
  ps->p[ps->n].done = 0;
  ps->n++;
}

pid_t lwipsim_procs_spawn(struct lwipsim_procs *ps, const char *name, char *const argv[], const char *log_path,
                          const char *env_kv)
{
  if (ps->n == LWIPSIM_MAX_PROCS) {
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    return -1;
  }
  if (pid == 0) {
    child_setup(log_path, env_kv);
    execvp(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid); /* also from the parent: no race with a signal to the group */
  lwipsim_procs_adopt(ps, name, pid);
  return pid;
}

static void mark(struct lwipsim_procs *ps, pid_t pid, int status)
{
  for (size_t i = 0; i < ps->n; i++) {
    if (ps->p[i].pid == pid && !ps->p[i].done) {
      ps->p[i].done = 1;
      ps->p[i].status = status;
    }
  }
}

static int find_done(const struct lwipsim_procs *ps, pid_t pid, int *status)
{
  for (size_t i = 0; i < ps->n; i++) {
    if (ps->p[i].pid == pid) {
      if (ps->p[i].done && status != NULL) {
        *status = ps->p[i].status;
      }
      return ps->p[i].done;
    }
  }
  return 1; /* not ours: nothing to wait for */
}

void lwipsim_procs_reap(struct lwipsim_procs *ps)
{
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    mark(ps, pid, status);
  }
}

int lwipsim_procs_wait(struct lwipsim_procs *ps, pid_t pid, int timeout_ms, int *status)
{
  for (int waited = 0;; waited += 20) {
    lwipsim_procs_reap(ps);
    if (find_done(ps, pid, status)) {
      return 0;
    }
    if (waited >= timeout_ms) {
      return -1;
    }
    lwipsim_sleep_ms(20);
  }
}

void lwipsim_procs_signal(struct lwipsim_procs *ps, pid_t pid, int sig)
{
  lwipsim_procs_reap(ps);
  if (!find_done(ps, pid, NULL)) {
    kill(pid, sig);
  }
}

static size_t running(struct lwipsim_procs *ps)
{
  lwipsim_procs_reap(ps);
  size_t n = 0;
  for (size_t i = 0; i < ps->n; i++) {
    n += !ps->p[i].done;
  }
  return n;
}

void lwipsim_procs_stop_all(struct lwipsim_procs *ps)
{
  for (size_t i = 0; i < ps->n; i++) {
    lwipsim_procs_signal(ps, ps->p[i].pid, SIGTERM);
  }
  for (int waited = 0; waited < 1000 && running(ps) > 0; waited += 20) {
    lwipsim_sleep_ms(20);
  }
  for (size_t i = 0; i < ps->n; i++) {
    lwipsim_procs_signal(ps, ps->p[i].pid, SIGKILL);
  }
  while (running(ps) > 0) {
    lwipsim_sleep_ms(10);
  }
}

/* The child side of lwipsim_run_capture: argv's stdout is the pipe. */
static int exec_to(void *ctx, int out_fd)
{
  char *const *argv = ctx;
  int null_fd = open("/dev/null", O_RDWR);
  dup2(out_fd, STDOUT_FILENO);
  if (null_fd >= 0) {
    dup2(null_fd, STDERR_FILENO);
    dup2(null_fd, STDIN_FILENO);
  }
  execvp(argv[0], argv);
  return 127;
}

int lwipsim_run_capture(char *const argv[], char *out, size_t outlen)
{
  struct lwipsim_child_result res;
  if (lwipsim_isolate_run(exec_to, (void *)argv, &res) != 0) {
    free(res.output);
    return -1;
  }
  if (outlen > 0) {
    snprintf(out, outlen, "%s", res.output ? res.output : "");
    size_t len = strlen(out);
    while (len > 0 && out[len - 1] == '\n') {
      out[--len] = '\0';
    }
  }
  free(res.output);
  return res.exited ? res.exit_code : -1;
}
