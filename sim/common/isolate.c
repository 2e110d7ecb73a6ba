#include "common/isolate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_all(int fd, struct lwipsim_child_result *res)
{
  size_t cap = 65536;
  res->output = malloc(cap);
  res->output_len = 0;
  if (res->output == NULL) {
    return -1;
  }
  for (;;) {
    if (res->output_len + 1 == cap) {
      char *p = realloc(res->output, cap * 2);
      if (p == NULL) {
        return -1;
      }
      res->output = p;
      cap *= 2;
    }
    ssize_t n = read(fd, res->output + res->output_len, cap - 1 - res->output_len);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    res->output_len += (size_t)n;
  }
  res->output[res->output_len] = '\0';
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

int lwipsim_isolate_run(int (*child)(void *ctx, int out_fd), void *ctx, struct lwipsim_child_result *res)
{
  memset(res, 0, sizeof *res);
  int fds[2];
  if (pipe(fds) != 0) {
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
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
  int rc = read_all(fds[0], res);
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
  return rc;
}
