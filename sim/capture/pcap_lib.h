/* libpcap, loaded the first time something needs it (dlopen), not linked.
 *
 * Debian's libpcap brings libdbus, libsystemd, libgcrypt and five more
 * libraries with it: 8 of the 16 a runner linked, and 1.3 million of the 2
 * million instructions the dynamic linker spent before main in every runner
 * and every `lwipsim` front end (issue 12). Most runs need none of it: a
 * classic pcap capture is read from a mapped file (capture/pcap_reader.c)
 * and --pcap-out is written by hand (capture/pcap_writer.c). pcapng and
 * other formats, a record the mapped reader hands back, and `lwipsim record`'s
 * live capture load it here and call it through this table. */
#ifndef LWIPSIM_CAPTURE_PCAP_LIB_H
#define LWIPSIM_CAPTURE_PCAP_LIB_H

#include <pcap/pcap.h>
#include <stddef.h>

/* Every libpcap function lwipsim calls: X(return type, name, parameters). */
#define LWIPSIM_PCAP_FUNCTIONS(X)                                                     \
  X(pcap_t *, pcap_open_offline_with_tstamp_precision, (const char *, u_int, char *)) \
  X(int, pcap_datalink, (pcap_t *))                                                   \
  X(const char *, pcap_datalink_val_to_name, (int))                                   \
  X(int, pcap_major_version, (pcap_t *))                                              \
  X(int, pcap_minor_version, (pcap_t *))                                              \
  X(int, pcap_snapshot, (pcap_t *))                                                   \
  X(int, pcap_is_swapped, (pcap_t *))                                                 \
  X(FILE *, pcap_file, (pcap_t *))                                                    \
  X(int, pcap_next_ex, (pcap_t *, struct pcap_pkthdr **, const u_char **))            \
  X(char *, pcap_geterr, (pcap_t *))                                                  \
  X(void, pcap_close, (pcap_t *))                                                     \
  X(pcap_dumper_t *, pcap_dump_open, (pcap_t *, const char *))                        \
  X(void, pcap_dump, (u_char *, const struct pcap_pkthdr *, const u_char *))          \
  X(void, pcap_dump_close, (pcap_dumper_t *))                                         \
  X(pcap_t *, pcap_create, (const char *, char *))                                    \
  X(int, pcap_set_snaplen, (pcap_t *, int))                                           \
  X(int, pcap_set_immediate_mode, (pcap_t *, int))                                    \
  X(int, pcap_set_buffer_size, (pcap_t *, int))                                       \
  X(int, pcap_set_promisc, (pcap_t *, int))                                           \
  X(int, pcap_activate, (pcap_t *))                                                   \
  X(int, pcap_setnonblock, (pcap_t *, int, char *))                                   \
  X(int, pcap_get_selectable_fd, (pcap_t *))                                          \
  X(int, pcap_dispatch, (pcap_t *, int, pcap_handler, u_char *))

#define LWIPSIM_PCAP_MEMBER(ret, name, params) ret(*name) params;
struct lwipsim_pcap_lib {
  LWIPSIM_PCAP_FUNCTIONS(LWIPSIM_PCAP_MEMBER)
};
#undef LWIPSIM_PCAP_MEMBER

/* The table, loaded on the first call; NULL with a one-line reason in err
 * ("cannot load libpcap (libpcap.so.0.8): ...") when the library or one of
 * its functions is missing. */
const struct lwipsim_pcap_lib *lwipsim_pcap_lib(char *err, size_t errlen);

#endif
