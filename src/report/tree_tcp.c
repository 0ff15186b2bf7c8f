/*
 * tree_tcp.c - the TCP part of the -V tree: header fields as tshark -V
 * lays them out, the options decoded, timestamps within the stream,
 * Wireshark's SEQ/ACK analysis with its expert items in its order, and
 * then tcplens's own verdicts and the state changes.
 */
#include "report/tree_int.h"

#include "report/verdict.h"
#include "report/ws_names.h"

static void nanos(char *buf, size_t n, nstime ns)
{
    uint64_t mag = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    snprintf(buf, n, "%s%llu.%09llu", ns < 0 ? "-" : "", (unsigned long long)(mag / 1000000000u),
             (unsigned long long)(mag % 1000000000u));
}

static const char *completeness_label(unsigned c)
{
    switch (c) {
    case 1:
        return "Incomplete, SYN_SENT";
    case 3:
        return "Incomplete, CLIENT_ESTABLISHED";
    case 7:
        return "Incomplete, ESTABLISHED";
    case 15:
        return "Incomplete, DATA";
    case 31:
    case 47:
    case 63:
        return "Complete, WITH_DATA";
    case 23:
    case 39:
    case 55:
        return "Complete, NO_DATA";
    default:
        return "Incomplete";
    }
}

/* "SYN, ACK" in Wireshark's order, "<None>" when no flag is set. */
static void flag_names(char *buf, size_t n, uint16_t f)
{
    static const char *const names[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    size_t at = 0;
    buf[0] = 0;
    for (unsigned i = 0; i < 9; i++)
        if (f & (1u << i))
            at += (size_t)snprintf(buf + at, n - at, "%s%s", at ? ", " : "", names[i]);
    if (f & 0xe00)
        at += (size_t)snprintf(buf + at, n - at, "%sReserved", at ? ", " : "");
    if (!at)
        snprintf(buf, n, "<None>");
}

/* The expert items Wireshark hangs on the SYN, RST and FIN bits. */
static void bit_expert(struct sb *o, const struct tcp *t, uint16_t bit)
{
    char text[96];
    if (bit == TH_SYN && (t->flags & TH_SYN)) {
        if (t->flags & TH_ACK)
            snprintf(text, sizeof text, "Connection establish acknowledge (SYN+ACK): server port %u",
                     t->sport);
        else
            snprintf(text, sizeof text, "Connection establish request (SYN): server port %u", t->dport);
        tree_expert(o, 3, "Chat", "Sequence", text);
    } else if (bit == TH_RST && (t->flags & TH_RST)) {
        tree_expert(o, 3, "Warning", "Sequence", "Connection reset (RST)");
    } else if (bit == TH_FIN && (t->flags & TH_FIN)) {
        tree_expert(o, 3, "Chat", "Sequence", "Connection finish (FIN)");
    }
}

static void flags_tree(struct sb *o, const struct tcp *t, const struct seg_view *v)
{
    uint16_t f = (uint16_t)(t->flags | t->reserved << 9);
    char names[80];
    flag_names(names, sizeof names, f);
    tree_line(o, 1, "Flags: 0x%03x (%s)", f, names);
    static const struct {
        uint16_t mask;
        const char *name;
    } bits[] = {{0x100, "Accurate ECN"}, {0x080, "Congestion Window Reduced"},
                {0x040, "ECN-Echo"},     {0x020, "Urgent"},
                {0x010, "Acknowledgment"}, {0x008, "Push"},
                {0x004, "Reset"},        {0x002, "Syn"},
                {0x001, "Fin"}};
    tree_bits(o, 2, f, 0xe00, 12, "Reserved: %s", tree_set(f & 0xe00));
    for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        tree_bits(o, 2, f, bits[i].mask, 12, "%s: %s", bits[i].name, tree_set(f & bits[i].mask));
        bit_expert(o, t, bits[i].mask);
    }
    /* "RRRACEUAPRSF" with a middle dot for each clear bit */
    static const char letters[] = "RRRACEUAPRSF";
    char str[12 * 2 + 1];
    size_t at = 0;
    for (int b = 11; b >= 0; b--) {
        if (f & (1u << b)) {
            str[at++] = letters[11 - b];
        } else {
            str[at++] = (char)0xc2;
            str[at++] = (char)0xb7;
        }
    }
    str[at] = 0;
    tree_line(o, 2, "[TCP Flags: %s]", str);
    if (f & TH_FIN) {
        /* the peer closed first if it sent the first FIN */
        const struct conn *c = v->conn;
        bool peer_first = c->ep[!v->side].fin_sent && c->first_closer == !v->side;
        tree_expert(o, 3, "Note", "Sequence",
                    peer_first ? "This frame undergoes the connection closing"
                               : "This frame initiates the connection closing");
    }
}

static void window_lines(struct sb *o, const struct tcp *t, const struct ws_result *w)
{
    tree_line(o, 1, "Window: %u", t->win);
    tree_line(o, 1, "[Calculated window size: %u]", w->win_calc);
    if (t->flags & TH_SYN)
        return;
    if (w->win_scale >= 0)
        tree_line(o, 1, "[Window size scaling factor: %d]", 1 << w->win_scale);
    else if (w->win_scale == WS_SCALE_UNKNOWN)
        tree_line(o, 1, "[Window size scaling factor: -1 (unknown)]");
    else
        tree_line(o, 1, "[Window size scaling factor: -2 (no window scaling used)]");
}

/* The checksum, and why a bad one may not be an error: a packet captured
 * on the host that sent it, before the network card filled it in. */
static void checksum_lines(struct sb *o, const struct pkt *p, int i, const struct tcp *t)
{
    bool oversize = p->wirelen > 1514 && p->linktype == LINKTYPE_ETHERNET;
    bool tso = p->ip_index >= 0 && p->layers[p->ip_index].kind == LAYER_IPV4 &&
               p->layers[p->ip_index].u.ip4.total_len == 0;
    (void)i;
    if (t->cksum == CKSUM_UNCHECKED) {
        tree_line(o, 1, "Checksum: 0x%04x [not verified]", t->sum);
        tree_line(o, 1, "[Checksum Status: Unverified]");
    } else if (t->cksum == CKSUM_OK) {
        tree_line(o, 1, "Checksum: 0x%04x [correct]", t->sum);
        tree_line(o, 1, "[Checksum Status: Good]");
        tree_line(o, 1, "[Calculated Checksum: 0x%04x]", t->sum);
    } else if (t->sum_pseudo || oversize || tso) {
        tree_line(o, 1, "Checksum: 0x%04x [unverifiable (offload?)]", t->sum);
        tree_line(o, 1, "[Checksum Status: Unverified: %s]",
                  t->sum_pseudo ? "it holds only the pseudo-header sum, which the sending host's "
                                  "network card completes"
                                : "a segment larger than the link allows, cut up by the sending "
                                  "host's network card");
        tree_line(o, 1, "[Calculated Checksum: 0x%04x]", t->sum_should);
    } else {
        tree_line(o, 1, "Checksum: 0x%04x [incorrect, should be 0x%04x]", t->sum, t->sum_should);
        tree_line(o, 1, "[Checksum Status: Bad]");
        tree_line(o, 1, "[Calculated Checksum: 0x%04x]", t->sum_should);
    }
    tree_line(o, 1, "Urgent Pointer: %u", t->urp);
}

static const char *option_title(uint8_t kind)
{
    switch (kind) {
    case 0:
        return "End of Option List (EOL)";
    case 1:
        return "No-Operation (NOP)";
    case 2:
        return "Maximum segment size";
    case 3:
        return "Window scale";
    case 4:
        return "SACK permitted";
    case 5:
        return "SACK";
    case 8:
        return "Timestamps";
    case 19:
        return "TCP MD5 signature";
    case 28:
        return "User Timeout";
    case 29:
        return "TCP Authentication Option";
    case 30:
        return "Multipath TCP";
    case 34:
        return "TCP Fast Open Cookie";
    default:
        return NULL;
    }
}

/* The name on an option's Kind line, as Wireshark spells it there. */
static const char *kind_name(uint8_t kind)
{
    switch (kind) {
    case 0:
        return "End of Option List";
    case 1:
        return "No-Operation";
    case 2:
        return "Maximum Segment Size";
    case 3:
        return "Window Scale";
    case 4:
        return "SACK Permitted";
    case 5:
        return "SACK";
    case 8:
        return "Time Stamp Option";
    default:
        return option_title(kind);
    }
}

/* A D-SACK (RFC 2883): the first block lies at or below the ACK, or
 * inside the second one. */
static bool is_dsack(const struct tcp_opt *op, uint32_t ack)
{
    uint32_t l = op->v.sack.edge[0][0], r = op->v.sack.edge[0][1];
    if (op->v.sack.n >= 1 && (int32_t)(r - ack) <= 0)
        return true;
    return op->v.sack.n >= 2 && (int32_t)(l - op->v.sack.edge[1][0]) >= 0 &&
           (int32_t)(r - op->v.sack.edge[1][1]) <= 0;
}

static void option_tree(struct sb *o, const struct tcp_opt *op, uint32_t peer_base, uint32_t ack,
                        bool syn)
{
    const char *title = option_title(op->kind);
    char head[160];
    bool ok = op->status == OPT_OK;
    switch (ok ? op->kind : 255) {
    case 2:
        snprintf(head, sizeof head, "Maximum segment size: %u bytes", op->v.mss);
        break;
    case 3:
        snprintf(head, sizeof head, "Window scale: %u (multiply by %u)", op->v.wscale,
                 1u << (op->v.wscale > 14 ? 14 : op->v.wscale));
        break;
    case 8:
        snprintf(head, sizeof head, "Timestamps: TSval %u, TSecr %u", op->v.ts.val, op->v.ts.ecr);
        break;
    case 5: {
        size_t at = (size_t)snprintf(head, sizeof head, "SACK");
        for (int b = 0; b < op->v.sack.n && at < sizeof head; b++)
            at += (size_t)snprintf(head + at, sizeof head - at, " %u-%u",
                                   op->v.sack.edge[b][0] - peer_base, op->v.sack.edge[b][1] - peer_base);
        break;
    }
    default:
        snprintf(head, sizeof head, "%s", title ? title : "Unknown");
        break;
    }
    tree_line(o, 2, "TCP Option - %s%s", head, ok ? "" : " [malformed or cut short]");
    if (ok && op->kind == 2 && !syn)
        tree_expert(o, 3, "Warning", "Protocol", "The non-SYN packet does contain a MSS option");
    tree_line(o, 3, "Kind: %s (%u)", kind_name(op->kind) ? kind_name(op->kind) : "Unknown", op->kind);
    if (op->kind <= 1)
        return;
    tree_line(o, 3, "Length: %u", op->len);
    if (!ok)
        return;
    switch (op->kind) {
    case 2:
        tree_line(o, 3, "MSS Value: %u", op->v.mss);
        break;
    case 3:
        tree_line(o, 3, "Shift count: %u", op->v.wscale);
        if (op->v.wscale > 14)
            tree_expert(o, 4, "Warning", "Protocol", "Window scale shift exceeds 14");
        tree_line(o, 3, "[Multiplier: %u]", 1u << (op->v.wscale > 14 ? 14 : op->v.wscale));
        break;
    case 5:
        for (int b = 0; b < op->v.sack.n; b++) {
            tree_line(o, 3, "left edge = %u (relative)", op->v.sack.edge[b][0] - peer_base);
            tree_line(o, 3, "right edge = %u (relative)", op->v.sack.edge[b][1] - peer_base);
        }
        tree_line(o, 3, "[TCP SACK Count: %u]", op->v.sack.n);
        if (op->v.sack.n && is_dsack(op, ack)) {
            tree_line(o, 3, "[D-SACK Left Edge = %u (relative)]", op->v.sack.edge[0][0] - peer_base);
            tree_line(o, 3, "[D-SACK Right Edge = %u (relative)]", op->v.sack.edge[0][1] - peer_base);
            tree_line(o, 3, "D-SACK Sequence");
            tree_expert(o, 4, "Warning", "Sequence", "D-SACK Sequence");
        }
        break;
    case 8:
        tree_line(o, 3, "Timestamp value: %u", op->v.ts.val);
        tree_line(o, 3, "Timestamp echo reply: %u", op->v.ts.ecr);
        break;
    default:
        if (!title && op->avail) {
            char hex[2 * 40 + 1];
            unsigned n = op->avail < 40 ? op->avail : 40;
            for (unsigned k = 0; k < n; k++)
                snprintf(hex + 2 * k, 3, "%02x", op->data.p[k]);
            tree_line(o, 3, "Payload: %s", hex);
        }
        break;
    }
}

/* The list on the Options line: "Maximum segment size", "Unknown (0x63)" */
static void option_list_name(char *buf, size_t n, uint8_t kind)
{
    const char *title = option_title(kind);
    if (title)
        snprintf(buf, n, "%s", title);
    else
        snprintf(buf, n, "Unknown (0x%02x)", kind);
}

/* An option whose length byte is under 2, runs past the options or is
 * itself past them, as Wireshark shows it: its name, what is wrong, and a
 * note. */
static void bad_length_option(struct sb *o, const struct tcp_opt *op, bool length_outside)
{
    char name[40], text[160];
    /* Wireshark's short names for these, where its tree says more */
    switch (op->kind) {
    case 29:
        snprintf(name, sizeof name, "TCP AO");
        break;
    case 30:
        snprintf(name, sizeof name, "MPTCP");
        break;
    case 34:
        snprintf(name, sizeof name, "TCP Fast Open");
        break;
    case 253:
    case 254:
        snprintf(name, sizeof name, "Experimental");
        break;
    default:
        option_list_name(name, sizeof name, op->kind);
        break;
    }
    if (length_outside)
        snprintf(text, sizeof text, "%s (length byte past end of options)", name);
    else if (op->len < 2)
        snprintf(text, sizeof text, "%s (with too-short option length = %u byte%s)", name, op->len,
                 op->len == 1 ? "" : "s");
    else
        snprintf(text, sizeof text, "%s (option length = %u bytes says option goes past end of options)",
                 name, op->len);
    tree_line(o, 2, "%s", text);
    tree_expert(o, 3, "Note", "Sequence", text);
}

/* The option's length is wrong, or its length byte lies past the options
 * (in a header that was captured whole: a capture cut there is not this). */
static bool bad_length(const struct tcp *t, const struct tcp_opt *op)
{
    return op->status == OPT_BAD_LEN ||
           (op->status == OPT_CUT_KIND && op->kind > 1 && t->cap_len >= t->doff * 4u);
}

static void options_tree(struct sb *o, const struct tcp *t, uint32_t peer_base, uint32_t hdr_off)
{
    uint32_t len = t->doff * 4u - 20;
    if (!len || !t->nopts)
        return;
    /* an EOL stands for every byte left in the header, as Wireshark shows it */
    const struct tcp_opt *last = &t->opts[t->nopts - 1];
    uint32_t eols = last->kind == 0 ? t->doff * 4u - (last->off - hdr_off) : 0;
    char list[512], name[40];
    size_t at = (size_t)snprintf(list, sizeof list, "Options: (%u bytes)", len);
    for (int k = 0; k < t->nopts && at < sizeof list; k++) {
        if (bad_length(t, &t->opts[k]))
            continue; /* Wireshark names only the options it could read */
        uint32_t times = t->opts[k].kind == 0 ? eols : 1;
        option_list_name(name, sizeof name, t->opts[k].kind);
        for (uint32_t r = 0; r < times && at < sizeof list; r++)
            at += (size_t)snprintf(list + at, sizeof list - at, ", %s", name);
    }
    tree_line(o, 1, "%s", list);
    bool mss = false;
    unsigned nops = 0;
    for (int k = 0; k < t->nopts; k++) {
        const struct tcp_opt *op = &t->opts[k];
        if (op->kind == 1) {
            /* Wireshark's count of NOPs "in a row within a 32-bit word": a
             * NOP on a word boundary restarts it unless it is the first,
             * and other options leave it as it is */
            uint32_t rel = op->off - hdr_off;
            nops = nops == 0 || rel % 4 ? nops + 1 : 0;
            if (nops == 4)
                tree_expert(o, 2, "Warning", "Protocol",
                            "4 NOP in a row - a router may have removed some options");
        }
        if (bad_length(t, op)) {
            /* its kind is the last byte of the options */
            bad_length_option(o, op, op->off - hdr_off + 1 >= t->doff * 4u);
            return; /* Wireshark stops there, before its check for an MSS */
        }
        mss |= op->kind == 2;
        uint32_t times = op->kind == 0 ? eols : 1;
        for (uint32_t r = 0; r < times; r++)
            option_tree(o, op, peer_base, t->ack, (t->flags & TH_SYN) != 0);
    }
    if ((t->flags & TH_SYN) && !mss)
        tree_expert(o, 2, "Note", "Protocol", "The SYN packet does not contain a MSS option");
}


/* A RST's data as Wireshark reads it: ASCII text up to the first NUL, C
 * escapes for \a \b \t \n \v \f \r, octal for other control bytes,
 * U+FFFD for bytes over 0x7f, and a warning when anything but NULs
 * follows the NUL. */
static void reset_cause(struct sb *o, struct bytes data)
{
    static const char escapes[] = "abtnvfr";
    char text[256];
    struct sb t;
    sb_init(&t, text, sizeof text - 1, NULL);
    uint32_t k = 0;
    for (; k < data.len && data.p[k] && t.len < sizeof text - 8; k++) {
        uint8_t ch = data.p[k];
        if (ch >= 0x07 && ch <= 0x0d) {
            sb_ch(&t, '\\');
            sb_ch(&t, escapes[ch - 0x07]);
        } else if (ch < 0x20 || ch == 0x7f) {
            sb_ch(&t, '\\');
            sb_ch(&t, (char)('0' + (ch >> 6)));
            sb_ch(&t, (char)('0' + ((ch >> 3) & 7)));
            sb_ch(&t, (char)('0' + (ch & 7)));
        } else if (ch >= 0x80) {
            sb_s(&t, "\xef\xbf\xbd");
        } else {
            sb_ch(&t, (char)ch);
        }
    }
    tree_line(o, 1, "Reset cause: %s", sb_str(&t));
    bool stray = false;
    for (; k < data.len; k++)
        stray |= data.p[k] != 0;
    if (stray)
        tree_expert(o, 2, "Warning", "Undecoded", "Trailing stray characters");
}

static void expert(struct sb *o, int depth, const char *severity, const char *text)
{
    tree_expert(o, depth, severity, "Sequence", text);
}

/* The [TCP Analysis Flags] subtree, in Wireshark's print order. */
static void flags_subtree(struct sb *o, const struct ws_result *w)
{
    tree_line(o, 2, "[TCP Analysis Flags]");
    static const struct ws_flag_name *retrans;
    for (size_t i = 0; i < ws_flag_count; i++)
        if (ws_flag_names[i].flag == WS_RETRANSMISSION)
            retrans = &ws_flag_names[i];
    for (size_t i = 0; i < ws_flag_count; i++) {
        const struct ws_flag_name *f = &ws_flag_names[i];
        if (!(w->flags & f->flag))
            continue;
        char buf[40];
        if (f->flag == WS_DUPLICATE_ACK) {
            tree_line(o, 3, "[This is a TCP duplicate ack]");
            continue;
        }
        expert(o, 3, f->severity, f->expert);
        if (f->flag == WS_FAST_RETRANSMISSION || f->flag == WS_SPURIOUS_RETRANSMISSION)
            expert(o, 3, retrans->severity, retrans->expert);
        if (f->flag == WS_RETRANSMISSION && w->rto) {
            nanos(buf, sizeof buf, w->rto);
            tree_line(o, 3, "[The RTO for this segment was: %s seconds]", buf);
            tree_line(o, 3, "[RTO based on delta from frame: %u]", w->rto_frame);
        }
    }
}

static void analysis_tree(struct sb *o, const struct ws_result *w)
{
    if (!w->has_ta || w->header_cut)
        return;
    char buf[40];
    tree_line(o, 1, "[SEQ/ACK analysis]");
    if (w->acks_frame) {
        tree_line(o, 2, "[This is an ACK to the segment in frame: %u]", w->acks_frame);
        if (w->ack_rtt) {
            nanos(buf, sizeof buf, w->ack_rtt);
            tree_line(o, 2, "[The RTT to ACK the segment was: %s seconds]", buf);
        }
    }
    if (w->irtt) {
        nanos(buf, sizeof buf, w->irtt);
        tree_line(o, 2, "[iRTT: %s seconds]", buf);
    }
    if (w->has_bif) {
        tree_line(o, 2, "[Bytes in flight: %u]", w->bytes_in_flight);
        tree_line(o, 2, "[Bytes sent since last PSH flag: %u]", w->push_bytes_sent);
    }
    if (w->flags)
        flags_subtree(o, w);
    if (w->dupack_num) {
        tree_line(o, 2, "[Duplicate ACK #: %u]", w->dupack_num);
        tree_line(o, 2, "[Duplicate to the ACK in frame: %u]", w->dupack_frame);
        char text[40];
        snprintf(text, sizeof text, "Duplicate ACK (#%u)", w->dupack_num);
        expert(o, 3, "Note", text);
    }
}

static void note_line(void *ctx, const char *text) { tree_line(ctx, 2, "[Note: %s]", text); }

/* tcplens's verdicts: what Wireshark's analysis does not say, or says
 * differently, and the state changes. */
static void tcplens_tree(struct sb *o, const struct seg_view *v)
{
    static const char *const who[2] = {"client", "server"};
    char verdict[400], buf[40];
    struct sb vs;
    sb_init(&vs, verdict, sizeof verdict, NULL);
    bool said = verdict_tcplens(&vs, &v->rx);
    if (!said && !v->rx.has_rtt && !v->ntrans && !v->rx.karn_skipped)
        return;
    tree_line(o, 1, "[tcplens]");
    tree_line(o, 2, "[Sender: %s]", who[v->side]);
    if (said)
        tree_line(o, 2, "[Verdict: %s]", sb_str(&vs));
    if (v->rx.has_rtt) {
        nanos(buf, sizeof buf, v->rx.rtt);
        tree_line(o, 2, "[RTT sample (Karn's rule): %s seconds]", buf);
    }
    verdict_notes(v, note_line, o);
    for (int k = 0; k < v->ntrans; k++)
        tree_line(o, 2, "[%s %s -> %s]", who[v->trans[k].side], tcp_state_name(v->trans[k].from),
                  tcp_state_name(v->trans[k].to));
}

void tree_tcp(struct sb *o, const struct pkt *p, int i, const struct seg_view *v)
{
    const struct tcp *t = &p->layers[i].u.tcp;
    if (t->stop != TCP_DONE || !v || !v->conn) {
        tree_line(o, 0, "Transmission Control Protocol, Src Port: %u, Dst Port: %u [header cut "
                        "short or bogus]",
                  t->sport, t->dport);
        return;
    }
    const struct ws_result *w = &v->ws;
    bool ack = (t->flags & TH_ACK) != 0;
    char acktext[32] = "";
    if (ack)
        snprintf(acktext, sizeof acktext, ", Ack: %u", w->ack_rel);
    tree_line(o, 0, "Transmission Control Protocol, Src Port: %u, Dst Port: %u, Seq: %u%s, Len: %u",
              t->sport, t->dport, w->seq_rel, acktext, w->seglen);
    tree_line(o, 1, "Source Port: %u", t->sport);
    tree_line(o, 1, "Destination Port: %u", t->dport);
    tree_line(o, 1, "[Stream index: %llu]", (unsigned long long)v->conn->stream);
    tree_line(o, 1, "[Conversation completeness: %s (%u)]", completeness_label(w->completeness),
              w->completeness);
    tree_line(o, 1, "[TCP Segment Len: %u]", w->seglen);
    tree_line(o, 1, "Sequence Number: %u    (relative sequence number)", w->seq_rel);
    tree_line(o, 1, "Sequence Number (raw): %u", t->seq);
    tree_line(o, 1, "[Next Sequence Number: %u    (relative sequence number)]", w->nxtseq_rel);
    if (ack)
        tree_line(o, 1, "Acknowledgment Number: %u    (relative ack number)", w->ack_rel);
    else
        tree_line(o, 1, "Acknowledgment Number: %u", t->ack);
    if (!ack && t->ack)
        tree_expert(o, 2, "Note", "Protocol",
                    "The acknowledgment number field is nonzero while the ACK flag is not set");
    if (ack && (t->flags & TH_SYN) && w->ack_rel > 1)
        tree_expert(o, 2, "Note", "Sequence", "TCP SYN-ACK accepting TFO data");
    else if (ack && (t->flags & TH_SYN) && v->conn->ws.tfo_syn_data)
        tree_expert(o, 2, "Note", "Sequence", "TCP SYN-ACK ignoring TFO data");
    tree_line(o, 1, "Acknowledgment number (raw): %u", t->ack);
    tree_bits(o, 1, (uint32_t)t->doff << 4, 0xf0, 8, "Header Length: %u bytes (%u)", t->doff * 4u,
              t->doff);
    flags_tree(o, t, v);
    window_lines(o, t, w);
    checksum_lines(o, p, i, t);
    options_tree(o, t, v->conn->ws.dir[!v->side].base_seq, p->layers[i].off);
    char a[40], b[40];
    nanos(a, sizeof a, w->since_first);
    nanos(b, sizeof b, w->since_prev);
    tree_line(o, 1, "[Timestamps]");
    tree_line(o, 2, "[Time since first frame in this TCP stream: %s seconds]", a);
    tree_line(o, 2, "[Time since previous frame in this TCP stream: %s seconds]", b);
    analysis_tree(o, w);
    tcplens_tree(o, v);
    if (w->seglen && (t->flags & TH_RST)) {
        reset_cause(o, t->payload);
    } else if (w->seglen) {
        tree_line(o, 1, "TCP payload (%u byte%s)", w->seglen, w->seglen == 1 ? "" : "s");
    }
}
