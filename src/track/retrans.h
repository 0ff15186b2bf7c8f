/*
 * retrans.h - tcplens's own reading of each retransmission and probe,
 * beside Wireshark's (seq_analysis.h).  Wireshark decides by timing alone
 * (20 ms after a duplicate ACK, the iRTT since the highest segment) and
 * ignores SACK; tcplens follows what the receiver told the sender and
 * what a Linux sender does about it:
 *
 *   spurious   every byte had already been acknowledged (cumulatively or
 *              by SACK) when it was sent again
 *   fast       the receiver had signalled the loss: SACK above the bytes,
 *              or three duplicate ACKs (and everything resent in that
 *              recovery)
 *   tlp        a tail loss probe: the last segment sent again after a
 *              quiet spell, with no loss signalled, SACK in use, and no
 *              probe yet since the last progress
 *   rto        the retransmission timer: resent after a quiet spell (and
 *              everything resent after it until the recovery point);
 *              `rto` is the time since the first transmission
 *   reordered  not a retransmission: bytes never seen before that came
 *              within one RTT of the segments after them
 *   duplicate  sent again less than one RTT after the previous copy, with
 *              no loss signalled: no ACK could have come back yet, so no
 *              timer or loss signal explains it (a network duplicate, or
 *              a sender that resends blindly)
 *
 * A D-SACK from the receiver (RFC 2883: it got some bytes twice) names
 * the retransmission that was not needed, among the latest few.
 *
 * Probes are told apart: a zero-window probe (Linux: no data, seq =
 * SND.UNA - 1, while the peer's window is 0) and a keep-alive (seq =
 * SND.NXT - 1, at most one byte, window open).  RTT samples follow Karn's
 * rule: an ACK of bytes that were sent twice gives none.
 * docs/analysis.md describes the rules and how they were checked.
 */
#ifndef TCPLENS_TRACK_RETRANS_H
#define TCPLENS_TRACK_RETRANS_H

#include <stdbool.h>
#include <stdint.h>

#include "track/seg.h"
#include "track/unacked.h"

#define RX_RECENT 4

enum rx_cause { RX_NONE, RX_SPURIOUS, RX_FAST, RX_TLP, RX_RTO, RX_REORDERED, RX_DUPLICATE };
enum rx_probe { RX_NO_PROBE, RX_ZERO_WINDOW_PROBE, RX_KEEP_ALIVE };
enum rx_episode { RX_OPEN, RX_IN_FAST, RX_IN_RTO, RX_PROBED };

/* One direction, as its sender sees the receiver's feedback. */
struct rx_dir {
    bool una_known, nxt_known;
    uint8_t episode;       /* enum rx_episode */
    uint16_t dupacks;      /* duplicate ACKs since the last progress */
    nstime first_dupack;   /* when the first of them was sent */
    uint8_t nsack;         /* the receiver's latest SACK blocks */
    uint32_t snd_una, snd_nxt;
    uint32_t recovery;     /* the episode lasts until snd_una reaches this */
    uint32_t peer_win;     /* raw window the receiver last advertised */
    bool peer_win_known;
    nstime last_tx;        /* latest transmission of new sequence space */
    uint32_t sack_left[SEG_SACK_MAX], sack_right[SEG_SACK_MAX];
    uint8_t nrecent, next_recent; /* the latest retransmissions, for D-SACKs */
    struct rx_recent {
        uint32_t seq, end, frame;
        uint8_t cause;
    } recent[RX_RECENT];
};

struct rx_result {
    uint8_t cause;          /* enum rx_cause */
    uint8_t probe;          /* enum rx_probe */
    nstime rto;             /* RX_RTO: since the first transmission of the bytes */
    uint32_t first_frame;   /* frame of that first transmission; 0: not seen */
    nstime since_copy;      /* since the latest earlier copy of the bytes */
    uint16_t dupacks;       /* duplicate ACKs seen before it */
    bool sack_hole;         /* SACK showed data above it */
    uint32_t dsack_frame;   /* this ACK's D-SACK shows that frame's retransmission
                             * was not needed; 0: none */
    uint8_t dsack_cause;    /* that retransmission's cause */
    bool has_rtt;           /* this ACK gives an RTT sample (Karn's rule) */
    bool karn_skipped;      /* it acknowledges bytes that were sent twice */
    nstime rtt;
};

/* The segment s, sent by the side whose feedback is `me` and whose
 * unacknowledged segments are `sent` (before s is added to them); rtt is
 * the round trip as far as the capture tells (0: unknown). */
void rx_sent(struct rx_dir *me, struct unacked_pool *pool, const struct unacked_list *sent,
             const struct seg *s, bool sack_both, nstime rtt, struct rx_result *r);

/* The same segment as feedback for the other direction: its ACK, SACK and
 * window; `sent` is that direction's unacknowledged list. */
void rx_feedback(struct rx_dir *peer, struct unacked_pool *pool, const struct unacked_list *sent,
                 const struct seg *s, struct rx_result *r);

#endif
