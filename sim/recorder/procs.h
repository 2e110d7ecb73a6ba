/* Every process lwipsim record starts, so that all of them are stopped on
 * every path out (the end, an error, Ctrl-C). */
#ifndef LWIPSIM_PROCS_H
#define LWIPSIM_PROCS_H

#include <stddef.h>
#include <sys/types.h>

#define LWIPSIM_MAX_PROCS 256

struct lwipsim_procs {
  size_t n;
  struct {
    pid_t pid;
    char name[32];
    int done;   /* reaped */
    int status; /* wait status once done */
  } p[LWIPSIM_MAX_PROCS];
};

/* Starts argv[0] (searched in PATH) with stdout and stderr to log_path (or
 * /dev/null), env_kv ("KEY=VALUE", or NULL) added to its environment, in its
 * own process group (Ctrl-C reaches only the recorder, which stops children
 * in order) and with SIGTERM as its parent-death signal. Returns the pid, or
 * -1 (the table is full, fork failed). */
pid_t lwipsim_procs_spawn(struct lwipsim_procs *ps, const char *name, char *const argv[], const char *log_path,
                          const char *env_kv);
/* Adopts a child started elsewhere (the capture), so cleanup stops it too. */
void lwipsim_procs_adopt(struct lwipsim_procs *ps, const char *name, pid_t pid);
/* Reaps whatever has exited, without blocking. */
void lwipsim_procs_reap(struct lwipsim_procs *ps);
/* Waits up to timeout_ms for pid; returns 0 with its wait status, -1 on timeout. */
int lwipsim_procs_wait(struct lwipsim_procs *ps, pid_t pid, int timeout_ms, int *status);
/* Signals one child (if still running). */
void lwipsim_procs_signal(struct lwipsim_procs *ps, pid_t pid, int sig);
/* SIGTERM to every running child, up to a second to exit, then SIGKILL. */
void lwipsim_procs_stop_all(struct lwipsim_procs *ps);

/* Runs argv to completion with its stdout in out (NUL-terminated, trailing
 * newline cut); stderr goes to /dev/null. Returns the exit status, -1 when
 * it could not run. */
int lwipsim_run_capture(char *const argv[], char *out, size_t outlen);

/* Sleeps ms milliseconds, resuming after signals: the recorder's polling loops. */
void lwipsim_sleep_ms(long ms);

#endif
