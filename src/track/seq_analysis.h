/*
 * seq_analysis.h - Wireshark's SEQ/ACK analysis of one connection
 * (packet-tcp.c, tshark 4.0), reproduced exactly: per direction the base
 * sequence number, the highest sequence sent, the last ACK and window,
 * duplicate-ACK counting and the unacknowledged segments; per segment
 * the analysis flags, the duplicate-ACK number, the frame an ACK
 * acknowledges and its RTT, bytes in flight, the window as scaled.
 *
 * The rules, their order and their known defects are in docs/analysis.md.
 * Wireshark runs this once per packet in file order; so does tcplens.
 */
#ifndef TCPLENS_TRACK_SEQ_ANALYSIS_H
#define TCPLENS_TRACK_SEQ_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "track/seg.h"
#include "track/unacked.h"

/* Wireshark's TCP_A_* flags: bit values as in packet-tcp.c. */
enum ws_flag {
    WS_RETRANSMISSION = 0x1,
    WS_LOST_SEGMENT = 0x2,
    WS_ACK_LOST_SEGMENT = 0x4,
    WS_KEEP_ALIVE = 0x8,
    WS_DUPLICATE_ACK = 0x10,
    WS_ZERO_WINDOW = 0x20,
    WS_ZERO_WINDOW_PROBE = 0x40,
    WS_ZERO_WINDOW_PROBE_ACK = 0x80,
    WS_KEEP_ALIVE_ACK = 0x100,
    WS_OUT_OF_ORDER = 0x200,
    WS_FAST_RETRANSMISSION = 0x400,
    WS_WINDOW_UPDATE = 0x800,
    WS_WINDOW_FULL = 0x1000,
    WS_REUSED_PORTS = 0x2000,
    WS_SPURIOUS_RETRANSMISSION = 0x4000,
};

#define WS_SCALE_UNKNOWN (-1)   /* no SYN with the option seen */
#define WS_SCALE_NOT_USED (-2)  /* a SYN without it: windows are not scaled */

/* What Wireshark keeps per direction. */
struct ws_dir {
    bool base_set;
    uint8_t saw;                /* WS_SAW_SYN, WS_SAW_SYNACK */
    int8_t win_scale;           /* shift, or WS_SCALE_UNKNOWN / WS_SCALE_NOT_USED */
    bool is_first_ack;          /* a SYN was sent and no ACK without SYN since */
    bool valid_bif;             /* bytes in flight can be computed */
    bool push_set_last;
    uint8_t nsack;              /* SACK blocks of this direction's latest segment */
    uint32_t base_seq;
    uint32_t window;            /* raw window of the latest segment (UINT32_MAX: none) */
    uint16_t lastsegmentflags;  /* flags of the latest segment */
    uint32_t dupacknum;         /* 0xffffffff after an ACK of unseen data */
    uint32_t nextseq;           /* highest seq + len (+1 for SYN/FIN) sent; 0: none */
    uint32_t nextseqframe;
    uint32_t maxseqtobeacked;   /* highest contiguous sequence sent */
    uint32_t lastack;
    uint32_t lastnondupack;     /* frame of the latest ACK that was not a duplicate */
    uint32_t push_bytes_sent;
    nstime nextseqtime, lastacktime;
    uint32_t sack_left[SEG_SACK_MAX], sack_right[SEG_SACK_MAX];
    struct unacked_list unacked;
};

#define WS_SAW_SYN 1
#define WS_SAW_SYNACK 2

/* What Wireshark keeps per conversation (one tcp.stream). */
struct ws_conv {
    struct ws_dir dir[2];       /* [side of the sender] */
    nstime ts_mru_syn;          /* latest SYN without ACK; 0: none (Wireshark's rule) */
    nstime ts_first_rtt;        /* the iRTT; 0: none */
    nstime first_ts, prev_ts;   /* first and previous frame of the stream */
    uint8_t completeness;       /* tcp.completeness so far */
    bool started;               /* a segment has been analysed */
    bool reused;                /* began with a SYN on ports in use */
    bool tfo_syn_data;          /* a SYN carried data and a Fast Open cookie */
};

/* What the analysis says about one segment. */
struct ws_result {
    bool analyzed;          /* the segment length is known: the SEQ/ACK analysis ran */
    bool has_ta;            /* Wireshark has analysis data for the frame */
    bool header_cut;        /* ... but shows none: the capture ends inside the
                             * TCP header, and its dissection stops there */
    uint16_t flags;         /* enum ws_flag */
    uint32_t dupack_num, dupack_frame;
    uint32_t acks_frame;    /* 0: none */
    nstime ack_rtt;
    nstime rto;             /* 0: none */
    uint32_t rto_frame;
    bool has_bif, has_push;
    uint32_t bytes_in_flight, push_bytes_sent;
    uint32_t seglen;        /* payload length, as Wireshark takes it */
    uint32_t seq_rel, ack_rel, nxtseq_rel; /* Wireshark's relative numbers */
    uint32_t win_calc;      /* the window as scaled */
    int32_t win_scale;      /* shift, WS_SCALE_UNKNOWN or WS_SCALE_NOT_USED */
    nstime irtt;            /* 0: none yet */
    nstime since_first, since_prev; /* within the stream */
    uint8_t completeness;   /* before this segment, as a single pass shows it */
};

enum ws_reuse {
    WS_SAME_STREAM,
    WS_NEW_STREAM,  /* a SYN with a new ISN on ports in use: start a stream */
};

/* Fresh state for a new stream; first is its first frame's time.  A
 * conversation that starts with a SYN on ports in use (port reuse) then
 * gets ws_start_reused. */
void ws_conv_init(struct ws_conv *w, nstime first);
/* Give the unacknowledged segments back to the pool. */
void ws_conv_release(struct ws_conv *w, struct unacked_pool *pool);

/* Port reuse, checked before the segment is analysed: a SYN without ACK
 * whose seq differs from its direction's base starts a new stream (the
 * caller then calls ws_conv_init and ws_mark_reused); a SYN/ACK with a new
 * seq rebases its direction. */
enum ws_reuse ws_check_reuse(struct ws_conv *w, int side, const struct seg *s,
                             struct ws_result *r);
void ws_start_reused(struct ws_conv *w, struct ws_result *r);

/* Analyse one segment sent by `side`; r is filled in (and may already
 * carry WS_REUSED_PORTS). */
void ws_analyze(struct ws_conv *w, struct unacked_pool *pool, int side, const struct seg *s,
                struct ws_result *r);

#endif
