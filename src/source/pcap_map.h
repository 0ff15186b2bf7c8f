/*
 * pcap_map.h - the fast path for classic pcap files: the file is mapped
 * into memory and records are handed out in place, with no copy and no
 * read() per record.  Internal to the source layer (source_pcap.c decides
 * when to use it).
 *
 * It takes only what it can read exactly as libpcap 1.10 does: a regular
 * file with the microsecond or nanosecond magic in either byte order,
 * version 2.4, no link-type extension bits, and a link type whose LINKTYPE_
 * and DLT_ numbers tcplens knows.  Anything else (pcapng, stdin, pipes,
 * older versions, other magics, files it cannot open) is declined and goes
 * to libpcap, whose messages are then the ones the user sees.  Records are
 * checked as libpcap checks them, with libpcap's words for each fault.
 */
#ifndef TCPLENS_SOURCE_PCAP_MAP_H
#define TCPLENS_SOURCE_PCAP_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "source/frame.h"

struct pcap_map;

/* Map path if it is a classic pcap file this reader takes; NULL when it
 * declines (the caller then asks libpcap). */
struct pcap_map *pcap_map_open(const char *path);

/* The file header: LINKTYPE_ value, snapshot length as libpcap adjusts it. */
int pcap_map_linktype(const struct pcap_map *m);
int pcap_map_snaplen(const struct pcap_map *m);

/* The next record: 1 with *out filled (data valid until the next call),
 * 0 at the end of the file, -1 with err set on a damaged record. */
int pcap_map_next(struct pcap_map *m, struct frame *out, char err[DIAG_ERRLEN]);

void pcap_map_close(struct pcap_map *m);

#endif
