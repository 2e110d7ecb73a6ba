#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "common/error_text.h"
#include "fw_ram/fw_ram_priv.h"

/* The layout depends on the profile's options (memp_priv.h: desc and stats
 * only with LWIP_DEBUG or MEMP_STATS, num/base/tab only without
 * MEMP_MEM_MALLOC), so it is read, not assumed. */
int lwipsim_fw_memp_desc_layout(const struct reader *r, int *size_off, int *num_off)
{
  *size_off = *num_off = -1;
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(r->dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
    Dwarf_Die cu, die;
    if (dwarf_offdie(r->dw, off + hsize, &cu) != NULL && dwarf_child(&cu, &die) == 0) {
      do {
        const char *n = dwarf_diename(&die);
        Dwarf_Die m;
        if (dwarf_tag(&die) != DW_TAG_structure_type || n == NULL || strcmp(n, "memp_desc") != 0 ||
            dwarf_child(&die, &m) != 0) {
          continue;
        }
        do {
          Dwarf_Attribute a;
          Dwarf_Word w;
          const char *mn = dwarf_diename(&m);
          if (mn == NULL || dwarf_attr(&m, DW_AT_data_member_location, &a) == NULL || dwarf_formudata(&a, &w) != 0) {
            continue;
          }
          if (strcmp(mn, "size") == 0) {
            *size_off = (int)w;
          } else if (strcmp(mn, "num") == 0) {
            *num_off = (int)w;
          }
        } while (dwarf_siblingof(&m, &m) == 0);
        if (*size_off >= 0) {
          return 0;
        }
      } while (dwarf_siblingof(&die, &die) == 0);
    }
    off = next;
  }
  return -1;
}

enum owner { OWNER_OTHER, OWNER_LWIP, OWNER_SIM };

static enum owner cu_owner(Dwarf_Die *cu)
{
  const char *name = dwarf_diename(cu);
  if (name == NULL) {
    return OWNER_OTHER;
  }
  static const char *const lwip[] = { "/src/core/", "/src/netif/", "/src/apps/", "/src/api/" };
  static const char *const sim[] = { "/sim/stack/", "/sim/scenario/", "/sim/common/", "/firmware/image/",
                                     "/firmware/port/" };
  for (size_t i = 0; i < sizeof lwip / sizeof lwip[0]; i++) {
    if (strstr(name, lwip[i]) != NULL) {
      return OWNER_LWIP;
    }
  }
  for (size_t i = 0; i < sizeof sim / sizeof sim[0]; i++) {
    if (strstr(name, sim[i]) != NULL) {
      return OWNER_SIM;
    }
  }
  return OWNER_OTHER;
}

struct var {
  uint32_t addr, size;
  enum owner owner;
  const char *name;
};

struct vars {
  struct var *v;
  size_t n, cap;
};

static uint32_t var_size(const struct reader *r, uint32_t addr, Dwarf_Die *die)
{
  for (size_t i = 0; i < r->n_syms; i++) {
    if (r->syms[i].value == addr && r->syms[i].type == STT_OBJECT && r->syms[i].size > 0) {
      return r->syms[i].size;
    }
  }
  Dwarf_Attribute a;
  Dwarf_Die type;
  Dwarf_Word size;
  if (dwarf_attr_integrate(die, DW_AT_type, &a) != NULL && dwarf_formref_die(&a, &type) != NULL &&
      dwarf_aggregate_size(&type, &size) == 0) {
    return (uint32_t)size;
  }
  return 0;
}

static int add_var(struct vars *vs, struct var v)
{
  for (size_t i = 0; i < vs->n; i++) {
    if (vs->v[i].addr == v.addr) {
      return 0; /* one variable, several DIEs */
    }
  }
  if (vs->n == vs->cap) {
    size_t cap = vs->cap ? vs->cap * 2 : 256;
    struct var *nv = realloc(vs->v, cap * sizeof *nv);
    if (nv == NULL) {
      return -1;
    }
    vs->v = nv;
    vs->cap = cap;
  }
  vs->v[vs->n++] = v;
  return 0;
}

/* Every variable with a fixed SRAM address under die (function statics
 * included), attributed to owner. */
static int walk_vars(const struct reader *r, Dwarf_Die *die, enum owner owner, struct vars *vs)
{
  Dwarf_Die child;
  if (dwarf_child(die, &child) != 0) {
    return 0;
  }
  do {
    int tag = dwarf_tag(&child);
    if (tag == DW_TAG_variable) {
      Dwarf_Attribute a;
      Dwarf_Op *expr;
      size_t len;
      if (dwarf_attr(&child, DW_AT_location, &a) != NULL && dwarf_getlocation(&a, &expr, &len) == 0 && len == 1 &&
          expr[0].atom == DW_OP_addr && expr[0].number >= SRAM_BASE && expr[0].number < r->ram_end) {
        uint32_t addr = (uint32_t)expr[0].number;
        if (add_var(vs, (struct var){ addr, var_size(r, addr, &child), owner, dwarf_diename(&child) }) != 0) {
          return -1;
        }
      }
    } else if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block || tag == DW_TAG_inlined_subroutine) {
      if (walk_vars(r, &child, owner, vs) != 0) {
        return -1;
      }
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  return 0;
}

static int cmp_var_size(const void *a, const void *b)
{
  const struct var *x = a, *y = b;
  if (x->size != y->size) {
    return x->size < y->size ? 1 : -1;
  }
  return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int lwipsim_fw_read_owners(struct reader *r, struct lwipsim_fw_ram *out)
{
  struct vars vs = { 0 };
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(r->dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(r->dw, off + hsize, &cu) != NULL && walk_vars(r, &cu, cu_owner(&cu), &vs) != 0) {
      free(vs.v);
      lwipsim_set_err(r->err, r->errlen, "%s: out of memory reading DWARF", r->path);
      return -1;
    }
    off = next;
  }
  qsort(vs.v, vs.n, sizeof *vs.v, cmp_var_size);
  for (size_t i = 0; i < vs.n; i++) {
    const struct var *v = &vs.v[i];
    if (v->owner == OWNER_LWIP) {
      out->lwip_bytes += v->size;
      continue;
    }
    if (v->owner == OWNER_SIM) {
      out->sim_bytes += v->size;
    }
    if (out->n_top_other < LWIPSIM_FW_TOP && v->name != NULL) {
      struct lwipsim_fw_symbol *t = &out->top_other[out->n_top_other++];
      strncpy(t->name, v->name, sizeof t->name - 1);
      t->bytes = v->size;
    }
  }
  free(vs.v);
  return 0;
}
