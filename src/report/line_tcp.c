/*
 * line_tcp.c - the TCP part of tcpdump's line, as print-tcp.c in tcpdump
 * 4.99.3 writes it:
 *
 *   src.port > dst.port: Flags [S.], cksum 0x1234 (correct), seq 1:11,
 *   ack 1, win 512, urg 3, options [mss 1460,...], length 10[: HTTP: ...]
 *
 * with relative numbers from the tracker, every option tcpdump knows
 * (MPTCP included), its markers for bad and truncated headers, the RST
 * payload with -v, and the HTTP request/response line on ports 80/8080.
 */
#include "report/line_int.h"

#include "decode/http.h"
#include "report/names.h"

static void hex_bytes(struct sb *o, struct bytes b, uint32_t from, uint32_t to)
{
    for (uint32_t k = from; k < to && k < b.len; k++)
        sb_hex(o, b.p[k], 2);
}

/* tcpdump's fn_print_char: M- for the high bit, ^X for controls. */
static void safe_char(struct sb *o, uint8_t ch)
{
    if (ch & 0x80) {
        ch &= 0x7f;
        sb_s(o, "M-");
    }
    if (ch < 0x20 || ch == 0x7f) {
        ch ^= 0x40;
        sb_ch(o, '^');
    }
    sb_ch(o, (char)ch);
}

static void mptcp_body(struct sb *o, const struct mptcp_opt *m)
{
    static const char *const names[] = {"capable", "join",  "dss",        "add-addr", "rem-addr",
                                        "prio",    "fail",  "fast-close", "unknown"};
    if (!m->header_ok)
        return;
    sb_printf(o, " %u %s", m->len, names[m->subtype]);
    if (!m->valid && m->subtype != MP_DSS)
        return;
    switch (m->subtype) {
    case MP_CAPABLE:
        if (m->version > 1) {
            sb_printf(o, " Unknown Version (%u)", m->version);
            return;
        }
        sb_printf(o, " v%u", m->version);
        if (m->flags & 0x80)
            sb_s(o, " csum");
        if (m->nkeys) {
            sb_s(o, " {0x");
            sb_hex(o, m->key[0], 0);
            if (m->nkeys > 1) {
                sb_s(o, ",0x");
                sb_hex(o, m->key[1], 0);
            }
            sb_ch(o, '}');
        }
        break;
    case MP_JOIN:
        if (m->len != 24) {
            if (m->flags & 0x01)
                sb_s(o, " backup");
            sb_printf(o, " id %u", m->addr_id);
        }
        if (m->len == 12) {
            sb_printf(o, " token 0x%x nonce 0x%x", m->token, m->nonce);
        } else if (m->len == 16) {
            sb_s(o, " hmac 0x");
            sb_hex(o, m->hmac, 0);
            sb_printf(o, " nonce 0x%x", m->nonce);
        } else {
            sb_s(o, " hmac 0x");
            hex_bytes(o, m->mac, 0, m->mac.len);
        }
        break;
    case MP_DSS:
        if (m->flags & 0x10)
            sb_s(o, " fin");
        if (m->flags & 0x01) {
            sb_s(o, " ack ");
            if (m->dss_parts <= DSS_ACK)
                return;
            sb_u64(o, m->ack);
        }
        if (m->flags & 0x04) {
            sb_s(o, " seq ");
            if (m->dss_parts <= DSS_SEQ)
                return;
            sb_u64(o, m->seq);
            if (m->dss_parts <= DSS_SUBSEQ)
                return;
            sb_printf(o, " subseq %u", m->subseq);
            if (m->dss_parts <= DSS_DLEN)
                return;
            sb_printf(o, " len %u", m->dlen);
            if (m->dss_parts > DSS_CSUM)
                sb_printf(o, " csum 0x%x", m->csum);
        }
        break;
    case MP_ADD_ADDR: {
        static const char *const echo[] = {"v1", "v1-echo", 0, 0, "v0-ip4", 0, "v0-ip6"};
        const char *e = m->echo_bits < 7 ? echo[m->echo_bits] : 0;
        sb_printf(o, " %s id %u ", e ? e : "[bad version/echo]", m->addr_id);
        addr_format(o, &m->addr);
        if (m->has_port)
            sb_printf(o, ":%u", m->port);
        if (m->has_hmac) {
            sb_s(o, " hmac 0x");
            sb_hex(o, m->hmac, 0);
        }
        break;
    }
    case MP_REMOVE_ADDR:
        sb_s(o, " id");
        for (uint32_t k = 0; k < m->ids.len; k++)
            sb_printf(o, " %u", m->ids.p[k]);
        break;
    case MP_PRIO:
        sb_s(o, (m->flags & 0x01) ? " backup" : " non-backup");
        if (m->has_id)
            sb_printf(o, " id %u", m->addr_id);
        break;
    case MP_FAIL:
        sb_s(o, " seq ");
        sb_u64(o, m->key[0]);
        break;
    case MP_FASTCLOSE:
        sb_s(o, " key 0x");
        sb_hex(o, m->key[0], 0);
        break;
    default:
        break;
    }
}

static void fastopen_body(struct sb *o, struct bytes cookie, uint32_t len)
{
    if (len == 0) {
        sb_s(o, " cookiereq");
    } else if (len % 2 != 0 || len < 4 || len > 16) {
        sb_s(o, " (invalid)");
    } else {
        sb_s(o, " cookie ");
        hex_bytes(o, cookie, 0, len);
    }
}

/* The body of one option after its name; `whole` says whether the
 * segment's payload was captured (for the md5 verdict). */
static void option_body(struct lctx *c, const struct tcp *t, const struct tcp_opt *op)
{
    struct sb *o = c->o;
    bool ok = op->status == OPT_OK;
    uint32_t datalen = op->kind == 0 || op->kind == 1 ? 0 : op->len - 2u;
    switch (op->kind) {
    case 0:
    case 1:
    case 4:
        break;
    case 2:
        if (ok)
            sb_label_u32(o, " ", op->v.mss);
        break;
    case 3:
        if (ok)
            sb_label_u32(o, " ", op->v.wscale);
        break;
    case 5:
        if (datalen % 8 != 0) {
            sb_s(o, " invalid sack");
            break;
        }
        sb_label_u32(o, " ", datalen / 8);
        sb_ch(o, ' ');
        for (uint32_t k = 0; k < op->avail / 8u && k < op->v.sack.n; k++) {
            sb_label_u32(o, "{", op->v.sack.edge[k][0] - c->v->sack_sub);
            sb_label_u32(o, ":", op->v.sack.edge[k][1] - c->v->sack_sub);
            sb_ch(o, '}');
        }
        break;
    case 6:
    case 7:
    case 11:
    case 12:
    case 13:
        if (ok)
            sb_label_u32(o, " ", op->v.echo);
        break;
    case 8:
        if (ok) {
            sb_label_u32(o, " val ", op->v.ts.val);
            sb_label_u32(o, " ecr ", op->v.ts.ecr);
        }
        break;
    case 19:
        if (!ok)
            break;
        sb_s(o, t->payload.len < t->payload_len ? " snaplen too short, "
                                                : " shared secret not supplied with -M, ");
        sb_s(o, "can't check - ");
        hex_bytes(o, op->data, 0, 16);
        break;
    case 20:
        if (ok)
            sb_printf(o, " cap %02x id %u", op->v.scps.cap, op->v.scps.id);
        break;
    case 28:
        if (ok) {
            uint32_t u = op->v.uto;
            sb_printf(o, " 0x%x %u", u, (u & 1) ? (u >> 1) * 60 : u >> 1);
        }
        break;
    case 29:
        if (datalen < 2) {
            sb_s(o, " (invalid)");
            break;
        }
        if (op->avail >= 1)
            sb_printf(o, " keyid %u", op->data.p[0]);
        if (op->avail >= 2)
            sb_printf(o, " rnextkeyid %u", op->data.p[1]);
        if (datalen > 2 && op->avail >= 2) {
            sb_s(o, " mac 0x");
            hex_bytes(o, op->data, 2, op->avail);
        }
        break;
    case 30:
        /* tcpdump's MPTCP printer runs once the option is all there, and
         * names every later truncation in the packet after itself */
        if (op->avail == datalen && op->v.mptcp < TCP_MAX_MPTCP) {
            mptcp_body(o, &t->mptcp[op->v.mptcp]);
            c->proto = "mptcp";
        }
        break;
    case 34:
        if (ok) {
            sb_ch(o, ' ');
            fastopen_body(o, op->data, datalen);
        }
        break;
    case 254:
        if (op->avail < datalen || datalen < 2)
            break;
        sb_ch(o, '-');
        if (op->v.magic == 0xf989) {
            struct bytes cookie = {op->data.p + 2, op->data.len - 2};
            sb_s(o, "tfo");
            fastopen_body(o, cookie, datalen - 2);
        } else {
            sb_hex(o, op->v.magic, 4);
        }
        break;
    default:
        if (datalen) {
            sb_s(o, " 0x");
            hex_bytes(o, op->data, 0, op->avail);
        }
        break;
    }
}

/* The data bytes an option consumed, for tcpdump's "[len N]" check. */
static uint32_t consumed(uint8_t kind, uint8_t len)
{
    switch (kind) {
    case 0:
    case 1:
    case 4:
        return 0;
    case 3:
        return 1;
    case 2:
    case 20:
    case 28:
        return 2;
    case 6:
    case 7:
    case 11:
    case 12:
    case 13:
        return 4;
    case 8:
        return 8;
    case 19:
        return 16;
    default:
        return len - 2u;
    }
}

/* ", options [...]"; false when printing stops inside. */
static bool options(struct lctx *c, const struct tcp *t)
{
    struct sb *o = c->o;
    sb_s(o, ", options [");
    for (int k = 0; k < t->nopts; k++) {
        const struct tcp_opt *op = &t->opts[k];
        if (k > 0)
            sb_ch(o, ',');
        if (op->status == OPT_CUT_KIND) {
            line_trunc(c, c->proto, true);
            return false;
        }
        if (op->status == OPT_BAD_LEN) {
            sb_s(o, k > 0 ? "[bad opt]]" : "[bad opt]");
            return false;
        }
        const char *name = tcp_option_name(op->kind);
        if (name)
            sb_s(o, name);
        else
            sb_printf(o, "unknown-%u", op->kind);
        option_body(c, t, op);
        if (op->status == OPT_BAD) {
            sb_s(o, k > 0 ? "[bad opt]]" : "[bad opt]");
            return false;
        }
        if (op->status == OPT_TRUNC) {
            line_trunc(c, c->proto, false);
            if (k > 0)
                sb_ch(o, '>');
            return false;
        }
        uint32_t expect = consumed(op->kind, op->len) + (op->kind > 1 ? 2u : 1u);
        if (expect != op->len)
            sb_printf(o, "[len %u]", op->len);
    }
    sb_ch(o, ']');
    return true;
}

static void rst_payload(struct lctx *c, const struct tcp *t)
{
    struct sb *o = c->o;
    sb_s(o, t->payload.len >= t->payload_len ? " [RST" : " [!RST");
    uint32_t n = t->payload_len;
    if (n > 30) {
        n = 30;
        sb_ch(o, '+');
    }
    sb_ch(o, ' ');
    for (uint32_t k = 0; k < n && k < t->payload.len; k++)
        safe_char(o, t->payload.p[k]);
    sb_ch(o, ']');
}

/* tcpdump's print_txt_line; returns the next index, 0 to stop. */
static uint32_t text_line(struct lctx *c, const char *prefix, const struct tcp *t, uint32_t idx)
{
    struct txt_line l = txt_line_at(t->payload, t->payload_len, idx);
    switch (l.end) {
    case TXT_LINE:
    case TXT_UNENDED:
        sb_s(c->o, prefix);
        sb_mem(c->o, t->payload.p + l.start, l.len);
        if (l.end == TXT_LINE)
            return l.next;
        line_trunc(c, "http", false);
        return 0;
    case TXT_CAPTURE:
        line_trunc(c, "http", true);
        return 0;
    default:
        return 0;
    }
}

static void http(struct lctx *c, const struct tcp *t)
{
    struct sb *o = c->o;
    bool message = http_starts_message(t->payload, t->payload_len);
    sb_s(o, ": HTTP");
    if (!message)
        return;
    if (!c->cfg->verbose) {
        text_line(c, ": ", t, 0);
        return;
    }
    sb_label_u32(o, ", length: ", t->payload_len);
    for (uint32_t idx = 0; idx < t->payload_len && !c->aborted;) {
        uint32_t next = text_line(c, "\n\t", t, idx);
        if (next == 0)
            break;
        idx = next;
    }
}

static bool port_is(const struct tcp *t, uint16_t port) { return t->sport == port || t->dport == port; }

/* HTTP gets the payload only if no printer tcpdump tries first claims it. */
static bool is_http(const struct tcp *t)
{
    static const uint16_t earlier[] = {23, 25, 43, 179, 1723, 6379, 22, 139, 445, 10288, 6633, 6653, 21};
    for (size_t k = 0; k < sizeof earlier / sizeof earlier[0]; k++)
        if (port_is(t, earlier[k]))
            return false;
    return port_is(t, 80) || port_is(t, 8080);
}

static void flags(struct sb *o, uint16_t f)
{
    static const char letters[] = "FSRP.UEW";
    sb_s(o, "Flags [");
    if ((f & 0xff) == 0)
        sb_s(o, "none");
    for (int b = 0; b < 8; b++)
        if (f & (1u << b))
            sb_ch(o, letters[b]);
    sb_ch(o, ']');
}

bool line_tcp(struct lctx *c, int i)
{
    const struct tcp *t = &c->p->layers[i].u.tcp;
    struct sb *o = c->o;
    int ip = c->p->ip_index;
    c->proto = "tcp";
    if (t->stop == TCP_PORTS_SHORT) {
        line_ip_addrs(c, ip, false);
        line_trunc(c, "tcp", false);
        return false;
    }
    line_ports(c, ip, P_TCP, t->sport, t->dport);
    if (t->stop == TCP_HDR_SHORT) {
        line_trunc(c, "tcp", false);
        return false;
    }
    uint32_t hlen = t->doff * 4u;
    if (t->stop == TCP_BAD_HLEN) {
        sb_printf(o, " tcp %u [bad hdr length %u - too short, < 20]", t->length - hlen, hlen);
        return false;
    }
    if (c->cfg->quiet) {
        sb_printf(o, "tcp %u", t->length - hlen);
        if (hlen > t->length)
            sb_printf(o, " [bad hdr length %u - too long, > %u]", hlen, t->length);
        return false;
    }
    flags(o, t->flags);
    if (hlen > t->length) {
        sb_printf(o, " [bad hdr length %u - too long, > %u]", hlen, t->length);
        return false;
    }
    if (c->cfg->verbose && t->cksum != CKSUM_UNCHECKED) {
        sb_s(o, ", cksum 0x");
        sb_hex(o, t->sum, 4);
        if (t->cksum == CKSUM_OK) {
            sb_s(o, " (correct)");
        } else {
            sb_s(o, " (incorrect -> 0x");
            sb_hex(o, t->sum_should, 4);
            sb_ch(o, ')');
        }
    }
    uint32_t len = t->payload_len;
    uint32_t seq = t->seq - (c->v->relative ? c->v->seq_sub : 0);
    if (c->cfg->verbose > 1 || len > 0 || (t->flags & (TH_SYN | TH_FIN | TH_RST))) {
        sb_s(o, ", seq ");
        sb_u32(o, seq);
        if (len > 0) {
            sb_ch(o, ':');
            sb_u32(o, seq + len);
        }
    }
    if (t->flags & TH_ACK) {
        sb_s(o, ", ack ");
        sb_u32(o, t->ack - (c->v->relative ? c->v->ack_sub : 0));
    }
    sb_s(o, ", win ");
    sb_u32(o, t->win);
    if (t->flags & TH_URG) {
        sb_s(o, ", urg ");
        sb_u32(o, t->urp);
    }
    if (hlen > 20 && !options(c, t))
        return false;
    sb_s(o, ", length ");
    sb_u32(o, len);
    if (len == 0)
        return false;
    if (t->cap_len < hlen) {
        sb_printf(o, " [remaining caplen(%u) < header length(%u)]", t->cap_len, hlen);
        line_trunc(c, c->proto, true);
        return false;
    }
    if ((t->flags & TH_RST) && c->cfg->verbose) {
        rst_payload(c, t);
        return false;
    }
    if (!c->cfg->forced_app && is_http(t))
        http(c, t);
    return false;
}
