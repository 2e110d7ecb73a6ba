/* lwipsim fw-ram: the RAM report of an RP2040 firmware image (firmware/),
 * read from its ELF (sim/fw_ram). The firmware build runs it with --check
 * after each link, so an image that does not fit fails the build. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "common/strbuf.h"
#include "fw_ram/fw_index.h"
#include "fw_ram/fw_ram.h"

#define NAMED_POOLS 3

static void help(void)
{
  printf("usage: lwipsim fw-ram [--json] [--json-out FILE] [--check] (ELF | --profile NAME [--firmware-dir DIR])\n\n"
         "The SRAM an RP2040 firmware image needs, read from its ELF: each lwIP memp pool\n"
         "(memp_memory_<POOL>_base: elements x target bytes per element, plus alignment), lwIP's\n"
         "heap (ram_heap), all of lwIP's variables, lwipsim's own (device script, probe, run state,\n"
         "mailbox), and the image's total (.data, .bss, malloc arena, stack) against 264 KiB.\n\n"
         "  ELF               an image: BUILD/firmware/bin/fw-<profile>-<lwip>.elf\n"
         "  --profile NAME    the image the firmware build made for profile NAME\n"
         "  --firmware-dir D  the firmware build folder (default: BUILD/firmware, next to bin/)\n"
         "  --json            JSON on stdout instead of the table\n"
         "  --json-out FILE   also write the JSON to FILE (only when the image was read)\n"
         "  --check           exit 3 when the image does not fit, naming the largest pools\n\n"
         "exit: 0 ok, 2 usage or unreadable image, 3 does not fit (--check)\n");
}

static cJSON *to_json(const char *elf, const struct lwipsim_fw_ram *r)
{
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "image", elf);
  cJSON_AddStringToObject(o, "target", "rp2040");
  cJSON_AddBoolToObject(o, "pools_from_heap", r->pools_malloc);
  cJSON *pools = cJSON_AddArrayToObject(o, "pools");
  for (size_t i = 0; i < r->n_pools; i++) {
    const struct lwipsim_fw_pool *p = &r->pools[i];
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "name", p->name);
    cJSON_AddNumberToObject(j, "element_bytes", p->elem_bytes);
    if (r->pools_malloc) {
      cJSON_AddNullToObject(j, "elements");
    } else {
      cJSON_AddNumberToObject(j, "elements", p->num);
    }
    cJSON_AddNumberToObject(j, "bytes", p->bytes);
    cJSON_AddItemToArray(pools, j);
  }
  cJSON_AddNumberToObject(o, "pools_bytes", r->pools_bytes);
  cJSON_AddNumberToObject(o, "lwip_heap_bytes", r->heap_bytes);
  cJSON_AddNumberToObject(o, "lwip_bytes", r->lwip_bytes);
  cJSON_AddNumberToObject(o, "lwipsim_bytes", r->sim_bytes);
  cJSON *sec = cJSON_AddObjectToObject(o, "sections");
  cJSON_AddNumberToObject(sec, "data", r->data_bytes);
  cJSON_AddNumberToObject(sec, "bss", r->bss_bytes);
  cJSON_AddNumberToObject(sec, "tls", r->tls_bytes);
  cJSON_AddNumberToObject(sec, "malloc_arena", r->malloc_bytes);
  cJSON_AddNumberToObject(sec, "stack", r->stack_bytes);
  cJSON_AddNumberToObject(o, "image_bytes", r->image_bytes);
  cJSON_AddNumberToObject(o, "sram_bytes", r->sram_bytes);
  cJSON_AddBoolToObject(o, "fits", lwipsim_fw_ram_fits(r));
  cJSON *top = cJSON_AddArrayToObject(o, "largest_outside_lwip");
  for (size_t i = 0; i < r->n_top_other; i++) {
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "name", r->top_other[i].name);
    cJSON_AddNumberToObject(j, "bytes", r->top_other[i].bytes);
    cJSON_AddItemToArray(top, j);
  }
  return o;
}

static void print_table(const char *elf, const struct lwipsim_fw_ram *r)
{
  printf("RAM of %s (RP2040, %u bytes of SRAM)\n\n", elf, (unsigned)r->sram_bytes);
  printf("%-20s %9s %9s %9s\n", "pool", "elements", "B/elem", "bytes");
  for (size_t i = 0; i < r->n_pools; i++) {
    const struct lwipsim_fw_pool *p = &r->pools[i];
    if (r->pools_malloc) {
      printf("%-20s %9s %9u %9s\n", p->name, "heap", (unsigned)p->elem_bytes, "-");
    } else {
      printf("%-20s %9u %9u %9u\n", p->name, (unsigned)p->num, (unsigned)p->elem_bytes, (unsigned)p->bytes);
    }
  }
  printf("\n%-40s %9u\n", "memp pools", (unsigned)r->pools_bytes);
  printf("%-40s %9u\n", "lwIP heap (ram_heap)", (unsigned)r->heap_bytes);
  printf("%-40s %9u\n", "lwIP in all (its variables)", (unsigned)r->lwip_bytes);
  printf("%-40s %9u\n", "lwipsim (device script, probe, mailbox)", (unsigned)r->sim_bytes);
  printf("%-40s %9u\n", "malloc arena", (unsigned)r->malloc_bytes);
  printf("%-40s %9u\n", "stack", (unsigned)r->stack_bytes);
  printf("%-40s %9u of %u (%.1f%%)%s\n", "image", (unsigned)r->image_bytes, (unsigned)r->sram_bytes,
         100.0 * r->image_bytes / r->sram_bytes, lwipsim_fw_ram_fits(r) ? "" : "  DOES NOT FIT");
  if (r->n_top_other > 0) {
    printf("\nlargest outside lwIP:");
    for (size_t i = 0; i < r->n_top_other && i < 4; i++) {
      printf("%s %s %u", i ? "," : "", r->top_other[i].name, (unsigned)r->top_other[i].bytes);
    }
    printf("\n");
  }
}

/* One line: what does not fit and which pools (and the heap) are largest. */
static void print_misfit(const char *elf, const struct lwipsim_fw_ram *r)
{
  size_t idx[NAMED_POOLS];
  size_t n = lwipsim_fw_ram_largest_pools(r, idx, NAMED_POOLS);
  fprintf(stderr, "lwipsim fw-ram: %s does not fit: %u bytes of SRAM needed, %u available; largest pools:", elf,
          (unsigned)r->image_bytes, (unsigned)r->sram_bytes);
  for (size_t i = 0; i < n; i++) {
    fprintf(stderr, "%s %s %u B", i ? "," : "", r->pools[idx[i]].name, (unsigned)r->pools[idx[i]].bytes);
  }
  if (r->heap_bytes > 0) {
    fprintf(stderr, "; lwIP heap %u B", (unsigned)r->heap_bytes);
  }
  fprintf(stderr, "\n");
}

/* text and a newline into path (common/read_file.c's writer); 0 or -1 */
static int write_json(const char *path, const char *text)
{
  struct lwipsim_sb b = { 0 };
  lwipsim_sb_printf(&b, "%s\n", text);
  int rc = lwipsim_sb_write_file(&b, path);
  lwipsim_sb_free(&b);
  return rc;
}

int lwipsim_cmd_fw_ram(const struct lwipsim_cli *cli, int argc, char **argv)
{
  const char *elf = NULL, *profile = NULL, *fw_dir = NULL, *json_out = NULL;
  int json = 0, check = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      return 0;
    } else if (strcmp(a, "--json") == 0) {
      json = 1;
    } else if (strcmp(a, "--check") == 0) {
      check = 1;
    } else if ((strcmp(a, "--profile") == 0 || strcmp(a, "--firmware-dir") == 0 || strcmp(a, "--json-out") == 0) &&
               i + 1 < argc) {
      const char **slot = a[2] == 'p' ? &profile : a[2] == 'f' ? &fw_dir : &json_out;
      *slot = argv[++i];
    } else if (a[0] != '-' && elf == NULL) {
      elf = a;
    } else {
      fprintf(stderr, "lwipsim fw-ram: unexpected argument '%s' (see --help)\n", a);
      return 2;
    }
  }
  if ((elf == NULL) == (profile == NULL)) {
    fprintf(stderr, "lwipsim fw-ram: give an image or --profile NAME (see --help)\n");
    return 2;
  }
  char dir[4096], path[4096], err[512] = "";
  if (profile != NULL) {
    if (fw_dir == NULL) {
      lwipsim_fw_default_dir(cli->bin_dir, dir, sizeof dir);
      fw_dir = dir;
    }
    int found = lwipsim_fw_image_for(fw_dir, profile, path, sizeof path, err, sizeof err);
    if (found <= 0) {
      fprintf(stderr, "lwipsim fw-ram: %s\n",
              found < 0 ? err : "no firmware image for that profile (build the firmware: see README, \"Firmware\")");
      return 2;
    }
    elf = path;
  }
  struct lwipsim_fw_ram *r = malloc(sizeof *r);
  if (r == NULL) {
    fprintf(stderr, "lwipsim fw-ram: out of memory\n");
    return 2;
  }
  if (lwipsim_fw_ram_read(elf, r, err, sizeof err) != 0) {
    fprintf(stderr, "lwipsim fw-ram: %s\n", err);
    free(r);
    return 2;
  }
  cJSON *o = to_json(elf, r);
  char *text = cJSON_Print(o);
  int rc = 0;
  if (json_out != NULL && write_json(json_out, text) != 0) {
    fprintf(stderr, "lwipsim fw-ram: %s: cannot write\n", json_out);
    rc = 2;
  }
  if (json) {
    printf("%s\n", text);
  } else {
    print_table(elf, r);
  }
  if (check && !lwipsim_fw_ram_fits(r)) {
    print_misfit(elf, r);
    if (json_out != NULL) {
      remove(json_out); /* no report for an image that failed: the build step runs again */
    }
    rc = 3;
  }
  free(text);
  cJSON_Delete(o);
  free(r);
  return rc;
}
