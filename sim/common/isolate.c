#include "common/isolate.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t monotonic_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Appends what fd has to res->output, up to max bytes (0: no limit); past
 * that, or when memory runs out, the output is dropped and the rest drained,
 * so the child never blocks on a full pipe. Returns 1 at end of file. */
static int read_some(int fd, struct lwipsim_child_result *res, size_t *cap, size_t max)
{
  char sink[65536];
  int keep = !res->too_large && res->read_errno == 0;
  if (keep && res->output_len + 1 == *cap) {
    size_t want = *cap * 2;
    char *p = realloc(res->output, want);
    if (p == NULL) {
      res->read_errno = ENOMEM;
      keep = 0;
    } else {
      res->output = p;
      *cap = want;
    }
  }
  char *dst = keep ? res->output + res->output_len : sink;
  size_t room = keep ? *cap - 1 - res->output_len : sizeof sink;
  ssize_t n = read(fd, dst, room);
  if (n < 0) {
    return errno == EINTR || errno == EAGAIN ? 0 : (res->read_errno = errno, 1);
  }
  if (n == 0) {
    return 1;
  }
  if (keep) {
    res->output_len += (size_t)n;
    if (max != 0 && res->output_len > max) {
      res->too_large = 1;
    }
  }
  return 0;
}

static volatile pid_t running_child;
static volatile sig_atomic_t stopped_by;

static void pass_on_stop(int sig)
{
  stopped_by = sig;
  if (running_child > 0) {
    kill(running_child, sig);
  }
}

static void read_child(int fd, pid_t pid, const struct lwipsim_isolate_limits *lim, struct lwipsim_child_result *res)
{
  size_t cap = 65536;
  res->output = malloc(cap);
  if (res->output == NULL) {
    res->read_errno = ENOMEM;
  }
  uint64_t deadline = lim->wall_ms ? monotonic_ms() + lim->wall_ms : 0;
  for (;;) {
    int timeout = -1;
    if (deadline != 0) {
      uint64_t now = monotonic_ms();
      if (now >= deadline) {
        res->out_of_time = 1;
        kill(pid, SIGKILL);
        deadline = 0; /* read on to the end of file, which the kill brings */
        continue;
      }
      timeout = (int)(deadline - now < 1000 ? deadline - now : 1000);
    }
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int r = poll(&p, 1, timeout);
    if (r < 0 && errno != EINTR) {
      res->read_errno = errno;
      break;
    }
    if (r > 0 && read_some(fd, res, &cap, lim->max_output)) {
      break;
    }
  }
  if (res->too_large || res->read_errno != 0) {
    free(res->output);
    res->output = NULL;
    res->output_len = 0;
  }
  if (res->output != NULL) {
    res->output[res->output_len] = '\0';
  }
}

int lwipsim_isolate_run_limited(int (*child)(void *ctx, int out_fd), void *ctx,
                                const struct lwipsim_isolate_limits *limits, struct lwipsim_child_result *res)
{
  static const struct lwipsim_isolate_limits none = { 0 };
  const struct lwipsim_isolate_limits *lim = limits ? limits : &none;
  memset(res, 0, sizeof *res);
  int fds[2];
  if (pipe(fds) != 0) {
    return -1;
  }
  fflush(NULL);
  /* A stop that comes between the fork and the handler below must not end
   * the parent alone (its child would run on, orphaned): blocked until the
   * handler is in place, then delivered to it and passed on. */
  sigset_t stops, old_mask;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  sigprocmask(SIG_BLOCK, &stops, &old_mask);
  pid_t pid = fork();
  if (pid < 0) {
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    close(fds[0]);
    int code = child(ctx, fds[1]);
    close(fds[1]);
    fflush(NULL);
    _exit(code);
  }
  close(fds[1]);
  /* after the fork, so the child keeps the disposition its caller gave it */
  struct sigaction sa = { .sa_handler = pass_on_stop }, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  stopped_by = 0;
  running_child = pid;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  sigprocmask(SIG_SETMASK, &old_mask, NULL);
  read_child(fds[0], pid, lim, res);
  close(fds[0]);
  int status;
  int waited;
  while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  running_child = 0;
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  res->stopped_by = stopped_by;
  if (waited < 0) {
    return -1;
  }
  if (WIFEXITED(status)) {
    res->exited = 1;
    res->exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    res->signal = WTERMSIG(status);
  }
  return 0;
}

int lwipsim_isolate_run(int (*child)(void *ctx, int out_fd), void *ctx, struct lwipsim_child_result *res)
{
  return lwipsim_isolate_run_limited(child, ctx, NULL, res);
}
