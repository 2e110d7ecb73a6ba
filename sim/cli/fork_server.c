#include "cli/fork_server.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* As the server takes it (sim/runner/serve.c). */
#define MAX_REQUEST 65536

int lwipsim_fork_server_start(struct lwipsim_fork_server *s, const char *runner)
{
  int sv[2];
  /* SEQPACKET: one message per run, so no framing; CLOEXEC: no other
   * server keeps this one's socket open (it would never see the end) */
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
    fprintf(stderr, "lwipsim: socketpair: %s\n", strerror(errno));
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "lwipsim: fork: %s\n", strerror(errno));
    close(sv[0]);
    close(sv[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(sv[1], STDIN_FILENO);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, STDOUT_FILENO);
    }
    execl(runner, runner, "--serve", (char *)NULL);
    fprintf(stderr, "cannot run %s: %s\n", runner, strerror(errno));
    _exit(2);
  }
  close(sv[1]);
  s->pid = pid;
  s->sock = sv[0];
  snprintf(s->runner, sizeof s->runner, "%s", runner);
  return 0;
}

int lwipsim_fork_server_send(struct lwipsim_fork_server *s, char *const *argv, int err_fd)
{
  static char buf[MAX_REQUEST];
  size_t n = 0;
  for (size_t i = 0; argv[i] != NULL; i++) {
    size_t len = strlen(argv[i]) + 1;
    if (n + len > sizeof buf - 1) {
      errno = E2BIG;
      return -1;
    }
    memcpy(buf + n, argv[i], len);
    n += len;
  }
  union {
    struct cmsghdr h;
    char space[CMSG_SPACE(sizeof(int))];
  } ctl;
  memset(&ctl, 0, sizeof ctl);
  struct iovec iov = { buf, n };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space, .msg_controllen = sizeof ctl };
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &err_fd, sizeof err_fd);
  ssize_t sent;
  do {
    sent = sendmsg(s->sock, &msg, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return sent == (ssize_t)n ? 0 : -1;
}

int lwipsim_fork_server_result(struct lwipsim_fork_server *s, int *status)
{
  ssize_t n;
  do {
    n = recv(s->sock, status, sizeof *status, 0);
  } while (n < 0 && errno == EINTR);
  return n == (ssize_t)sizeof *status ? 0 : -1;
}

int lwipsim_fork_server_stop(struct lwipsim_fork_server *s)
{
  int status = 0;
  if (s->pid <= 0) {
    return 0;
  }
  close(s->sock);
  while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR) {
  }
  s->pid = 0;
  return status;
}
