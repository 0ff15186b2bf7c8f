/*
 * source.h - where frames come from: a capture file (pcap or pcapng, or
 * standard input) or a live interface, with an optional BPF filter, and
 * where they can be written (-w).
 *
 * The shape follows libpcap's: an opaque handle, functions that return a
 * status and fill a caller-owned error buffer.  This is the only part of
 * tcplens that includes <pcap/pcap.h>.
 */
#ifndef TCPLENS_SOURCE_SOURCE_H
#define TCPLENS_SOURCE_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "source/frame.h"

struct live_config {
    const char *iface;  /* NULL or "any" for all interfaces */
    int snaplen;        /* 0: libpcap's default (262144) */
    bool promisc;       /* false with -p */
    int buffer_kib;     /* -B; 0: default */
    bool immediate;     /* deliver packets as they arrive */
    int timeout_ms;     /* read timeout when not immediate */
};

struct source;

/* Open a capture file ("-" reads standard input).  Classic pcap files are
 * memory-mapped; everything else is read by libpcap. */
struct source *source_open_file(const char *path, char err[DIAG_ERRLEN]);
/* Open and activate a live capture. */
struct source *source_open_live(const struct live_config *cfg, char err[DIAG_ERRLEN]);

/* Compile and install a tcpdump-syntax filter. 0 on success, -1 on error. */
int source_set_filter(struct source *s, const char *expr, char err[DIAG_ERRLEN]);

enum source_status { SOURCE_FRAME = 1, SOURCE_END = 0, SOURCE_ERROR = -1, SOURCE_TIMEOUT = 2 };

/* Next frame (valid until the next call), end of input, an error (err set),
 * or a live read timeout with nothing captured. */
enum source_status source_next(struct source *s, struct frame *out, char err[DIAG_ERRLEN]);

/* Make a blocked source_next() return SOURCE_END soon (signal-safe). */
void source_break(struct source *s);

int source_linktype(const struct source *s);
/* Name of the link type as pcap spells it, e.g. "EN10MB". */
/* "libpcap version 1.10.3 (with TPACKET_V3)" */
const char *source_lib_version(void);

const char *source_linktype_name(const struct source *s);
/* Description, e.g. "Ethernet". */
const char *source_linktype_description(const struct source *s);
int source_snaplen(const struct source *s);
bool source_is_nano(const struct source *s);

struct source_stats {
    bool valid;
    uint64_t received; /* ps_recv: packets received by the filter */
    uint64_t dropped;  /* ps_drop: dropped by the kernel */
    uint64_t if_dropped;
};
void source_stats(struct source *s, struct source_stats *st);

void source_close(struct source *s);

/* Print the interfaces libpcap can capture on, one per line, like -D. */
int source_list_interfaces(char err[DIAG_ERRLEN]);

/* -w: a pcap writer for frames of s. */
struct dump;
struct dump *dump_open(struct source *s, const char *path, char err[DIAG_ERRLEN]);
void dump_frame(struct dump *d, const struct frame *f);
/* Push buffered frames to the file (after each frame with --immediate). */
int dump_flush(struct dump *d);
int dump_close(struct dump *d, char err[DIAG_ERRLEN]);

#endif
