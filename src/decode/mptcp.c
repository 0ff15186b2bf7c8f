/* mptcp.c - Multipath TCP option subtypes (RFC 8684 section 3). */
#include "decode/mptcp.h"

#include <string.h>

#define SYN 0x02
#define ACK 0x10

static void capable(struct mptcp_opt *m, struct rd *r, uint16_t fl)
{
    uint8_t n = m->len;
    bool syn_form = (n == 12 || n == 4) && (fl & SYN);
    bool ack_form = (n == 20 || n == 22) && (fl & (SYN | ACK)) == ACK;
    if (!syn_form && !ack_form)
        return;
    m->valid = true;
    m->version = rd_u8(r) & 0x0f;
    m->flags = rd_u8(r);
    m->nkeys = n == 12 ? 1 : n >= 20 ? 2 : 0;
    for (int i = 0; i < m->nkeys; i++)
        m->key[i] = rd_be64(r);
}

static void join(struct mptcp_opt *m, struct rd *r, uint16_t fl)
{
    uint8_t n = m->len;
    if (!(n == 12 && (fl & SYN)) && !(n == 16 && (fl & (SYN | ACK)) == (SYN | ACK)) &&
        !(n == 24 && (fl & ACK)))
        return;
    m->valid = true;
    m->flags = rd_u8(r);
    m->addr_id = rd_u8(r);
    if (n == 12) {
        m->token = rd_be32(r);
        m->nonce = rd_be32(r);
    } else if (n == 16) {
        m->hmac = rd_be64(r);
        m->nonce = rd_be32(r);
    } else {
        m->mac = rd_bytes(r, 20);
    }
}

/* Read a 4- or 8-byte DSS number; false if the option is too short. */
static bool dss_number(struct rd *r, uint32_t *left, bool wide, uint64_t *v)
{
    uint32_t n = wide ? 8 : 4;
    if (*left < n)
        return false;
    *v = wide ? rd_be64(r) : rd_be32(r);
    *left -= n;
    return true;
}

static void dss(struct mptcp_opt *m, struct rd *r, uint16_t fl)
{
    if (m->len < 4 || (fl & SYN))
        return;
    rd_skip(r, 1);
    m->flags = rd_u8(r);
    uint32_t left = m->len - 4u;
    m->dss_parts = 0;
    if (m->flags & 0x01) { /* A: data ack present, a: 8 bytes */
        if (!dss_number(r, &left, m->flags & 0x02, &m->ack))
            return;
        m->dss_parts = DSS_ACK + 1;
    }
    if (m->flags & 0x04) { /* M: mapping present, m: 8-byte DSN */
        m->dss_parts = DSS_ACK + 1;
        if (!dss_number(r, &left, m->flags & 0x08, &m->seq))
            return;
        m->dss_parts = DSS_SEQ + 1;
        if (left < 4)
            return;
        m->subseq = rd_be32(r);
        left -= 4;
        m->dss_parts = DSS_SUBSEQ + 1;
        if (left < 2)
            return;
        m->dlen = rd_be16(r);
        left -= 2;
        m->dss_parts = DSS_DLEN + 1;
        if (left >= 2) {
            m->csum = rd_be16(r);
            left -= 2;
            m->dss_parts = DSS_CSUM + 1;
        }
    }
    m->valid = left == 0;
}

static void add_addr(struct mptcp_opt *m, struct rd *r)
{
    uint8_t n = m->len;
    bool v4 = n == 8 || n == 10 || n == 16 || n == 18;
    bool v6 = n == 20 || n == 22 || n == 28 || n == 30;
    if (!v4 && !v6)
        return;
    m->valid = true;
    m->echo_bits = rd_u8(r) & 0x0f;
    m->addr_id = rd_u8(r);
    memset(&m->addr, 0, sizeof m->addr);
    m->addr.family = v4 ? 4 : 6;
    rd_copy(r, m->addr.b, v4 ? 4 : 16);
    m->has_port = n == 10 || n == 18 || n == 22 || n == 30;
    if (m->has_port)
        m->port = rd_be16(r);
    m->has_hmac = n == 16 || n == 18 || n == 28 || n == 30;
    if (m->has_hmac)
        m->hmac = rd_be64(r);
}

void mptcp_decode(struct bytes data, uint8_t len, uint16_t tcp_flags, struct mptcp_opt *out)
{
    struct rd r = rd_make(data.p, data.len);
    memset(out, 0, sizeof *out);
    out->len = len;
    if (len < 3)
        return;
    out->header_ok = true;
    uint8_t sub = rd_peek(&r, 0) >> 4;
    out->subtype = sub > MP_FASTCLOSE ? MP_UNKNOWN : sub;
    switch (out->subtype) {
    case MP_CAPABLE:
        capable(out, &r, tcp_flags);
        break;
    case MP_JOIN:
        join(out, &r, tcp_flags);
        break;
    case MP_DSS:
        dss(out, &r, tcp_flags);
        break;
    case MP_ADD_ADDR:
        add_addr(out, &r);
        break;
    case MP_REMOVE_ADDR:
        if (len < 4)
            return;
        out->valid = true;
        rd_skip(&r, 1);
        out->ids = rd_bytes(&r, len - 3u);
        break;
    case MP_PRIO:
        if (len != 3 && len != 4)
            return;
        out->valid = true;
        out->flags = rd_u8(&r);
        out->has_id = len == 4;
        out->addr_id = rd_u8(&r);
        break;
    case MP_FAIL:
    case MP_FASTCLOSE:
        if (len != 12)
            return;
        out->valid = true;
        rd_skip(&r, 2);
        out->key[0] = rd_be64(&r);
        break;
    default:
        out->valid = true;
        break;
    }
}
