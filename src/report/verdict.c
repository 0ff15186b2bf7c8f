/* verdict.c - Wireshark's and tcplens's verdicts in words, and why they differ. */
#include "report/verdict.h"

#include "report/ws_names.h"

#define RETRANS_ANY (WS_RETRANSMISSION | WS_FAST_RETRANSMISSION | WS_SPURIOUS_RETRANSMISSION)

static double ms(nstime ns) { return (double)ns / 1e6; }

bool verdict_wireshark(struct sb *o, const struct ws_result *w)
{
    if (!w->has_ta || w->header_cut)
        return false;
    bool any = false;
    /* Wireshark prepends each tag in its printer's order: show them reversed */
    for (size_t i = ws_flag_count; i-- > 0;) {
        const struct ws_flag_name *f = &ws_flag_names[i];
        if (!(w->flags & f->flag))
            continue;
        if (any)
            sb_ch(o, ' ');
        if (f->info)
            sb_s(o, f->info);
        else
            sb_printf(o, "[TCP Dup ACK %u#%u]", w->dupack_frame, w->dupack_num);
        any = true;
    }
    return any;
}

const char *verdict_cause_name(const struct rx_result *r)
{
    static const char *const names[] = {NULL,  "spurious",  "fast",     "tlp",
                                        "rto", "reordered", "duplicate"};
    return r->cause < sizeof names / sizeof names[0] ? names[r->cause] : NULL;
}

const char *verdict_probe_name(const struct rx_result *r)
{
    static const char *const names[] = {NULL, "zero_window_probe", "keep_alive"};
    return r->probe < sizeof names / sizeof names[0] ? names[r->probe] : NULL;
}

bool verdict_tcplens(struct sb *o, const struct rx_result *r)
{
    switch (r->probe) {
    case RX_ZERO_WINDOW_PROBE:
        sb_s(o, "zero-window probe");
        return true;
    case RX_KEEP_ALIVE:
        sb_s(o, "keep-alive");
        return true;
    default:
        break;
    }
    switch (r->cause) {
    case RX_SPURIOUS:
        sb_s(o, "spurious retransmission (every byte was already acknowledged)");
        return true;
    case RX_FAST:
        sb_printf(o, "fast retransmission (%u duplicate ACK%s%s)", r->dupacks,
                  r->dupacks == 1 ? "" : "s", r->sack_hole ? ", SACK above it" : "");
        return true;
    case RX_TLP:
        sb_s(o, "tail loss probe (the last segment again, no loss signalled)");
        return true;
    case RX_RTO:
        if (!r->first_frame) {
            sb_s(o, "retransmission by timeout");
            return true;
        }
        sb_printf(o, "retransmission by timeout, %.3f ms after its first transmission (frame %u)",
                  ms(r->rto), r->first_frame);
        if (r->since_copy != r->rto)
            sb_printf(o, ", %.3f ms after the previous copy", ms(r->since_copy));
        return true;
    case RX_REORDERED:
        sb_s(o, "reordered, not a retransmission (never seen before, less than one RTT late)");
        return true;
    case RX_DUPLICATE:
        sb_printf(o, "sent again within one RTT of frame %u, with no loss signalled "
                     "(a duplicate, not a timeout)",
                  r->first_frame);
        return true;
    default:
        return false;
    }
}

struct emitter {
    void (*emit)(void *ctx, const char *text);
    void *ctx;
    char buf[320];
    struct sb sb;
};

static struct sb *start(struct emitter *e)
{
    sb_init(&e->sb, e->buf, sizeof e->buf, NULL);
    return &e->sb;
}

static void done(struct emitter *e) { e->emit(e->ctx, sb_str(&e->sb)); }

/* Retransmission verdicts that differ in kind, not only in detail. */
static void retransmission_notes(const struct ws_result *w, const struct rx_result *r,
                                 struct emitter *e)
{
    bool ws_retrans = (w->flags & RETRANS_ANY) != 0, ws_ooo = (w->flags & WS_OUT_OF_ORDER) != 0;
    bool rx_retrans = r->cause && r->cause != RX_REORDERED && r->cause != RX_DUPLICATE;
    struct sb *o;
    if (r->probe == RX_ZERO_WINDOW_PROBE && (w->flags & WS_KEEP_ALIVE)) {
        o = start(e);
        sb_s(o, "a zero-window probe, not a keep-alive: the receiver's window is 0 and the "
                "sequence number is SND.UNA - 1 (Linux probes this way)");
        done(e);
    }
    if (ws_ooo && rx_retrans) {
        o = start(e);
        if (r->first_frame)
            sb_printf(o, "a retransmission, not out-of-order: the same bytes were sent in frame "
                         "%u; Wireshark only checks that it came within the iRTT of the highest "
                         "segment",
                      r->first_frame);
        else
            sb_s(o, "a retransmission, not out-of-order: the receiver had signalled the loss; "
                    "Wireshark only checks that it came within the iRTT of the highest segment");
        done(e);
    }
    if (ws_retrans && r->cause == RX_REORDERED) {
        o = start(e);
        sb_s(o, "not a retransmission: these bytes were never seen before and came less than one "
                "RTT after the segments that follow them: the network reordered them");
        done(e);
    }
    if ((w->flags & WS_RETRANSMISSION) && !(w->flags & WS_FAST_RETRANSMISSION) &&
        r->cause == RX_FAST) {
        o = start(e);
        sb_printf(o, "a fast retransmission: the receiver had signalled the loss (%u duplicate "
                     "ACK%s%s); Wireshark's test wants 2 duplicate ACKs for exactly this sequence "
                     "number, the latest less than 20 ms before",
                  r->dupacks, r->dupacks == 1 ? "" : "s", r->sack_hole ? ", SACK above it" : "");
        done(e);
    }
    if (ws_retrans && r->cause == RX_DUPLICATE) {
        o = start(e);
        sb_printf(o, "a duplicate, not a timeout: sent again %.3f ms after the previous copy, "
                     "less than one RTT, with no loss signalled",
                  ms(r->since_copy));
        done(e);
    }
    if (r->cause == RX_SPURIOUS && !(w->flags & WS_SPURIOUS_RETRANSMISSION)) {
        o = start(e);
        sb_s(o, "spurious: the receiver had SACKed every byte of it; Wireshark ignores SACK");
        done(e);
    }
    if (!ws_retrans && !ws_ooo && rx_retrans && r->cause != RX_SPURIOUS) {
        o = start(e);
        sb_s(o, "Wireshark sees no retransmission here");
        done(e);
    }
    if ((w->flags & WS_RETRANSMISSION) && r->cause == RX_RTO && r->first_frame && w->rto &&
        w->rto_frame != r->first_frame) {
        o = start(e);
        sb_printf(o, "Wireshark measures the RTO from frame %u (%.3f ms); the bytes were first "
                     "sent in frame %u, %.3f ms before",
                  w->rto_frame, ms(w->rto), r->first_frame, ms(r->rto));
        done(e);
    }
}

void verdict_notes(const struct seg_view *v, void (*emit)(void *ctx, const char *text), void *ctx)
{
    if (!v->conn)
        return;
    struct emitter e = {.emit = emit, .ctx = ctx};
    const struct ws_result *w = &v->ws;
    const struct rx_result *r = &v->rx;
    if (w->has_ta && !w->header_cut)
        retransmission_notes(w, r, &e);
    if (r->dsack_frame) {
        struct sb *o = start(&e);
        static const char *const cause[] = {"", "spurious", "fast", "tail loss probe",
                                            "timeout", "", "duplicate"};
        sb_printf(o, "D-SACK: the receiver got these bytes twice, so the retransmission in frame "
                     "%u (%s) was not needed",
                  r->dsack_frame, r->dsack_cause < 7 ? cause[r->dsack_cause] : "");
        done(&e);
    }
    if (w->acks_frame && r->karn_skipped) {
        struct sb *o = start(&e);
        sb_printf(o, "Wireshark's ACK RTT (%.3f ms) counts from frame %u, but those bytes were "
                     "sent more than once; Karn's rule takes no sample",
                  ms(w->ack_rtt), w->acks_frame);
        done(&e);
    }
}
