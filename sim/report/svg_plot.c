/* Inline SVG charts for report.html: no script, no fonts beyond the
 * browser's own sans-serif; styled by classes from the page's <style>. */
#include <stdarg.h>
#include <string.h>

#include "common/json_get.h"
#include "report/render.h"

enum { W = 600, H = 220, ML = 48, MR = 14, MT = 22, MB = 44, PW = W - ML - MR, PH = H - MT - MB };

struct axes {
  long xmax, ymax;
};

/* lwipsim_sb_printf for the few directives this file uses (%s %d %ld %.1f),
 * without printf: a report draws some hundred thousand coordinates, and
 * "%.1f" through vsnprintf was most of its front end's time (issue 12). The
 * same bytes as printf (lwipsim_sb_fixed1); the format attribute keeps the
 * compiler checking the arguments against printf's rules. */
static void put(struct lwipsim_sb *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct lwipsim_sb *o, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  const char *lit = fmt, *c = fmt;
  for (; *c != '\0'; c++) {
    if (*c != '%') {
      continue;
    }
    lwipsim_sb_append(o, lit, (size_t)(c - lit));
    if (strncmp(c, "%.1f", 4) == 0) {
      lwipsim_sb_fixed1(o, va_arg(ap, double));
      c += 3;
    } else if (c[1] == 'd') {
      lwipsim_sb_long(o, va_arg(ap, int));
      c += 1;
    } else if (c[1] == 'l' && c[2] == 'd') {
      lwipsim_sb_long(o, va_arg(ap, long));
      c += 2;
    } else if (c[1] == 's') {
      const char *t = va_arg(ap, const char *);
      t = t != NULL ? t : "(null)"; /* glibc's words */
      lwipsim_sb_append(o, t, strlen(t));
      c += 1;
    } else {
      lwipsim_sb_append(o, "%", 1); /* "%%", or a directive this helper lacks: shows in the output */
      c += c[1] == '%';
    }
    lit = c + 1;
  }
  lwipsim_sb_append(o, lit, (size_t)(c - lit));
  va_end(ap);
}

static double px(const struct axes *a, long x) { return ML + (double)x * PW / (double)a->xmax; }
static double py(const struct axes *a, long y) { return MT + PH - (double)y * PH / (double)a->ymax; }

static long series_max(const cJSON *series)
{
  long m = 0;
  const cJSON *pt;
  cJSON_ArrayForEach(pt, series)
  {
    long u = (long)cJSON_GetArrayItem(pt, 1)->valuedouble;
    m = u > m ? u : m;
  }
  return m;
}

/* A step line: used stays flat until the next change. */
static void step_line(struct lwipsim_sb *o, const struct axes *a, const cJSON *series, long end_ms, const char *cls)
{
  put(o, "<polyline class=\"%s\" points=\"%.1f,%.1f", cls, px(a, 0), py(a, 0));
  long prev = 0;
  const cJSON *pt;
  cJSON_ArrayForEach(pt, series)
  {
    long t = (long)cJSON_GetArrayItem(pt, 0)->valuedouble;
    long u = (long)cJSON_GetArrayItem(pt, 1)->valuedouble;
    put(o, " %.1f,%.1f %.1f,%.1f", px(a, t), py(a, prev), px(a, t), py(a, u));
    prev = u;
  }
  put(o, " %.1f,%.1f\"/>", px(a, end_ms), py(a, prev));
}

static long tick_step_s(long seconds)
{
  static const long steps[] = { 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200 };
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    if (seconds / steps[i] <= 8) {
      return steps[i];
    }
  }
  return 86400;
}

static void frame(struct lwipsim_sb *o, const struct axes *a, const char *xlabel, const char *ylabel)
{
  put(o, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", ML, MT, PW, PH);
  put(o, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", ML + PW / 2, H - 4, xlabel);
  put(o,
      "<text class=\"axis\" x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
      "text-anchor=\"middle\">%s</text>",
      MT + PH / 2, MT + PH / 2, ylabel);
  (void)a;
}

void lwipsim_svg_pool_plot(struct lwipsim_sb *o, const char *profile, const char *scenario, const cJSON *pool,
                           const cJSON *faithful, long size)
{
  const char *name = lwipsim_jstr(pool, "name", "?");
  const cJSON *plot = cJSON_GetObjectItemCaseSensitive(pool, "plot");
  const cJSON *fs = cJSON_GetObjectItemCaseSensitive(plot, "faithful");
  const cJSON *ds = cJSON_GetObjectItemCaseSensitive(plot, "demand");
  long duration = lwipsim_jlong(faithful, "duration_ms", 1);
  long end = lwipsim_jlong(faithful, "end_time_ms", duration);
  struct axes a = { duration > 0 ? duration : 1, 1 };
  long top = series_max(fs);
  top = series_max(ds) > top ? series_max(ds) : top;
  top = size > top ? size : top;
  a.ymax = top + (top / 10 > 1 ? top / 10 : 1);

  put(o, "<svg class=\"pool-plot\" viewBox=\"0 0 %d %d\" role=\"img\" data-profile=\"", W, H);
  lwipsim_sb_esc(o, profile);
  put(o, "\" data-scenario=\"");
  lwipsim_sb_esc(o, scenario);
  put(o, "\" data-pool=\"");
  lwipsim_sb_esc(o, name);
  put(o, "\"><title>");
  lwipsim_sb_esc(o, name);
  put(o, " in use over virtual time, ");
  lwipsim_sb_esc(o, profile);
  put(o, " \u00d7 ");
  lwipsim_sb_esc(o, scenario);
  put(o, "</title>");
  frame(o, &a, "virtual time (s)", "in use");

  long step = tick_step_s(duration / 1000) * 1000;
  for (long t = 0; t <= duration; t += step) {
    put(o, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", px(&a, t), MT, px(&a, t), MT + PH);
    put(o, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ld</text>", px(&a, t), MT + PH + 17,
        t / 1000);
  }
  long yt[3] = { 0, top / 2, top };
  for (int i = 0; i < 3; i++) {
    if (i > 0 && yt[i] == yt[i - 1]) {
      continue;
    }
    put(o, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%ld</text>", ML - 4, py(&a, yt[i]) + 5, yt[i]);
  }
  step_line(o, &a, ds, duration, "demand");
  step_line(o, &a, fs, end, "faithful");
  if (size >= 0) {
    put(o, "<line class=\"size\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", ML, py(&a, size), ML + PW,
        py(&a, size));
    put(o, "<text class=\"size-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">size %ld</text>", ML + PW - 4,
        py(&a, size) - 4, size);
  }
  long fail_ms = lwipsim_jlong(pool, "first_failure_ms", -1);
  if (fail_ms >= 0) {
    long at = size >= 0 ? size : lwipsim_jlong(pool, "peak", 0);
    put(o,
        "<circle class=\"fail\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>%ld failed allocation(s), "
        "first at %ld ms</title></circle>",
        px(&a, fail_ms), py(&a, at), lwipsim_jlong(pool, "failed", 0), fail_ms);
    put(o, "<text class=\"fail-label\" x=\"%.1f\" y=\"%d\">failed \u00d7%ld</text>", px(&a, fail_ms) + 7, MT + 16,
        lwipsim_jlong(pool, "failed", 0));
  }
  if (end < duration) {
    put(o, "<line class=\"stop\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", px(&a, end), MT, px(&a, end), MT + PH);
    put(o, "<text class=\"fail-label\" x=\"%.1f\" y=\"%d\">%s</text>", px(&a, end) + 7, MT + 34,
        lwipsim_jstr(faithful, "outcome", "?"));
  }
  put(o, "</svg>\n");
}

void lwipsim_svg_sweep(struct lwipsim_sb *o, const char *profile, const cJSON *sweep, long size)
{
  const char *pool = lwipsim_jstr(sweep, "pool", "?");
  long lo = lwipsim_jlong(sweep, "lo", 0), hi = lwipsim_jlong(sweep, "hi", 0);
  long step = lwipsim_jlong(sweep, "step", 1) > 0 ? lwipsim_jlong(sweep, "step", 1) : 1; /* HEAP: bytes */
  long nv = hi - lo + 1 > 0 ? (hi - lo) / step + 1 : 1;
  const cJSON *scen = cJSON_GetObjectItemCaseSensitive(sweep, "scenarios");
  int ns = cJSON_GetArraySize(scen) > 0 ? cJSON_GetArraySize(scen) : 1;
  double cw = (double)PW / (double)nv, bw = cw * 0.8 / ns;
  struct axes a = { 1, 100 };

  put(o, "<svg class=\"sweep-plot\" viewBox=\"0 0 %d %d\" role=\"img\" data-profile=\"", W, H);
  lwipsim_sb_esc(o, profile);
  put(o, "\" data-pool=\"%s\"><title>%s sweep %ld to %ld: how far each run got</title>", pool, pool, lo, hi);
  frame(o, &a, pool, "% of run");
  put(o, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">100</text>", ML - 4, py(&a, 100) + 4);
  put(o, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", ML - 4, py(&a, 0) + 4);
  long label_every = nv > 16 ? 2 : 1;
  for (long i = 0; i < nv; i++) {
    long v = lo + i * step;
    double cx = ML + cw * (double)i + cw / 2;
    if (i % label_every == 0 || v == size) {
      put(o, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ld</text>", cx, MT + PH + 17, v);
    }
    int k = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, scen)
    {
      const cJSON *row = NULL, *r;
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(s, "rows"))
      {
        if (lwipsim_jlong(r, "value", -1) == v) {
          row = r;
        }
      }
      if (row != NULL) {
        long dur = lwipsim_jlong(row, "duration_ms", 1), end = lwipsim_jlong(row, "end_time_ms", 0);
        long pct = dur > 0 ? end * 100 / dur : 0;
        int ok = strcmp(lwipsim_jstr(row, "outcome", ""), "ok") == 0;
        double x = ML + cw * (double)i + cw * 0.1 + bw * k;
        char cell[256];
        lwipsim_sweep_cell_text(row, cell, sizeof cell);
        put(o, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%ld, ",
            ok ? "bar-ok" : "bar-fail", x, py(&a, pct > 2 ? pct : 2), bw, (double)(pct > 2 ? pct : 2) * PH / 100.0, v);
        lwipsim_sb_esc(o, lwipsim_jstr(s, "scenario", "?"));
        put(o, ": ");
        lwipsim_sb_esc(o, cell);
        put(o, "</title></rect>");
      }
      k++;
    }
  }
  if (size >= lo && size <= hi) {
    double x = ML + cw * (double)(size - lo) / (double)step + cw / 2;
    put(o, "<line class=\"size\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, MT, x, MT + PH);
    put(o, "<text class=\"size-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">size %ld</text>", x, MT - 5, size);
  }
  put(o, "</svg>\n");
}
