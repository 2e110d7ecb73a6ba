#include "runner/serve.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A request's argv: the front end's jobs have at most 24 arguments. */
#define MAX_ARGS 64
#define MAX_REQUEST 65536

static volatile sig_atomic_t stop_sig;
static volatile pid_t current;

static void on_stop(int sig)
{
  stop_sig = sig;
  pid_t pid = current;
  if (pid > 0) {
    kill(pid, sig);
  }
}

/* One request: argv split in place in buf; the attached descriptor or -1.
 * Returns the byte count, 0 at the end, -1 on error. */
static ssize_t receive(int sock, char *buf, size_t cap, int *fd)
{
  union {
    struct cmsghdr h;
    char space[CMSG_SPACE(sizeof(int))];
  } ctl;
  struct iovec iov = { buf, cap };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space, .msg_controllen = sizeof ctl };
  ssize_t n;
  do {
    n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR && !stop_sig);
  *fd = -1;
  struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
  if (c != NULL && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
    memcpy(fd, CMSG_DATA(c), sizeof *fd);
  }
  return n;
}

static void run_child(int sock, int err_fd, int argc, char **argv, int (*run_main)(int, char **))
{
  /* as after an exec: the default dispositions, the front end's streams */
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  close(sock);
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
  }
  if (err_fd >= 0) {
    dup2(err_fd, STDERR_FILENO);
  }
  if (devnull > STDERR_FILENO) {
    close(devnull);
  }
  if (err_fd > STDERR_FILENO) {
    close(err_fd);
  }
  exit(run_main(argc, argv)); /* exit, as main's return: stdio flushed */
}

int lwipsim_runner_serve(int (*run_main)(int argc, char **argv))
{
  int sock = STDIN_FILENO;
  struct sigaction sa = { .sa_handler = on_stop };
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  static char buf[MAX_REQUEST];
  while (!stop_sig) {
    int err_fd;
    ssize_t n = receive(sock, buf, sizeof buf - 1, &err_fd);
    if (n <= 0) {
      return n == 0 || stop_sig ? (stop_sig ? 128 + stop_sig : 0) : 2;
    }
    buf[n] = '\0';
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    for (char *p = buf; p < buf + n && argc < MAX_ARGS; p += strlen(p) + 1) {
      argv[argc++] = p;
    }
    argv[argc] = NULL;
    int status = 2 << 8; /* exit 2, when the child cannot even be started */
    pid_t pid = argc > 0 ? fork() : -1;
    if (pid == 0) {
      run_child(sock, err_fd, argc, argv, run_main);
    }
    if (pid < 0 && err_fd >= 0) {
      dprintf(err_fd, "lwipsim: harness error: the runner's fork server cannot fork: %s\n", strerror(errno));
    }
    if (err_fd >= 0) {
      close(err_fd);
    }
    if (pid > 0) {
      current = pid;
      if (stop_sig) {
        kill(pid, stop_sig); /* the signal came between fork and here */
      }
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      current = 0;
    }
    if (send(sock, &status, sizeof status, MSG_NOSIGNAL) != (ssize_t)sizeof status) {
      return 2;
    }
  }
  return 128 + stop_sig;
}
