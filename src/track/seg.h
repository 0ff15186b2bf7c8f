/*
 * seg.h - one TCP segment as the tracker reads it (conn.c, seq_analysis.c,
 * zeek.c), and capture times.
 */
#ifndef TCPLENS_TRACK_SEG_H
#define TCPLENS_TRACK_SEG_H

#include <stdbool.h>
#include <stdint.h>

/* Times are capture times in nanoseconds since the epoch.  A capture may
 * well stamp packets at 0, so "not seen" is NSTIME_NONE. */
typedef int64_t nstime;
#define NSTIME_NONE INT64_MIN
static inline bool nstime_seen(nstime t) { return t != NSTIME_NONE; }

#define SEG_SACK_MAX 4

struct seg {
    nstime now;
    uint64_t frame;
    uint16_t flags;        /* FIN 0x01 ... CWR 0x80 */
    uint32_t seq, ack;
    uint32_t len;          /* payload length, from the IP length */
    bool have_len;         /* the IP length covers the TCP header and it is no fragment */
    bool header_cut;       /* the capture ends inside the TCP header */
    uint16_t win;          /* as on the wire, unscaled */
    bool has_ts;
    uint32_t tsval, tsecr;
    uint16_t mss;          /* SYN options; 0 / -1 when absent */
    int8_t wscale;
    bool sack_ok;
    bool tfo_cookie;       /* a TCP Fast Open cookie (not a request) */
    uint8_t nsack;         /* SACK blocks [left, right) */
    uint32_t sack_left[SEG_SACK_MAX], sack_right[SEG_SACK_MAX];
    bool bad_cksum;
};

#endif
