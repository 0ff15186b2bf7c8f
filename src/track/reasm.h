/*
 * reasm.h - one connection's payload put back in order, per direction, the
 * way Wireshark's "Follow TCP Stream" does it (packet-tcp.c, tshark 4.0),
 * with memory bounds and two checks Wireshark lacks.
 *
 * Directions are Wireshark's nodes: node 0 sent the stream's first packet.
 * Per node the reassembler knows the next sequence number it expects.
 * A segment that starts there is delivered at once, then any held segment
 * that now fits; bytes already delivered are cut off a segment's front;
 * a segment that leaves a hole is held, in arrival order, until the hole
 * fills.  When the other node acknowledges data beyond the lowest held
 * segment, the hole was received but never captured: it is declared as a
 * gap (Wireshark's "[N bytes missing in capture file]") and delivery goes
 * on after it.  Everything here uses Wireshark's relative numbers, and
 * its order of events, so chunk for chunk the output is tshark's.
 *
 * Beyond Wireshark:
 *  - held bytes are bounded per node and over all connections; past a
 *    bound the lowest hole is declared a gap, so memory never follows the
 *    stream's length;
 *  - a resent byte that differs from the one delivered earlier is a
 *    conflict (the earlier stays, as a receiving stack keeps it), checked
 *    over the last `history` bytes delivered per node (drawn from the
 *    budget; without room, resent bytes go unchecked and are counted);
 *  - data at or after a node's FIN is not delivered (reported instead);
 *  - at the end, held segments are delivered after a declared gap instead
 *    of being dropped.
 */
#ifndef TCPLENS_TRACK_REASM_H
#define TCPLENS_TRACK_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "track/seg.h"

enum reasm_gap {
    GAP_ACKED,   /* the receiver acknowledged data the capture lacks (Wireshark's marker) */
    GAP_LIMIT,   /* held data reached its bound: the hole is given up */
    GAP_END,     /* the input ended with data held behind the hole */
    GAP_SNAPLEN, /* the capture cut the segment short (Wireshark drops these silently) */
};

/* What reassembly produces, in order (callbacks other than data may be NULL). */
struct reasm_sink {
    /* n bytes of node's stream, first sent in `frame` at `ts`; `off` is
     * their position in the node's sequence space (gaps included). */
    void (*data)(void *ctx, int node, uint64_t frame, nstime ts, uint64_t off,
                 const uint8_t *p, uint32_t n);
    /* `missing` bytes of node's stream are not in the capture; `frame` is
     * the one that showed it. */
    void (*gap)(void *ctx, int node, enum reasm_gap why, uint64_t frame, uint64_t off,
                uint32_t missing);
    /* `n` resent bytes at `off` of node's stream, in `frame`, differ from
     * those delivered before; the earlier ones were kept. */
    void (*conflict)(void *ctx, int node, uint64_t frame, uint64_t off, uint32_t n);
    /* `n` bytes at or after node's FIN, in `frame`, were ignored. */
    void (*after_fin)(void *ctx, int node, uint64_t frame, uint32_t n);
};

/* A shared bound on bytes held over every connection's reassembly. */
struct reasm_budget {
    size_t held, limit;      /* bytes held now, and the most allowed */
    size_t per_node;         /* the most one node may hold */
};

/* One segment, as reassembly sees it. */
struct reasm_seg {
    int node;                /* 0: sent by the stream's first sender */
    uint64_t frame;
    nstime ts;
    uint16_t flags;          /* TH_SYN, TH_FIN, ... */
    uint32_t seq, ack;       /* Wireshark's relative numbers */
    uint32_t len;            /* segment length from the IP header */
    const uint8_t *data;     /* the captured part of the payload */
    uint32_t caplen;         /* its length (<= len) */
};

struct reasm;

/* history: bytes kept per node to compare resent data with. */
struct reasm *reasm_new(struct reasm_budget *budget, size_t history, const struct reasm_sink *sink,
                        void *ctx);
/* The input for this connection ended: deliver what is still held, each
 * hole declared a gap (GAP_END, shown by the latest frame). */
void reasm_finish(struct reasm *r);
void reasm_free(struct reasm *r);
void *reasm_ctx(const struct reasm *r);

void reasm_segment(struct reasm *r, const struct reasm_seg *s);

/* What happened to one node's bytes so far. */
struct reasm_counts {
    uint64_t delivered;   /* bytes delivered */
    uint64_t missing;     /* bytes declared missing */
    uint64_t gaps;        /* holes declared */
    uint64_t conflicts;   /* resent bytes that differed */
    uint64_t unchecked;   /* resent bytes that could not be compared */
    uint64_t after_fin;   /* bytes ignored after the FIN */
};
const struct reasm_counts *reasm_counts(const struct reasm *r, int node);

#endif
