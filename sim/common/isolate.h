/* Runs lwIP in a child process, so a signal inside lwIP is a finding in the
 * record, never the end of the runner. */
#ifndef LWIPSIM_ISOLATE_H
#define LWIPSIM_ISOLATE_H

#include <stddef.h>

struct lwipsim_child_result {
  char *output; /* everything the child wrote to out_fd (malloc'd, NUL-terminated) */
  size_t output_len;
  int exited; /* 1: exit status in exit_code */
  int exit_code;
  int signal;     /* the signal that ended the child, or 0 */
  int stopped_by; /* SIGINT or SIGTERM that reached the parent while the child ran (passed on to it), or 0 */
};

/* child(ctx, out_fd) runs in the child; its return value is the exit code.
 * While the child runs, SIGINT and SIGTERM to the parent are passed on to it
 * (res->stopped_by says which came): the child decides what a stop means
 * (a replay dies of it, a live run ends its loop and writes its record), and
 * never runs on orphaned. Returns 0, or -1 when fork/pipe failed (errno set). */
int lwipsim_isolate_run(int (*child)(void *ctx, int out_fd), void *ctx, struct lwipsim_child_result *res);

#endif
