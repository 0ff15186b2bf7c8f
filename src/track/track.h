/*
 * track.h - per-connection state kept across packets, and what it says
 * about each segment.
 *
 * The tracker is the only stateful stage between decoding and printing.
 * For every TCP segment it finds the connection (Wireshark's tcp.stream),
 * runs both endpoints' state machines, keeps the counters and timings a
 * connection report needs, and keeps tcpdump's relative sequence bases.
 * When a connection ends (both sides closed), is ended by port reuse, is
 * evicted, or the input ends, the `done` callback receives it; memory then
 * follows the connections that are alive, not the length of the capture.
 * A closed connection is kept 60 s (of capture time) for segments
 * that trail its close, and is reported then, unless report_at_close.
 */
#ifndef TCPLENS_TRACK_TRACK_H
#define TCPLENS_TRACK_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/pkt.h"
#include "track/conn.h"
#include "track/reasm.h"

/* Following streams: each followed connection's payload, reassembled per
 * direction (reasm.h), goes to `sink` with the context `open` gave it. */
struct follow_hooks {
    /* A connection begins; NULL: do not follow it. */
    void *(*open)(void *ctx, const struct conn *c);
    const struct reasm_sink *sink;
    /* It ended and everything it held was delivered (may be NULL). */
    void (*close)(void *conn_ctx, const struct conn *c, const struct reasm *r);
};

struct track_config {
    bool absolute_seq; /* -S: never keep or apply tcpdump's bases */
    bool quiet;        /* -q: tcpdump does not look at sequence numbers */
    size_t max_conns;  /* connections held at once, open and closed; 0: 200,000 */
    bool causes;       /* read retransmission causes and probes (v->rx): only
                        * the printers that show them need the work */
    long idle_timeout; /* seconds of silence that end an open connection; 0: never */
    bool report_at_close; /* report a connection as soon as it closes (live
                           * capture); otherwise when it is dropped, so
                           * packets that trail its close still count */
    const struct follow_hooks *follow; /* NULL: no reassembly */
    void *follow_ctx;
    size_t follow_history;   /* bytes per direction kept to check resent data */
    size_t follow_per_node;  /* bytes held out of order per direction, at most */
    size_t follow_limit;     /* bytes held over all connections (history included) */
};

#define SEG_MAX_TRANS 4

/* A state change of one endpoint. */
struct transition {
    uint8_t side;           /* CLIENT or SERVER */
    enum tcp_state from, to;
};

/* What the tracker says about one segment, for the printers. */
struct seg_view {
    /* tcpdump's relative numbers */
    bool relative;     /* seq_sub and ack_sub apply to seq and ack */
    uint32_t seq_sub;  /* subtract from seq */
    uint32_t ack_sub;  /* subtract from ack */
    uint32_t sack_sub; /* subtract from SACK block edges */
    /* the connection */
    const struct conn *conn; /* NULL when not a TCP segment */
    uint64_t frame;          /* this segment's frame number */
    int side;                /* the sender: CLIENT or SERVER */
    uint8_t ntrans;
    struct transition trans[SEG_MAX_TRANS];
    struct ws_result ws;     /* Wireshark's SEQ/ACK analysis */
    struct rx_result rx;     /* tcplens's: retransmission cause, probe, Karn RTT */
};

enum conn_end {
    CONN_CLOSED,  /* both sides closed (or reset); later packets still count */
    CONN_REUSED,  /* a new SYN started the next stream on the same ports */
    CONN_EVICTED, /* dropped to keep within max_conns */
    CONN_IDLE,    /* silent for idle_timeout seconds */
    CONN_INPUT,   /* still open when the input ended */
};

const char *conn_end_name(enum conn_end e);

/* Receives each connection once, when it ends; now is the latest capture
 * time seen (the end of the capture for CONN_INPUT). */
typedef void (*conn_done_fn)(void *ctx, const struct conn *c, enum conn_end why, nstime now);

struct tracker;

struct tracker *track_new(const struct track_config *cfg, conn_done_fn done, void *ctx);
void track_free(struct tracker *t);

/* Account for one decoded packet; fills *out (conn NULL when not TCP). */
void track_packet(struct tracker *t, const struct pkt *p, struct seg_view *out);

/* The input ended: report every connection not reported yet, in stream
 * order. */
void track_finish(struct tracker *t);

/* Bytes one tracked connection takes. */
size_t track_conn_bytes(void);

#endif
