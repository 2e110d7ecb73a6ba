/* What the test programs share (tests/common/CMakeLists.txt builds it into
 * lwipsim_test_common): temporary folders, whole files, big-endian bytes and
 * an Internet checksum of the tests' own, Ethernet frame headers, running
 * lwipsim and reading back what it wrote, and JSON getters.
 *
 * Nothing here uses sim/ code: frames and checksums are built independently
 * of the code under test. Functions that say "asserts" fail the running
 * Check test; the others report failure by their return value, so that a
 * program without a Check runner (tests/third_party) can use them. */
#ifndef LWIPSIM_TEST_COMMON_H
#define LWIPSIM_TEST_COMMON_H

#include <check.h>
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* ---- temporary folders ---- */

/* A fresh folder under $TMPDIR (or /tmp), removed with everything in it when
 * the process that made it exits (Check's forked test, or the runner for an
 * unchecked fixture); asserts. The pointer is valid until the next call. */
const char *tc_tmpdir(void);
/* The same into out (at least 64 bytes); -1 when mkdtemp failed. */
int tc_mkdtemp(char *out, size_t outlen);
/* Removes path and everything in it. */
void tc_rmtree(const char *path);

/* ---- whole files ---- */

/* The file's bytes and a '\0' after them (free()), its length in *len when
 * len is not NULL; NULL when it cannot be read. */
char *tc_read_file(const char *path, size_t *len);
/* cJSON of the file (cJSON_Delete()); asserts it was written and parses. */
cJSON *tc_load_json(const char *path);
/* Writes (replaces) the file; -1 when it could not. */
int tc_try_write_file(const char *path, const void *data, size_t len);
/* The same; asserts. */
void tc_write_file(const char *path, const void *data, size_t len);
void tc_write_text(const char *path, const char *text);
/* LWIPSIM_SOURCE_DIR/relative, valid until the next call. */
const char *tc_source_path(const char *relative);

/* ---- bytes, big-endian ---- */

void tc_put16(uint8_t *p, uint32_t v);
void tc_put32(uint8_t *p, uint32_t v);
uint32_t tc_get16(const uint8_t *p);
uint32_t tc_get32(const uint8_t *p);
/* The ones' complement sum of n bytes added to s, folded to 16 bits (RFC
 * 1071); a header or segment with a right checksum in it sums to 0xffff. */
uint32_t tc_sum(const uint8_t *b, uint32_t n, uint32_t s);

/* ---- frames ---- */

#define TC_ETH 14 /* Ethernet II header */

/* Writes the Ethernet II header; returns where its payload starts. */
uint8_t *tc_eth(uint8_t *frame, const uint8_t dst[6], const uint8_t src[6], uint32_t type);
/* An Ethernet ARP frame for IPv4 (28 bytes after the header, no padding; the
 * target hardware address zero); returns its length. */
uint32_t tc_arp(uint8_t *frame, const uint8_t eth_src[6], const uint8_t eth_dst[6], int op, const uint8_t sha[6],
                const uint8_t spa[4], const uint8_t tpa[4]);

/* A malloc'd copy of exactly len bytes of frame (at least one byte is
 * allocated), so ASan sees any read past the frame's end; free() it. */
uint8_t *tc_heap_copy(const uint8_t *frame, uint32_t len);

/* ---- running lwipsim (LWIPSIM_BIN_DIR/lwipsim) ---- */

/* Runs argv[0] (searched in PATH when it has no '/') with argv; stdout into
 * out_path and stderr into err_path, each inherited when NULL, and stderr
 * with stdout when err_path is TC_ERR_TO_OUT. Returns the exit status,
 * 128 + the signal when it died on one, -1 when it could not be started. */
#define TC_ERR_TO_OUT "&1"
int tc_spawn(char *const argv[], const char *out_path, const char *err_path);

/* lwipsim ARGS... (NULL-terminated): its exit code as tc_spawn's and the
 * start of its stderr in err (errlen bytes with the '\0'); stdout into
 * out_path, or /dev/null when NULL. Asserts that it started. */
int tc_lwipsim(char *err, size_t errlen, const char *out_path, ...);

struct tc_replay {
  int exit_code;  /* as tc_spawn's */
  char err[2048]; /* the start of its stderr */
  char json_path[512];
  cJSON *record; /* NULL when no record was written */
};

/* lwipsim replay --profile P --scenario DIR --json TMP --quiet [extra...]
 * (NULL-terminated), in a fresh tc_tmpdir(). */
void tc_replay(struct tc_replay *r, const char *profile, const char *scenario_dir, ...);
void tc_replay_free(struct tc_replay *r);

/* ---- JSON getters (assert the type) ---- */

double tc_num(const cJSON *obj, const char *key);
long tc_int(const cJSON *obj, const char *key);
const char *tc_str(const cJSON *obj, const char *key);
/* The element of obj's array `key` whose "name" is name; asserts there is one. */
const cJSON *tc_named(const cJSON *obj, const char *key, const char *name);
/* tc_named(obj, "pools", name): a record's or a report profile's pool. */
const cJSON *tc_pool(const cJSON *obj, const char *name);
/* tc_named(report, "profiles", name): a report's profile. */
const cJSON *tc_profile(const cJSON *report, const char *name);
/* How many strings in the array start with prefix. */
int tc_count_prefix(const cJSON *array, const char *prefix);
/* Occurrences of needle in haystack. */
int tc_count(const char *haystack, const char *needle);

#endif
