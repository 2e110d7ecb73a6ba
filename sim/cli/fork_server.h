/* The front end's side of a runner's fork server (`RUNNER --serve`,
 * sim/runner/serve.c): one process per runner binary serves its runs one
 * after another, each in a fresh forked child, so a run costs no exec and
 * no dynamic link of the runner's libraries. */
#ifndef LWIPSIM_FORK_SERVER_H
#define LWIPSIM_FORK_SERVER_H

#include <limits.h>
#include <sys/types.h>

struct lwipsim_fork_server {
  pid_t pid; /* 0: no server */
  int sock;
  char runner[PATH_MAX];
};

/* Starts `runner --serve`; 0, or -1 with a message on stderr. */
int lwipsim_fork_server_start(struct lwipsim_fork_server *s, const char *runner);
/* Sends one run: argv (argv[0] the runner, NULL-terminated) and the file
 * descriptor its stderr goes to; 0 or -1 (the server is gone). */
int lwipsim_fork_server_send(struct lwipsim_fork_server *s, char *const *argv, int err_fd);
/* Reads the wait status of the run sent last; 0, or -1 when the server
 * ended without one. */
int lwipsim_fork_server_result(struct lwipsim_fork_server *s, int *status);
/* Closes the server's socket (it exits when it sees the end) and reaps it;
 * its wait status (0 when there was no server). */
int lwipsim_fork_server_stop(struct lwipsim_fork_server *s);

#endif
