/* Progress of a batch of runs on stderr. At a terminal: one line, redrawn in
 * place, with done/total, the rate and the time left. In a log (stderr not a
 * terminal): one line per finished run, naming it and its exit code, so a CI
 * log says which run ended how. */
#ifndef LWIPSIM_PROGRESS_H
#define LWIPSIM_PROGRESS_H

#include <stddef.h>
#include <time.h>

struct lwipsim_progress {
  const char *what; /* the batch, e.g. "lwipsim report: runs"; NULL: no output */
  int quiet;
  size_t n; /* runs in the batch */
  int tty;
  struct timespec start, drawn; /* when the batch started; when the line was last drawn */
};

/* Starts a batch of n runs; tty: whether stderr is a terminal. */
void lwipsim_progress_start(struct lwipsim_progress *p, const char *what, size_t n, int tty);
/* Run number `done` (1-based count) finished: label and exit code. */
void lwipsim_progress_done(struct lwipsim_progress *p, size_t done, const char *label, int exit_code);
/* Ends the terminal line early (the batch was interrupted). */
void lwipsim_progress_abort(struct lwipsim_progress *p);

/* The terminal line for `done` of n after `elapsed` seconds, into buf:
 * "WHAT: D/N runs, R runs/s, T left" ("done in T" at the end). */
void lwipsim_progress_format(char *buf, size_t cap, const char *what, size_t done, size_t n, double elapsed);

#endif
