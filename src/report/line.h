/*
 * line.h - tcpdump-compatible one-line output (tcpdump 4.99.3's printer).
 *
 * One call per frame writes its line(s): timestamp, link header with -e,
 * the IP header with -v, TCP exactly as print-tcp.c does, truncation and
 * error markers where tcpdump puts them, and -x/-X/-A dumps.  The printer
 * reads only what decode and track produced; its own state is the time
 * reference for -ttt and -ttttt.
 */
#ifndef TCPLENS_REPORT_LINE_H
#define TCPLENS_REPORT_LINE_H

#include <stdbool.h>

#include "base/sb.h"
#include "decode/pkt.h"
#include "source/frame.h"
#include "track/track.h"

enum time_format {
    TIME_DEFAULT = 0, /* local HH:MM:SS.frac */
    TIME_NONE = 1,    /* -t */
    TIME_EPOCH = 2,   /* -tt */
    TIME_DELTA = 3,   /* -ttt: since the previous frame */
    TIME_DATE = 4,    /* -tttt: local date and time */
    TIME_SINCE = 5,   /* -ttttt: since the first frame */
};

struct line_config {
    enum time_format time;
    bool nano;       /* --nano: nine fraction digits */
    int verbose;     /* -v count */
    bool link;       /* -e */
    bool quiet;      /* -q */
    bool number;     /* -#: frame numbers */
    int hex;         /* -x count */
    int hex_ascii;   /* -X count */
    int ascii;       /* -A count */
    bool forced_app; /* -T: payload decoder forced; nothing is printed after the length */
};

struct line_printer;

struct line_printer *line_new(const struct line_config *cfg, struct sb *out);
void line_free(struct line_printer *lp);

/* Print one frame: f is what the source read, p its decoding, v what the
 * tracker said about its TCP segment. */
void line_frame(struct line_printer *lp, const struct frame *f, const struct pkt *p,
                const struct seg_view *v);

#endif
