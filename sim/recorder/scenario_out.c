#include "recorder/scenario_out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#include "recorder/peer_mqtt.h"
#include "recorder/peer_services.h"
#include "recorder/recording.h"

static FILE *open_out(const struct lwipsim_recording *rec, const char *name, char *err, size_t errlen)
{
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/%s", rec->out_dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
  }
  return f;
}

static int close_out(FILE *f, const struct lwipsim_recording *rec, const char *name, char *err, size_t errlen)
{
  if (fclose(f) != 0) {
    snprintf(err, errlen, "%s/%s: write failed", rec->out_dir, name);
    return -1;
  }
  return 0;
}

/* The [script] section of the input, line for line (comments too). */
static int copy_script(const struct lwipsim_recording *rec, FILE *out, char *err, size_t errlen)
{
  char path[PATH_MAX + 32];
  struct stat st;
  snprintf(path, sizeof path, "%s%s", rec->script,
           stat(rec->script, &st) == 0 && S_ISDIR(st.st_mode) ? "/scenario.ini" : "");
  FILE *in = fopen(path, "r");
  if (in == NULL) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  char line[512];
  int in_script = 0;
  while (fgets(line, sizeof line, in) != NULL) {
    if (line[0] == '[') {
      in_script = strncmp(line, "[script]", 8) == 0;
    }
    if (in_script) {
      fputs(line, out);
    }
  }
  fclose(in);
  return 0;
}

int lwipsim_scenario_out_ini(const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  FILE *f = open_out(rec, "scenario.ini", err, errlen);
  if (f == NULL) {
    return -1;
  }
  char services[128], mqtt_and_services[192];
  lwipsim_peer_services_names(rec, services, sizeof services);
  snprintf(mqtt_and_services, sizeof mqtt_and_services, "%s%s", rec->mqtt_port != 0 ? ", mosquitto (MQTT broker)" : "",
           services);
  fprintf(f,
          "; Recorded by `lwipsim record` (see RECORDING.md): lwIP built with profile %s ran\n"
          "; live on a TAP device while real Linux peers talked to it. capture.pcap holds\n"
          "; every frame on that link, both directions; replays feed the device the peers'.\n"
          "[scenario]\n"
          "description = %s\n"
          "source = recorded live (lwipsim record, TAP): dnsmasq, avahi-daemon+avahi-browse x%u, curl x%u/round, "
          "ping%s; RECORDING.md\n"
          "capture = capture.pcap\n"
          "profile = %s\n"
          "duration = %us\n"
          "capture_start = %llums\n"
          "seed = %u\n"
          "\n"
          "[device]\n"
          "mac = %s\n",
          rec->profile, rec->description, rec->browsers, rec->http_clients, mqtt_and_services, rec->profile,
          rec->duration_s, (unsigned long long)rec->capture_start_ms, rec->seed, rec->device_mac);
  if (rec->ap_mac[0] != '\0') {
    /* the access point ran beside the station with no link in the
     * namespace: the capture is the station's alone */
    fprintf(f, "ap_mac = %s\n", rec->ap_mac);
  }
  fputs("\n; peers (dpkg-query -W):\n", f);
  for (const char *p = rec->versions; *p;) {
    size_t len = strcspn(p, "\n");
    fprintf(f, ";   %.*s\n", (int)len, p);
    p += len + (p[len] == '\n');
  }
  fputs("\n", f);
  if (copy_script(rec, f, err, errlen) != 0) {
    fclose(f);
    return -1;
  }
  return close_out(f, rec, "scenario.ini", err, errlen);
}

int lwipsim_scenario_out_readme(const struct lwipsim_recording *rec, char *err, size_t errlen)
{
  FILE *f = open_out(rec, "RECORDING.md", err, errlen);
  if (f == NULL) {
    return -1;
  }
  char when[64], services[128], mqtt_and_services[192];
  lwipsim_peer_services_names(rec, services, sizeof services);
  snprintf(mqtt_and_services, sizeof mqtt_and_services, "%s%s", rec->mqtt_port != 0 ? ", mosquitto (MQTT broker)" : "",
           services);
  time_t now = time(NULL);
  strftime(when, sizeof when, "%Y-%m-%d %H:%MZ", gmtime(&now));
  struct utsname u;
  uname(&u);
  const char *name = strrchr(rec->out_dir, '/');
  name = name && name[1] ? name + 1 : rec->out_dir;
  fprintf(f, "# %s: how `capture.pcap` was recorded\n\n", name);
  fprintf(f,
          "Recorded live by `lwipsim record`: the real lwIP, built with the `%s` profile's\n"
          "lwipopts.h, ran in real time on a Linux TAP device (`lwipsim tap`) with the device\n"
          "script of `scenario.ini`, while real Linux programs talked to it over that link.\n"
          "`capture.pcap` holds every frame on the link in both directions (libpcap on the TAP):\n"
          "the peers' frames, which a replay feeds to the device, and the live device's own,\n"
          "which a replay uses as the reference. Nothing was synthesised or edited, except that\n"
          "frames captured before the device's clock started (%llu here) carry that start time.\n\n",
          rec->profile, (unsigned long long)rec->capture.clamped);
  fprintf(f, "- Recorded: %s (machine clock, UTC), kernel %s %s\n", when, u.sysname, u.release);
  fprintf(f, "- Command (as root, from the repository root):\n\n      %s\n\n", rec->command_line);
  fprintf(f, "- Live run: exit status %d of `lwipsim tap` (its run record is `live-record.json`)\n\n",
          rec->runner_status);

  fprintf(f,
          "## Topology\n\n"
          "One network namespace made by the recorder (`%s`) and deleted at the end. In it a TAP\n"
          "device `%s`: its kernel side is the peers' host, its other side the simulated device.\n"
          "Nothing else is attached and no route leads out.\n\n",
          rec->netns, LWIPSIM_REC_IFNAME);
  fprintf(f, "| side | MAC | IPv4 | software |\n| --- | --- | --- | --- |\n");
  fprintf(f, "| device (lwIP, profile `%s`) | `%s` | %s%s | the device script in `scenario.ini` |\n", rec->profile,
          rec->device_mac, rec->device_ip, rec->uses_dhcp ? " (DHCP, pinned to its MAC)" : " (static)");
  fprintf(f,
          "| peers (kernel) | `%s` | %s/%d | dnsmasq (DHCP%s, lease %u s); %u avahi-daemon(s), each on its own "
          "D-Bus bus and mount namespace (IPv4 only), each with `avahi-browse -r -p _http._tcp`; curl; ping%s |\n\n",
          rec->peer_mac, rec->peer_ip, rec->prefix, rec->services.n_dns_names > 0 ? " and DNS" : " only", rec->lease_s,
          rec->browsers, mqtt_and_services);
  if (rec->ap_mac[0] != '\0') {
    fprintf(f,
            "The device also ran an access-point interface (`ap_mac = %s`, the script's `on ap` actions) beside\n"
            "the station. It has no link in the namespace: nothing it sent is on the TAP or in the capture, and no\n"
            "peer reached it; `live-record.json` counts its frames under `interfaces`.\n\n",
            rec->ap_mac);
  }

  fprintf(f, "## Workload (seconds after the device's clock started)\n\n");
  fprintf(f, "| t | what |\n| --- | --- |\n");
  fprintf(f, "| 0 | the device runs its script (reloads and the rest come from `scenario.ini`) |\n");
  fprintf(f, "| %.1f | %u avahi-browse -r _http._tcp start at once, one per avahi-daemon, and run to the end |\n",
          rec->browse_at_s, rec->browsers);
  fprintf(f, "| %.1f | `ping -c %u -i 1` to %s |\n", rec->workload_at_s, rec->ping_count, rec->device_ip);
  fprintf(f, "| %.1f, every %.1f s until %u s before the end | %u parallel `curl http://%s/` (Host: %s.local) |\n",
          rec->workload_at_s, rec->http_every_s, 3u, rec->http_clients, rec->device_ip,
          rec->hostname[0] ? rec->hostname : "-");
  fprintf(f, "| %u | the device's run ends; capture stopped, then every peer; namespace deleted |\n\n",
          rec->duration_s);

  fprintf(f, "## What the peers saw\n\n");
  fprintf(f, "- HTTP: %u of %u GETs answered 200\n", rec->http_ok, rec->http_total);
  fprintf(f, "- ping: %u of %u echo replies\n", rec->ping_received, rec->ping_count);
  fprintf(f, "- mDNS: %u of %u browsers resolved `_http._tcp` on the device\n", rec->browsers_resolved, rec->browsers);
  fprintf(f, "- DHCP: %u ACKs from dnsmasq\n", rec->dhcp_acks);
  char mqtt[256];
  lwipsim_peer_mqtt_summary(rec, mqtt, sizeof mqtt);
  if (mqtt[0] != '\0') {
    /* counted in its log (log_type all): "New client connected", "Received PUBLISH", "Received PINGREQ" */
    fprintf(f, "- %s\n", mqtt);
  }
  lwipsim_peer_services_readme(f, rec);
  fputs("\n", f);

  fprintf(f, "## File\n\n| | |\n| --- | --- |\n");
  fprintf(f, "| format | classic pcap, microsecond timestamps, DLT_EN10MB, snaplen 262144 |\n");
  fprintf(f, "| frames | %llu (%llu bytes of frame data) |\n", (unsigned long long)rec->capture.frames,
          (unsigned long long)rec->capture.bytes);
  fprintf(f, "| span | %.3f s from the first frame to the last |\n",
          (double)(rec->capture.last_us - rec->capture.first_us) / 1e6);
  fprintf(f, "| capture_start | %llu ms: the first frame's time on the device's clock |\n\n",
          (unsigned long long)rec->capture_start_ms);

  fprintf(f, "## Peer versions (`dpkg-query -W`)\n\n| package | version |\n| --- | --- |\n");
  for (const char *p = rec->versions; *p;) {
    size_t len = strcspn(p, "\n");
    const char *sp = memchr(p, ' ', len);
    if (sp != NULL) {
      fprintf(f, "| %.*s | %.*s |\n", (int)(sp - p), p, (int)(len - (size_t)(sp - p) - 1), sp + 1);
    }
    p += len + (p[len] == '\n');
  }
  fprintf(f, "\n## Notes\n\n"
             "- A TAP device without TUNSETOFFLOAD offers the kernel no checksum offload, so every\n"
             "  frame on the link carries complete checksums and lwIP (which checks them) accepts the\n"
             "  peers' frames on replay. (The veth pairs of the earlier bash recorder needed\n"
             "  `ethtool -K ... tx off rx off` for that.)\n"
             "- The kernel side's own IPv6 (router solicitations, MLD reports, DAD) is on the link as\n"
             "  on a real LAN; avahi was IPv4 only.\n"
             "- Another recording gives the same sequence of events, but timestamps, TCP ports, ISNs,\n"
             "  DHCP xids and mDNS query ids differ; a replay maps them onto the live stack's.\n");
  return close_out(f, rec, "RECORDING.md", err, errlen);
}
