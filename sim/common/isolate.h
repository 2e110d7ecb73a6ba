/* Runs lwIP in a child process, so a signal inside lwIP is a finding in the
 * record, never the end of the runner. */
#ifndef LWIPSIM_ISOLATE_H
#define LWIPSIM_ISOLATE_H

#include <stddef.h>
#include <stdint.h>

struct lwipsim_child_result {
  char *output; /* everything the child wrote to out_fd (malloc'd, NUL-terminated) */
  size_t output_len;
  int exited; /* 1: exit status in exit_code */
  int exit_code;
  int signal;      /* the signal that ended the child, or 0 */
  int stopped_by;  /* SIGINT or SIGTERM that reached the parent while the child ran (passed on to it), or 0 */
  int too_large;   /* the child wrote more than limits.max_output: output holds none of it */
  int out_of_time; /* limits.wall_ms passed: the parent killed the child (SIGKILL, in signal) */
  int read_errno;  /* reading the child's output failed (errno), output holds none of it */
};

struct lwipsim_isolate_limits {
  size_t max_output; /* bytes kept of the child's output; 0: no limit */
  uint64_t wall_ms;  /* kill the child after this much wall-clock time; 0: never */
};

/* child(ctx, out_fd) runs in the child; its return value is the exit code.
 * While the child runs, SIGINT and SIGTERM to the parent are passed on to it
 * (res->stopped_by says which came): the child decides what a stop means
 * (a replay dies of it, a live run ends its loop and writes its record), and
 * never runs on orphaned. Returns 0, or -1 when fork/pipe failed (errno set). */
int lwipsim_isolate_run(int (*child)(void *ctx, int out_fd), void *ctx, struct lwipsim_child_result *res);
/* The same within limits (NULL: none). A child past either limit is still
 * waited for, and the parent goes on: the result says which limit. */
int lwipsim_isolate_run_limited(int (*child)(void *ctx, int out_fd), void *ctx,
                                const struct lwipsim_isolate_limits *limits, struct lwipsim_child_result *res);

#endif
