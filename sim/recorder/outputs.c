/* lwipsim record: the scenario folder from what the live session left in
 * its work dir: capture.pcap (device frames checked complete),
 * live-record.json, scenario.ini and RECORDING.md. */
#include "recorder/outputs.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/json_get.h"
#include "recorder/capture.h"
#include "recorder/scenario_out.h"

static int read_origin(struct lwipsim_recording *rec)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/origin", rec->work);
  FILE *f = fopen(path, "r");
  unsigned long long us = 0;
  int ok = f != NULL && fscanf(f, "%llu", &us) == 1;
  if (f != NULL) {
    fclose(f);
  }
  rec->origin_us = us;
  return ok ? 0 : -1;
}

static int copy_file(const char *src, const char *dst)
{
  FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
  char buf[65536];
  size_t n;
  int ok = in != NULL && out != NULL;
  while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) {
    ok = fwrite(buf, 1, n, out) == n;
  }
  if (in != NULL) {
    fclose(in);
  }
  if (out != NULL) {
    ok = fclose(out) == 0 && ok;
  }
  return ok ? 0 : -1;
}

/* Every frame the live device sent must be in the capture, or the replay
 * would feed the device a conversation with holes in it (libpcap drops
 * frames when the capture process is starved on a busy machine). */
static int check_capture_complete(const struct lwipsim_recording *rec, const char *record_path, char *err,
                                  size_t errlen)
{
  cJSON *r = lwipsim_json_load(record_path, err, errlen);
  if (r == NULL) {
    return -1;
  }
  long sent = lwipsim_jlong(cJSON_GetObjectItemCaseSensitive(r, "frames"), "transmitted", -1);
  cJSON_Delete(r);
  if (sent < 0) {
    snprintf(err, errlen, "%s: the live run's record has no frames.transmitted", record_path);
    return -1;
  }
  if (rec->capture.device_frames != (uint64_t)sent) {
    snprintf(err, errlen,
             "the capture holds %llu of the %ld frames the device sent: frames were lost (a busy machine?); "
             "record again",
             (unsigned long long)rec->capture.device_frames, sent);
    return -1;
  }
  return 0;
}

int lwipsim_recording_write_outputs(struct lwipsim_recording *rec, char *err, size_t errlen)
{
  char src[PATH_MAX + 32], dst[PATH_MAX + 32];
  if (read_origin(rec) != 0) {
    snprintf(err, errlen, "the device's run left no clock origin (see %s/runner.log)", rec->work);
    return -1;
  }
  if (mkdir(rec->out_dir, 0755) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: %s", rec->out_dir, strerror(errno));
    return -1;
  }
  snprintf(src, sizeof src, "%s/raw.pcap", rec->work);
  snprintf(dst, sizeof dst, "%s/capture.pcap", rec->out_dir);
  uint8_t mac[6];
  if (sscanf(rec->device_mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) !=
          6 ||
      lwipsim_capture_finish(src, dst, rec->origin_us, mac, &rec->capture, err, errlen) != 0) {
    return -1;
  }
  rec->capture_start_ms = rec->capture.frames ? (rec->capture.first_us - rec->origin_us) / 1000u : 0;
  snprintf(src, sizeof src, "%s/live-record.json", rec->work);
  snprintf(dst, sizeof dst, "%s/live-record.json", rec->out_dir);
  if (copy_file(src, dst) != 0) {
    snprintf(err, errlen, "the live run wrote no record (see %s/runner.log)", rec->work);
    return -1;
  }
  if (check_capture_complete(rec, dst, err, errlen) != 0) {
    return -1;
  }
  if (lwipsim_scenario_out_ini(rec, err, errlen) != 0 || lwipsim_scenario_out_readme(rec, err, errlen) != 0) {
    return -1;
  }
  return 0;
}
