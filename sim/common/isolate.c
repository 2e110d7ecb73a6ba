#include "common/isolate.h"

#include <errno.h>
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
  int rc = read_all(fds[0], res);
  close(fds[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  if (WIFEXITED(status)) {
    res->exited = 1;
    res->exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    res->signal = WTERMSIG(status);
  }
  return rc;
}
