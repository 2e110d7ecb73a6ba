/* Target (RP2040) RAM figures in the report, from the firmware image's RAM
 * report (lwipsim fw-ram), which the front end hands in as each profile
 * input's "target" object:
 *   {"name": "rp2040", "image": "fw-<profile>-<lwip>.elf", "image_bytes",
 *    "sram_bytes", "lwip_bytes", "pools": [{"name", "element_bytes",
 *    "elements", "bytes"}]}
 * Without one, every RAM figure stays a host figure and says so. */
#ifndef LWIPSIM_REPORT_TARGET_RAM_H
#define LWIPSIM_REPORT_TARGET_RAM_H

#include <cjson/cJSON.h>

/* Adds to a report pool: ram_figures ("target" or "host"),
 * target_element_bytes, target_change_bytes (recommended - size, times the
 * target element) and target_pool_bytes (the pool's array at the recommended
 * size, alignment included); the last three null without a target figure. */
void lwipsim_report_target_pool(cJSON *pool, const cJSON *target, long size, long recommended);

/* The profile's target RAM: the image as built and with every raised pool the
 * tables show (interesting) at its recommended size; NULL without a target. */
cJSON *lwipsim_report_target_summary(const cJSON *target, const cJSON *report_pools);

#endif
