/*
 * conn.h - what the tracker knows about one TCP connection: `struct conn`
 * and its two `struct endpoint`s.  Printers read these (const); only the
 * tracker writes them.
 *
 * A connection is one Wireshark tcp.stream: the packets of one address
 * and port pair from its first packet until a SYN with a new initial
 * sequence number starts the next one (port reuse).  Its client sent the
 * first SYN without ACK; when no such SYN was seen the roles are guessed
 * from the ports (`roles_guessed`).
 */
#ifndef TCPLENS_TRACK_CONN_H
#define TCPLENS_TRACK_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/addr.h"
#include "track/retrans.h"
#include "track/seg.h"
#include "track/seq_analysis.h"
#include "track/tcp_fsm.h"

#define CONN_MAX_STATES 14  /* states kept per endpoint, in order */

#define CONN_HISTORY 24     /* Zeek history letters kept */

enum { CLIENT = 0, SERVER = 1 };

enum handshake_kind {
    HS_NOT_SEEN,       /* started before the capture */
    HS_COMPLETE,       /* SYN, SYN/ACK, ACK */
    HS_SYN_ONLY,       /* SYN(s) without an answer */
    HS_REFUSED,        /* SYN answered by RST */
    HS_SIMULTANEOUS,   /* both sides sent a SYN without ACK */
    HS_INCOMPLETE,     /* SYN and SYN/ACK, never the final ACK */
};

/* How the capture caught the connection. */
enum conn_start {
    START_SYN,       /* from its first SYN */
    START_SYNACK,    /* from the SYN/ACK: the client is assumed in SYN_SENT */
    START_MIDSTREAM, /* later: both sides assumed ESTABLISHED, roles guessed */
};

enum close_kind {
    CLOSE_OPEN,        /* neither FIN nor RST */
    CLOSE_FOUR_WAY,    /* FIN, bare ACK, FIN, ACK */
    CLOSE_THREE_WAY,   /* the second FIN carries the ACK of the first */
    CLOSE_SIMULTANEOUS,/* the FINs crossed */
    CLOSE_RESET,       /* a RST ended it before both FINs */
    CLOSE_HALF,        /* one FIN, none back by the end */
};


/* A running summary of RTT samples: count, min, max and a median that is
 * exact up to five samples and a P-square estimate beyond (rtt.h). */
struct rtt_stats {
    uint32_t count;
    float min, max;     /* seconds */
    float q[5];         /* P-square marker heights; the first samples, sorted */
    int32_t n[5];       /* marker positions */
};

#define RTT_TS_SLOTS 4
#define RTT_SEQ_SLOTS 8

/* What one direction has sent and not yet seen acknowledged, for RTT. */
struct rtt_track {
    uint8_t nts, nseq;
    uint8_t seq_retrans;           /* bit i: seq slot i was retransmitted */
    uint32_t tsval[RTT_TS_SLOTS];  /* first segment carrying each TSval ... */
    nstime ts_at[RTT_TS_SLOTS];    /* ... and when it was sent */
    uint32_t seq_end[RTT_SEQ_SLOTS]; /* segments by end sequence number ... */
    nstime seq_at[RTT_SEQ_SLOTS];  /* ... and when they were sent */
};

/* What Zeek keeps per endpoint for conn_state and history. */
struct zeek_side {
    uint8_t state, prev_state; /* enum zeek_state */
    bool started;              /* start_seq set */
    uint32_t start_seq;        /* ISN, or seq - 1 when first seen without SYN */
    uint32_t last_seq;         /* highest sequence end sent */
    uint32_t last_syn, last_fin, last_rst; /* relative sequence of the last S/H, F, R letter */
    uint32_t count[3], thresh[3];          /* G, T, W occurrences and the next to record */
};

struct endpoint {
    struct addr addr;
    uint16_t port;
    enum tcp_state state;
    bool passive;             /* entered SYN_RCVD from LISTEN */
    uint8_t nstates;
    uint8_t states[CONN_MAX_STATES]; /* every state entered, in order (enum tcp_state) */
    bool states_cut;          /* more than CONN_MAX_STATES */
    nstime state_since;       /* when it entered its current state */
    /* sequence space */
    bool isn_known;           /* saw its SYN */
    uint32_t isn;
    bool seq_known;
    uint32_t next_seq;        /* highest seq + len (+1 for SYN/FIN) sent */
    bool fin_sent;
    uint32_t fin_seq;         /* sequence number of its FIN */
    bool rst_sent;
    enum tcp_state rst_state; /* its state when it sent the (first) RST */
    /* options offered on its SYN */
    uint16_t mss;             /* 0: none */
    int8_t wscale;            /* -1: none */
    bool sack_ok, timestamps;
    /* counters */
    uint64_t packets, bytes, retrans_bytes;
    uint32_t retrans_packets;
    uint32_t syns;            /* SYNs (or SYN/ACKs) sent, retransmissions included */
    bool ack_known;
    uint32_t max_ack;         /* highest ACK it sent */
    struct rtt_track rtt;     /* its segments awaiting the peer's ACK */
    struct rtt_stats rtt_ts;  /* its RTT from TCP timestamps */
    struct rtt_stats rtt_seq; /* its RTT from SEQ/ACK, Karn's rule */
    struct rx_dir rx;         /* its retransmissions and probes (retrans.h) */
};

struct reasm;

struct conn {
    uint64_t stream;          /* Wireshark's tcp.stream */
    uint64_t first_frame;
    bool roles_guessed;
    bool flipped;             /* the client is not the first packet's sender */
    uint8_t start;            /* enum conn_start */
    struct endpoint ep[2];    /* [CLIENT], [SERVER] */
    nstime first, last;
    /* handshake */
    /* the times below are NSTIME_NONE until seen */
    nstime syn_time, synack_time, ack_time; /* first SYN, first SYN/ACK, handshake ACK */
    enum handshake_kind handshake;
    /* close */
    enum close_kind close;
    int first_closer;         /* sender of the first FIN or RST: CLIENT, SERVER or -1 */
    int rst_by;               /* sender of the first RST, or -1 */
    nstime first_fin, second_fin;
    bool passed_closing;      /* some side went through CLOSING */
    bool rst_after_data;
    bool reused_in_time_wait; /* started while the previous connection's TIME_WAIT held */
    /* Zeek's view (zeek.h): CLIENT is its originator */
    char history[CONN_HISTORY + 1];
    uint32_t hist_seen;       /* letters recorded once per direction */
    struct zeek_side zeek[2];
    bool done;                /* both sides CLOSED or TIME_WAIT (or reset) */
    bool reported;            /* the done callback has seen it */
    /* Wireshark's SEQ/ACK analysis: bases (which decide port reuse), the
     * iRTT (ws.ts_first_rtt), per-direction state; dir[] is by side */
    struct ws_conv ws;
    /* a FIN or SYN on its way to each side, not yet known to have arrived */
    bool held_valid[2];
    struct seg held[2];
    struct reasm *reasm;      /* its payload in order, when followed (reasm.h) */
    bool unfollowed;          /* the follow hooks declined it */
};

const char *handshake_name(enum handshake_kind k);
const char *close_name(enum close_kind k);

#endif
