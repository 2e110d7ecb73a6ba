/* The runner's fork-server mode (`--serve`), for `lwipsim sweep` and
 * `report`: one exec and dynamic link, then one fresh forked child per run. */
#ifndef LWIPSIM_RUNNER_SERVE_H
#define LWIPSIM_RUNNER_SERVE_H

/* Serves runs on the SOCK_SEQPACKET socket on stdin until it is closed.
 * Each request is one message: the run's argv as NUL-terminated strings
 * (argv[0] first), with the file descriptor for the run's stderr attached
 * (SCM_RIGHTS). A forked child, which inherits the server's state as the
 * exec left it (the server itself never runs one), redirects stdin and
 * stdout to /dev/null and stderr to that descriptor and exits with
 * run_main(argc, argv), as an exec'd runner would; the server answers with
 * the child's wait status (an int). SIGINT/SIGTERM are passed on to the
 * child, and the server exits once it has answered. Returns the exit code. */
int lwipsim_runner_serve(int (*run_main)(int argc, char **argv));

#endif
