#include "cli/progress.h"

#include <stdio.h>

/* Redraws at most this often: a fast batch finishes hundreds of runs a
 * second, and a terminal need not draw each. */
#define REDRAW_S 0.1

static double since(const struct timespec *t0)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void format_secs(char *buf, size_t cap, double s)
{
  long t = (long)(s + 0.5);
  if (s < 9.95) {
    snprintf(buf, cap, "%.1f s", s); /* batches of a few seconds: tenths say more */
  } else if (t < 60) {
    snprintf(buf, cap, "%ld s", t);
  } else if (t < 3600) {
    snprintf(buf, cap, "%ld min %02ld s", t / 60, t % 60);
  } else {
    snprintf(buf, cap, "%ld h %02ld min", t / 3600, t / 60 % 60);
  }
}

void lwipsim_progress_format(char *buf, size_t cap, const char *what, size_t done, size_t n, double elapsed)
{
  char t[32];
  if (done == 0 || elapsed <= 0) {
    snprintf(buf, cap, "%s: %zu/%zu runs", what, done, n);
    return;
  }
  double rate = (double)done / elapsed;
  if (done >= n) {
    format_secs(t, sizeof t, elapsed);
    snprintf(buf, cap, "%s: %zu/%zu runs, %.1f runs/s, done in %s", what, done, n, rate, t);
  } else {
    format_secs(t, sizeof t, (double)(n - done) / rate);
    snprintf(buf, cap, "%s: %zu/%zu runs, %.1f runs/s, %s left", what, done, n, rate, t);
  }
}

static void draw(struct lwipsim_progress *p, size_t done)
{
  char line[512];
  lwipsim_progress_format(line, sizeof line, p->what, done, p->n, since(&p->start));
  /* \033[K clears what a longer earlier line left on the right */
  fprintf(stderr, "\r%s\033[K%s", line, done >= p->n ? "\n" : "");
  fflush(stderr);
  clock_gettime(CLOCK_MONOTONIC, &p->drawn);
}

void lwipsim_progress_start(struct lwipsim_progress *p, const char *what, size_t n, int tty)
{
  p->what = what;
  p->n = n;
  p->tty = tty;
  p->quiet = what == NULL; /* the caller shows its own progress (explore) */
  clock_gettime(CLOCK_MONOTONIC, &p->start);
  p->drawn = p->start;
  if (tty && n > 0 && !p->quiet) {
    draw(p, 0);
  }
}

void lwipsim_progress_done(struct lwipsim_progress *p, size_t done, const char *label, int exit_code)
{
  if (p->quiet) {
    return;
  }
  if (!p->tty) {
    fprintf(stderr, "%s: [%zu/%zu] %s: exit %d\n", p->what, done, p->n, label, exit_code);
    fflush(stderr);
  } else if (done >= p->n || since(&p->drawn) >= REDRAW_S) {
    draw(p, done);
  }
}

void lwipsim_progress_abort(struct lwipsim_progress *p)
{
  if (p->tty && !p->quiet) {
    fputc('\n', stderr);
  }
}
