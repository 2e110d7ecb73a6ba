/* Renderers of the report tree (report_build.h) and the text pieces they share. */
#ifndef LWIPSIM_REPORT_RENDER_H
#define LWIPSIM_REPORT_RENDER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "common/strbuf.h"

void lwipsim_render_md(const cJSON *report, struct lwipsim_sb *out);
void lwipsim_render_html(const cJSON *report, struct lwipsim_sb *out);
void lwipsim_render_junit(const cJSON *report, struct lwipsim_sb *out);

/* Inline SVG charts (svg_plot.c). */
void lwipsim_svg_pool_plot(struct lwipsim_sb *out, const char *profile, const char *scenario, const cJSON *pool,
                           const cJSON *faithful, long size);
void lwipsim_svg_sweep(struct lwipsim_sb *out, const char *profile, const cJSON *sweep, long size);

/* Shared text (render_text.c). */
void lwipsim_fmt_ms(char *buf, size_t cap, long ms); /* "10.828 s" */
void lwipsim_outcome_text(const cJSON *summary, char *buf, size_t cap);
void lwipsim_first_failure_text(const cJSON *summary, char *buf, size_t cap);
/* The impact cell: "-", "mDNS silent from then on (...)", led by its start
 * when that is no pool failure or panic ("a write refused (ERR_MEM) at 3.026 s: HTTP: ..."). */
void lwipsim_impact_cell_text(const cJSON *summary, char *buf, size_t cap);
const char *lwipsim_verdict_label(const char *verdict); /* "no count limit" for NO_LIMIT */
void lwipsim_bound_text(const cJSON *bound, char *buf, size_t cap);
/* "search found up to 14 (50 runs); bound 23: 10% of the band above the
 * recorded 13" for a pool report --explore searched; 0 and "" otherwise. */
int lwipsim_search_text(const cJSON *pool, char *buf, size_t cap);
int lwipsim_bound_terms_text(const cJSON *pool, struct lwipsim_sb *out);
void lwipsim_sweep_blockers(const cJSON *sweep, const char *pool, struct lwipsim_sb *out);
/* Timer names with repeats folded: "a, b ×3, c". */
void lwipsim_timers_text(const cJSON *names, struct lwipsim_sb *out);
/* The armed timers at the SYS_TIMEOUT peak of the scenario whose demand run
 * peaked highest (NULL if none), and that scenario's name. */
const cJSON *lwipsim_sys_timeout_peak(const cJSON *profile, const char **scenario);
/* The profile's pool entry by name, or NULL. */
const cJSON *lwipsim_profile_pool(const cJSON *profile, const char *name);
/* The recommended cell: "13 (+64 B)", "keep 24 (needs 1)", "- (fixed pools: 13)". */
void lwipsim_recommended_text(const cJSON *pool, char *buf, size_t cap);
/* "16 B" (the RP2040 image's element) or "32 B host" (no image). */
void lwipsim_element_text(const cJSON *pool, char *buf, size_t cap);
/* One sentence: the profile's RP2040 image against SRAM, as built and with
 * the recommendations, or that the figures are host figures. */
void lwipsim_target_ram_text(const cJSON *profile, char *buf, size_t cap);
/* The lwipopts.h line when the pool must grow, else NULL. */
const char *lwipsim_paste_text(const cJSON *pool);
/* The sentence above the "Not run" table (profile x scenario pairs the
 * profile's options rule out). */
extern const char lwipsim_not_run_intro[];
/* The size cell: "11", or "heap (4 configured)" with no count limit. */
void lwipsim_size_text(const cJSON *pool, char *buf, size_t cap);
/* One sweep cell: "ok", "panic at 0.512 s (mdns_probe_and_announce)". */
void lwipsim_sweep_cell_text(const cJSON *row, char *buf, size_t cap);

/* lwIP's heap (render_heap.c): "18432 (demand + 25% for fragmentation, 64-bit
 * host bytes)", the Markdown HEAP row, and the sentence under the table. */
void lwipsim_heap_recommended_text(const cJSON *heap, char *buf, size_t cap);
void lwipsim_heap_md_row(const cJSON *heap, struct lwipsim_sb *out);
void lwipsim_heap_html_row(const cJSON *heap, struct lwipsim_sb *out);
void lwipsim_heap_sentence(const cJSON *heap, struct lwipsim_sb *out);

#endif
