/*
 * pkt_json.c - one JSON object per packet.  Every object has the same
 * keys; those that do not apply (a packet without TCP, a segment without
 * analysis data) are null.  Analysis values appear where tshark shows
 * them, so that they can be compared field by field.
 */
#include "report/pkt_json.h"

#include "source/frame.h"
#include "report/json.h"
#include "report/names.h"
#include "report/verdict.h"
#include "report/ws_names.h"

static void ip_addrs(struct json *j, const struct pkt *p)
{
    const struct addr *src = NULL, *dst = NULL;
    if (p->ip_index >= 0) {
        const struct layer *l = &p->layers[p->ip_index];
        if (l->kind == LAYER_IPV4) {
            src = &l->u.ip4.src;
            dst = &l->u.ip4.dst;
        } else if (l->kind == LAYER_IPV6) {
            src = &l->u.ip6.src;
            dst = &l->u.ip6.dst;
        }
    }
    json_key(j, "src");
    if (src)
        json_addr(j, src);
    else
        json_null(j);
    json_key(j, "dst");
    if (dst)
        json_addr(j, dst);
    else
        json_null(j);
}

static void flag_names(struct json *j, uint16_t f)
{
    static const char *const names[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                        "URG", "ECE", "CWR", "AE"};
    json_open(j, '[');
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (f & (1u << i))
            json_str(j, names[i]);
    json_close(j, ']');
}

static void option(struct json *j, const struct tcp_opt *op)
{
    json_open(j, '{');
    json_key(j, "kind");
    const char *name = tcp_option_name(op->kind);
    if (name && *name) { /* tcpdump prints kind 13 with no name */
        json_str(j, name);
    } else {
        json_u64(j, op->kind);
    }
    if (op->status != OPT_OK) {
        json_key(j, "status");
        json_str(j, op->status == OPT_TRUNC || op->status == OPT_CUT_KIND ? "truncated" : "bad");
    } else if (op->kind == 2) {
        json_key(j, "mss");
        json_u64(j, op->v.mss);
    } else if (op->kind == 3) {
        json_key(j, "shift");
        json_u64(j, op->v.wscale);
    } else if (op->kind == 8) {
        json_key(j, "val");
        json_u64(j, op->v.ts.val);
        json_key(j, "ecr");
        json_u64(j, op->v.ts.ecr);
    } else if (op->kind == 5) {
        json_key(j, "blocks");
        json_open(j, '[');
        for (int b = 0; b < op->v.sack.n; b++) {
            json_open(j, '[');
            json_u64(j, op->v.sack.edge[b][0]);
            json_u64(j, op->v.sack.edge[b][1]);
            json_close(j, ']');
        }
        json_close(j, ']');
    }
    json_close(j, '}');
}

static void options(struct json *j, const struct tcp *t)
{
    json_open(j, '[');
    for (int i = 0; i < t->nopts; i++)
        option(j, &t->opts[i]);
    json_close(j, ']');
}

/* tshark's tcp.analysis.* fields that are set: "retransmission" comes
 * with the fast and spurious kinds too. */
static void analysis_names(struct json *j, uint16_t flags)
{
    json_open(j, '[');
    if (flags & (WS_RETRANSMISSION | WS_FAST_RETRANSMISSION | WS_SPURIOUS_RETRANSMISSION))
        json_str(j, "retransmission");
    for (size_t i = 0; i < ws_flag_count; i++)
        if ((flags & ws_flag_names[i].flag) && ws_flag_names[i].flag != WS_RETRANSMISSION)
            json_str(j, ws_flag_names[i].field);
    json_close(j, ']');
}

static void u32_or_null(struct json *j, const char *key, bool present, uint32_t v)
{
    json_key(j, key);
    if (present)
        json_u64(j, v);
    else
        json_null(j);
}

static void nanos_or_null(struct json *j, const char *key, bool present, nstime v)
{
    json_key(j, key);
    if (present)
        json_nanos(j, v);
    else
        json_null(j);
}

static void str_or_null(struct json *j, const char *key, const char *s)
{
    json_key(j, key);
    if (s)
        json_str(j, s);
    else
        json_null(j);
}

static void note(void *ctx, const char *text) { json_str(ctx, text); }

/* tcplens's own verdict, and where it differs from Wireshark's. */
static void tcplens_keys(struct json *j, bool tcp, const struct seg_view *v)
{
    const struct rx_result *r = &v->rx;
    str_or_null(j, "retrans_cause", tcp ? verdict_cause_name(r) : NULL);
    nanos_or_null(j, "retrans_rto", tcp && r->cause == RX_RTO && r->first_frame, r->rto);
    u32_or_null(j, "retrans_of", tcp && r->cause && r->first_frame, r->first_frame);
    str_or_null(j, "probe", tcp ? verdict_probe_name(r) : NULL);
    u32_or_null(j, "dsack_of", tcp && r->dsack_frame, r->dsack_frame);
    nanos_or_null(j, "rtt", tcp && r->has_rtt, r->rtt);
    json_key(j, "notes");
    json_open(j, '[');
    if (tcp)
        verdict_notes(v, note, j);
    json_close(j, ']');
}

static void transitions(struct json *j, const struct seg_view *v)
{
    static const char *const who[2] = {"client", "server"};
    json_key(j, "transitions");
    json_open(j, '[');
    for (int i = 0; i < v->ntrans; i++) {
        json_open(j, '{');
        json_key(j, "side");
        json_str(j, who[v->trans[i].side]);
        json_key(j, "from");
        json_str(j, tcp_state_name(v->trans[i].from));
        json_key(j, "to");
        json_str(j, tcp_state_name(v->trans[i].to));
        json_close(j, '}');
    }
    json_close(j, ']');
}

/* The keys of a TCP segment; t is NULL for other packets (all null). */
static void tcp_keys(struct json *j, const struct tcp *t, const struct seg_view *v)
{
    const struct ws_result *w = &v->ws;
    bool tcp = t != NULL, ta = tcp && w->has_ta && !w->header_cut;
    u32_or_null(j, "stream", tcp, tcp ? (uint32_t)v->conn->stream : 0);
    u32_or_null(j, "sport", tcp, tcp ? t->sport : 0);
    u32_or_null(j, "dport", tcp, tcp ? t->dport : 0);
    json_key(j, "flags");
    if (tcp)
        flag_names(j, t->flags);
    else
        json_null(j);
    u32_or_null(j, "seq", tcp, w->seq_rel);
    u32_or_null(j, "ack", tcp, w->ack_rel);
    u32_or_null(j, "seq_raw", tcp, tcp ? t->seq : 0);
    u32_or_null(j, "ack_raw", tcp, tcp ? t->ack : 0);
    u32_or_null(j, "next_seq", tcp && w->analyzed, w->nxtseq_rel);
    u32_or_null(j, "len", tcp && w->analyzed, w->seglen);
    u32_or_null(j, "win", tcp, tcp ? t->win : 0);
    u32_or_null(j, "win_calc", tcp, w->win_calc);
    json_key(j, "win_scale");
    if (tcp && !(t->flags & TH_SYN))
        json_i64(j, w->win_scale >= 0 ? (1 << w->win_scale) : w->win_scale);
    else
        json_null(j);
    json_key(j, "options");
    if (tcp)
        options(j, t);
    else
        json_null(j);
    json_key(j, "analysis");
    if (tcp)
        analysis_names(j, w->flags);
    else
        json_null(j);
    u32_or_null(j, "dup_ack_num", ta && w->dupack_num, w->dupack_num);
    u32_or_null(j, "dup_ack_frame", ta && w->dupack_num, w->dupack_frame);
    u32_or_null(j, "acks_frame", ta && w->acks_frame, w->acks_frame);
    nanos_or_null(j, "ack_rtt", ta && w->acks_frame && w->ack_rtt, w->ack_rtt);
    nanos_or_null(j, "rto", ta && w->rto, w->rto);
    u32_or_null(j, "rto_frame", ta && w->rto, w->rto_frame);
    nanos_or_null(j, "irtt", ta && w->irtt, w->irtt);
    u32_or_null(j, "bytes_in_flight", ta && w->has_bif, w->bytes_in_flight);
    u32_or_null(j, "push_bytes_sent", ta && w->has_push, w->push_bytes_sent);
    u32_or_null(j, "completeness", tcp, w->completeness);
    nanos_or_null(j, "since_first", tcp, w->since_first);
    nanos_or_null(j, "since_prev", tcp, w->since_prev);
    tcplens_keys(j, tcp, v);
    transitions(j, v);
}

void pkt_json(struct sb *o, const struct pkt *p, const struct seg_view *v)
{
    struct json j;
    json_init(&j, o);
    json_open(&j, '{');
    json_key(&j, "frame");
    json_u64(&j, p->num);
    json_key(&j, "time");
    json_nanos(&j, frame_time_ns(p->ts_sec, p->ts_nsec));
    ip_addrs(&j, p);
    tcp_keys(&j, v->conn ? pkt_tcp(p) : NULL, v);
    json_close(&j, '}');
    sb_ch(o, '\n');
}
