/*
 * gen.c - benchmark capture generator for tcplens.
 *
 * Writes a classic pcap file (magic 0xa1b2c3d4, version 2.4, snaplen
 * 262144, linktype 1 / EN10MB, little-endian) holding COUNT synthetic
 * Ethernet+IPv4/IPv6+TCP packets.  Libpcap is not used.
 *
 * The traffic is many interleaved connections (a few hundred to about two
 * thousand open at any time, ~75% IPv4 / 25% IPv6), shaped like a busy
 * server capture: about 23 packets and 330 bytes per packet on average
 * (3M packets: ~1 GB, ~130,000 connections).  Each connection lives a
 * realistic life: SYN and SYN/ACK with MSS, SACK-permitted, timestamp, NOP
 * and window-scale options, the final handshake ACK, then a few small
 * request/response exchanges (most fit one segment each way; a few
 * connections carry bulk transfers of up to ~500 KB, in either direction),
 * segments up to MSS minus 12 bytes, delayed ACKs every second segment,
 * advancing TCP timestamps, and about 1.5% segment loss: the lost segment
 * is followed by duplicate ACKs carrying SACK blocks and then a
 * retransmission of the same sequence range (or, with too few segments
 * behind it for three duplicate ACKs, a timeout retransmission).
 * Connections end with a four-way, three-way or simultaneous FIN exchange
 * or an RST abort; a few are refused (SYN answered by RST/ACK) and some are
 * left open, silent.  IPv4 header and TCP checksums are correct.  Packet
 * timestamps increase by 1..60 microseconds per packet.
 *
 * With -f, the file is instead a SYN flood: COUNT SYNs (1..3 microseconds
 * apart) from COUNT distinct spoofed sources (a quarter IPv6) to a few
 * servers, never answered; every packet is a new 4-tuple.
 *
 * The output is fully determined by COUNT and SEED (splitmix64 PRNG).
 *
 * Usage: gen [-f] [-n COUNT] [-s SEED] OUT.pcap  (default COUNT 1200000)
 * OUT.pcap may be /dev/stdout (or -) to stream the capture.
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -o gen gen.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_COUNT 1200000ull
#define SNAPLEN 262144u
#define OUTBUF_SIZE (8u << 20)
#define MAX_FRAME 2048u         /* upper bound of one record + headers */
#define QCAP 128                /* per-connection planned-packet queue */
#define MAX_BURST 32            /* data segments planned at once */
#define PAT_LEN 8192u           /* payload pattern period */
#define N_CLIENTS4 256
#define N_CLIENTS6 64
#define N_SERVERS4 48
#define N_SERVERS6 16
#define LOSS_PER_10K 150        /* 1.5% of data segments are "lost" */
#define MAX_ACTIVE 4096         /* cap on concurrently open connections */

enum { FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10 };
enum { OPT_NONE, OPT_SYN, OPT_TS, OPT_SACK };
enum { PH_OPEN, PH_DATA, PH_CLOSE, PH_DONE };
enum { CL_FOUR, CL_THREE, CL_SIMUL, CL_RST, CL_IDLE };

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64                                                    */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t rnd_below(uint32_t n)
{
    return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

static int chance(uint32_t per_10k)
{
    return rnd_below(10000) < per_10k;
}

/* ------------------------------------------------------------------ */
/* Output buffer and byte helpers                                      */

static FILE *out_fp;
static uint8_t *out_buf;
static size_t out_len;

static void out_flush(void)
{
    if (out_len && fwrite(out_buf, 1, out_len, out_fp) != out_len) {
        perror("gen: write");
        exit(1);
    }
    out_len = 0;
}

static uint8_t *out_reserve(size_t n)
{
    if (out_len + n > OUTBUF_SIZE)
        out_flush();
    uint8_t *p = out_buf + out_len;
    out_len += n;
    return p;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    put_be16(p, (uint16_t)(v >> 16));
    put_be16(p + 2, (uint16_t)v);
}

static void write_file_header(void)
{
    uint8_t *h = out_reserve(24);
    put_le32(h, 0xa1b2c3d4u);
    put_le16(h + 4, 2);
    put_le16(h + 6, 4);
    put_le32(h + 8, 0);          /* thiszone */
    put_le32(h + 12, 0);         /* sigfigs */
    put_le32(h + 16, SNAPLEN);
    put_le32(h + 20, 1);         /* LINKTYPE_ETHERNET */
}

/* ------------------------------------------------------------------ */
/* Internet checksum (RFC 1071).  Summing native-order words and       */
/* storing the folded result in native order is byte-order neutral.    */

static uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t n)
{
    uint32_t w;
    for (; n >= 4; p += 4, n -= 4) {
        memcpy(&w, p, 4);
        sum += w;
    }
    if (n >= 2) {
        uint16_t h;
        memcpy(&h, p, 2);
        sum += h;
        p += 2;
        n -= 2;
    }
    if (n) {
        uint8_t last[2] = { p[0], 0 };
        uint16_t h;
        memcpy(&h, last, 2);
        sum += h;
    }
    return sum;
}

static void csum_store(uint8_t *field, uint64_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    uint16_t c = (uint16_t)~sum;
    memcpy(field, &c, 2);
}

/* ------------------------------------------------------------------ */
/* Hosts, endpoints, connections                                       */

struct host {
    uint8_t addr[16];
    uint8_t mac[6];
    uint8_t ttl;
    uint16_t next_port;         /* clients: next ephemeral port */
};

struct endpoint {
    const struct host *host;
    uint16_t port, ip_id, win, mss;
    uint32_t isn, nxt, ts_off, last_tsval, flow;
    uint8_t wscale;
};

struct pkt {
    uint32_t seq, ack, sack_l, sack_r;
    uint32_t delay_us;          /* minimum gap after the previous packet */
    uint8_t prompt;             /* sent right after the previous packet */
    uint16_t len, win;
    uint8_t dir, flags, opt;
};

struct conn {
    struct endpoint ep[2];      /* 0 = client, 1 = server */
    int v6, phase, close_kind, refused, exchanges, xfer_dir, bulk;
    uint32_t left, resp;        /* bytes left in current / next message */
    uint64_t ready_us;          /* earliest time of the next packet */
    int qhead, qlen;
    struct pkt q[QCAP];
};

struct loss {
    int active, dups;
    uint32_t seq;
    uint16_t len;
};

static struct host clients4[N_CLIENTS4], clients6[N_CLIENTS6];
static struct host servers4[N_SERVERS4], servers6[N_SERVERS6];
static const uint16_t server_ports[] = { 443, 443, 443, 443, 8443, 5432,
                                         3306, 9092, 8000, 993 };
static const uint8_t gw_mac[6] = { 0x00, 0x1c, 0x73, 0x2a, 0x10, 0x01 };
static uint8_t pattern[PAT_LEN + 1500];
static uint64_t now_us;

static void init_host(struct host *h, int v6, int server, uint32_t idx)
{
    memset(h, 0, sizeof *h);
    if (v6) {
        static const uint8_t pfx[2][6] = {
            { 0x20, 0x01, 0x0d, 0xb8, 0x0a, 0x00 },   /* clients */
            { 0x20, 0x01, 0x0d, 0xb8, 0xbe, 0xef } }; /* servers */
        memcpy(h->addr, pfx[server], 6);
        for (int i = 8; i < 16; i++)
            h->addr[i] = (uint8_t)rnd();
    } else if (server) {
        put_be32(h->addr, 0x5db80000u + (idx << 8) + 10 + rnd_below(200));
    } else {
        put_be32(h->addr, 0x0a000000u | (rnd_below(4) << 16) |
                          (idx << 8) | (2 + rnd_below(250)));
    }
    h->mac[0] = 0x02;                   /* locally administered */
    for (int i = 1; i < 6; i++)
        h->mac[i] = (uint8_t)rnd();
    h->ttl = server ? (uint8_t)(64 - 4 - rnd_below(14)) : 64;
    h->next_port = (uint16_t)(32768 + rnd_below(28000));
}

static void init_world(void)
{
    for (uint32_t i = 0; i < N_CLIENTS4; i++)
        init_host(&clients4[i], 0, 0, i);
    for (uint32_t i = 0; i < N_CLIENTS6; i++)
        init_host(&clients6[i], 1, 0, i);
    for (uint32_t i = 0; i < N_SERVERS4; i++)
        init_host(&servers4[i], 0, 1, i);
    for (uint32_t i = 0; i < N_SERVERS6; i++)
        init_host(&servers6[i], 1, 1, i);
    for (size_t i = 0; i < sizeof pattern; i++)
        pattern[i] = (uint8_t)rnd();
}

static uint16_t client_port(struct host *h)
{
    uint16_t p = h->next_port;
    h->next_port = (uint16_t)(p + 1 + rnd_below(7));
    if (h->next_port > 60999)
        h->next_port = (uint16_t)(32768 + rnd_below(64));
    return p;
}

static void init_endpoint(struct endpoint *e, const struct host *h,
                          uint16_t port, int v6)
{
    memset(e, 0, sizeof *e);
    e->host = h;
    e->port = port;
    e->ip_id = (uint16_t)rnd();
    e->mss = v6 ? 1440 : 1460;
    e->win = (uint16_t)(400 + rnd_below(3000));
    e->isn = (uint32_t)rnd();
    e->ts_off = (uint32_t)rnd();
    e->flow = rnd_below(1u << 20);
    e->wscale = (uint8_t)(7 + rnd_below(3));
}

/* Small message: most fit one segment, some take a few. */
static uint32_t msg_size_small(void)
{
    if (chance(8500))
        return 40 + rnd_below(500);
    return 540 + rnd_below(3000);
}

/* Bulk message: log-uniform-ish 8 KB..256 KB. */
static uint32_t msg_size_bulk(void)
{
    uint32_t base = 8192u << rnd_below(5);
    return base + rnd_below(base);
}

static struct conn *conn_new(void)
{
    struct conn *c = calloc(1, sizeof *c);
    if (!c) {
        perror("gen: calloc");
        exit(1);
    }
    c->v6 = chance(2500);
    struct host *cl = c->v6 ? &clients6[rnd_below(N_CLIENTS6)]
                            : &clients4[rnd_below(N_CLIENTS4)];
    struct host *sv = c->v6 ? &servers6[rnd_below(N_SERVERS6)]
                            : &servers4[rnd_below(N_SERVERS4)];
    uint16_t sport = server_ports[rnd_below(sizeof server_ports /
                                            sizeof server_ports[0])];
    init_endpoint(&c->ep[0], cl, client_port(cl), c->v6);
    init_endpoint(&c->ep[1], sv, sport, c->v6);
    c->refused = chance(250);
    c->exchanges = 1 + (int)rnd_below(chance(7000) ? 5 : 12);
    c->bulk = chance(150);
    uint32_t r = rnd_below(100);
    c->close_kind = r < 55 ? CL_FOUR : r < 80 ? CL_THREE
                  : r < 85 ? CL_SIMUL : r < 97 ? CL_RST : CL_IDLE;
    return c;
}

/* ------------------------------------------------------------------ */
/* Planning: each connection queues its next few packets               */

static struct pkt *push(struct conn *c, int dir, uint8_t flags,
                        uint32_t seq, uint32_t ack, uint16_t len, int opt)
{
    if (c->qlen >= QCAP) {
        fprintf(stderr, "gen: internal error: queue overflow\n");
        exit(1);
    }
    struct pkt *p = &c->q[c->qlen++];
    memset(p, 0, sizeof *p);
    p->dir = (uint8_t)dir;
    p->flags = flags;
    p->seq = seq;
    p->ack = ack;
    p->len = len;
    p->opt = (uint8_t)opt;
    p->win = c->ep[dir].win;
    return p;
}

/* Pure cumulative ACK from side r; the window sometimes moves. */
static void push_ack(struct conn *c, int r)
{
    struct endpoint *e = &c->ep[r];
    if (chance(1200))
        e->win = (uint16_t)(400 + rnd_below(3000));
    push(c, r, ACK, e->nxt, c->ep[!r].nxt, 0, OPT_TS);
}

static void plan_open(struct conn *c)
{
    struct endpoint *cl = &c->ep[0], *sv = &c->ep[1];
    push(c, 0, SYN, cl->isn, 0, 0, OPT_SYN)->win =
        c->v6 ? 64800 : 64240;
    cl->nxt = cl->isn + 1;
    if (c->refused) {
        push(c, 1, RST | ACK, 0, cl->nxt, 0, OPT_NONE)->win = 0;
        c->phase = PH_DONE;
        return;
    }
    push(c, 1, SYN | ACK, sv->isn, cl->nxt, 0, OPT_SYN)->win =
        c->v6 ? 64800 : 65160;
    sv->nxt = sv->isn + 1;
    push(c, 0, ACK, cl->nxt, sv->nxt, 0, OPT_TS);
    c->phase = PH_DATA;
}

static void start_exchange(struct conn *c)
{
    c->exchanges--;
    c->xfer_dir = 0;
    if (c->bulk && chance(2000)) {      /* upload */
        c->left = msg_size_bulk();
        c->resp = 20 + rnd_below(300);
    } else {                            /* request / response */
        c->left = 40 + rnd_below(400);
        c->resp = c->bulk && chance(5000) ? msg_size_bulk()
                                          : msg_size_small();
    }
}

static uint16_t seg_len(const struct conn *c, const struct endpoint *s)
{
    uint32_t full = (uint32_t)s->mss - 12u;
    uint32_t n = chance(1000) ? 100 + rnd_below(full - 100) : full;
    return (uint16_t)(n < c->left ? n : c->left);
}

static void dup_ack(struct conn *c, int r, const struct loss *l)
{
    struct pkt *p = push(c, r, ACK, c->ep[r].nxt, l->seq, 0, OPT_SACK);
    p->sack_l = l->seq + l->len;
    p->sack_r = c->ep[!r].nxt;
}

/* After dup ACKs (fast) or, with rto set, after a retransmission timeout. */
static void retransmit(struct conn *c, int s, struct loss *l, int rto)
{
    struct pkt *p = push(c, s, ACK | PSH, l->seq, c->ep[!s].nxt, l->len,
                         OPT_TS);
    if (rto)
        p->delay_us = 200000 + rnd_below(150000);
    else
        p->prompt = 1;
    push_ack(c, !s);
    l->active = 0;
}

/* Plan one burst of data segments from c->xfer_dir, with ACKs and loss. */
static void plan_burst(struct conn *c)
{
    int s = c->xfer_dir, r = !s, unacked = 0;
    uint32_t nseg = 1 + rnd_below(MAX_BURST);
    struct loss l = { 0, 0, 0, 0 };
    for (uint32_t i = 0; i < nseg && c->left > 0; i++) {
        struct endpoint *se = &c->ep[s];
        uint16_t len = seg_len(c, se);
        uint8_t fl = ACK | (len == c->left || chance(300) ? PSH : 0);
        push(c, s, fl, se->nxt, c->ep[r].nxt, len, OPT_TS);
        uint32_t seq = se->nxt;
        se->nxt += len;
        c->left -= len;
        if (l.active) {
            dup_ack(c, r, &l);
            if (++l.dups == 3)
                retransmit(c, s, &l, 0);
        } else if (chance(LOSS_PER_10K)) {
            l = (struct loss){ 1, 0, seq, len };
            unacked = 0;
        } else if (++unacked == 2) {
            push_ack(c, r);
            unacked = 0;
        }
    }
    if (l.active)                       /* timeout-driven retransmission */
        retransmit(c, s, &l, 1);
    else if (unacked && (c->left > 0 || c->resp == 0))
        push_ack(c, r);                 /* else piggybacked on response */
    if (c->left == 0 && c->resp > 0) {
        c->left = c->resp;
        c->resp = 0;
        c->xfer_dir = 1;
    }
}

static void plan_data(struct conn *c)
{
    if (c->left == 0) {
        if (c->exchanges == 0) {
            c->phase = PH_CLOSE;
            return;
        }
        start_exchange(c);
    }
    plan_burst(c);
}

static void push_fin(struct conn *c, int a)
{
    push(c, a, FIN | ACK, c->ep[a].nxt, c->ep[!a].nxt, 0, OPT_TS);
    c->ep[a].nxt++;
}

static void plan_close(struct conn *c)
{
    int a = chance(6000) ? 0 : 1, b = !a;
    switch (c->close_kind) {
    case CL_FOUR:
        push_fin(c, a);
        push_ack(c, b);
        push_fin(c, b);
        push_ack(c, a);
        break;
    case CL_THREE:
        push_fin(c, a);
        push_fin(c, b);
        push_ack(c, a);
        break;
    case CL_SIMUL: {                    /* the FINs cross on the wire */
        uint32_t an = c->ep[a].nxt, bn = c->ep[b].nxt;
        push(c, a, FIN | ACK, an, bn, 0, OPT_TS);
        push(c, b, FIN | ACK, bn, an, 0, OPT_TS)->prompt = 1;
        c->ep[a].nxt++;
        c->ep[b].nxt++;
        push_ack(c, a);
        push_ack(c, b);
        c->q[c->qlen - 1].prompt = 1;
        break;
    }
    case CL_RST:
        push(c, a, RST | ACK, c->ep[a].nxt, c->ep[b].nxt, 0, OPT_NONE);
        break;
    default:                            /* CL_IDLE: stays open, silent */
        break;
    }
    c->phase = PH_DONE;
}

/* The connection's next packet, planning more if needed; NULL when done. */
static struct pkt *conn_peek(struct conn *c)
{
    while (c->qhead == c->qlen) {
        c->qhead = c->qlen = 0;
        switch (c->phase) {
        case PH_OPEN:  plan_open(c);  break;
        case PH_DATA:  plan_data(c);  break;
        case PH_CLOSE: plan_close(c); break;
        default:       return NULL;
        }
    }
    return &c->q[c->qhead];
}

/* ------------------------------------------------------------------ */
/* Packet encoding                                                     */

static size_t tcp_options(uint8_t *o, const struct pkt *p,
                          const struct endpoint *s, const struct endpoint *r)
{
    static const uint8_t nop2[2] = { 1, 1 };
    switch (p->opt) {
    case OPT_SYN:
        o[0] = 2; o[1] = 4; put_be16(o + 2, s->mss);
        o[4] = 4; o[5] = 2;
        o[6] = 8; o[7] = 10; put_be32(o + 8, s->last_tsval);
        put_be32(o + 12, (p->flags & ACK) ? r->last_tsval : 0);
        o[16] = 1; o[17] = 3; o[18] = 3; o[19] = s->wscale;
        return 20;
    case OPT_TS:
    case OPT_SACK:
        memcpy(o, nop2, 2);
        o[2] = 8; o[3] = 10;
        put_be32(o + 4, s->last_tsval);
        put_be32(o + 8, r->last_tsval);
        if (p->opt == OPT_TS)
            return 12;
        memcpy(o + 12, nop2, 2);
        o[14] = 5; o[15] = 10;
        put_be32(o + 16, p->sack_l);
        put_be32(o + 20, p->sack_r);
        return 24;
    default:
        return 0;
    }
}

static size_t tcp_header(uint8_t *t, const struct pkt *p,
                         const struct endpoint *s, const struct endpoint *r)
{
    size_t olen = tcp_options(t + 20, p, s, r);
    size_t hlen = 20 + olen;
    put_be16(t, s->port);
    put_be16(t + 2, r->port);
    put_be32(t + 4, p->seq);
    put_be32(t + 8, (p->flags & ACK) ? p->ack : 0);
    t[12] = (uint8_t)((hlen / 4) << 4);
    t[13] = p->flags;
    put_be16(t + 14, p->win);
    put_be16(t + 16, 0);                /* checksum, filled in later */
    put_be16(t + 18, 0);                /* urgent pointer */
    return hlen;
}

static size_t ip4_header(uint8_t *h, struct endpoint *s,
                         const struct endpoint *r, size_t tcp_len)
{
    h[0] = 0x45;
    h[1] = 0;
    put_be16(h + 2, (uint16_t)(20 + tcp_len));
    put_be16(h + 4, s->ip_id++);
    put_be16(h + 6, 0x4000);            /* DF */
    h[8] = s->host->ttl;
    h[9] = 6;
    put_be16(h + 10, 0);
    memcpy(h + 12, s->host->addr, 4);
    memcpy(h + 16, r->host->addr, 4);
    csum_store(h + 10, csum_add(0, h, 20));
    return 20;
}

static size_t ip6_header(uint8_t *h, const struct endpoint *s,
                         const struct endpoint *r, size_t tcp_len)
{
    put_be32(h, 0x60000000u | s->flow);
    put_be16(h + 4, (uint16_t)tcp_len);
    h[6] = 6;
    h[7] = s->host->ttl;
    memcpy(h + 8, s->host->addr, 16);
    memcpy(h + 24, r->host->addr, 16);
    return 40;
}

static void tcp_checksum(uint8_t *tcp, size_t tcp_len, int v6,
                         const struct endpoint *s, const struct endpoint *r)
{
    uint8_t ph[40];
    size_t alen = v6 ? 16 : 4, n = 2 * alen;
    memcpy(ph, s->host->addr, alen);
    memcpy(ph + alen, r->host->addr, alen);
    if (v6) {
        put_be32(ph + n, (uint32_t)tcp_len);
        put_be32(ph + n + 4, 6);
        n += 8;
    } else {
        ph[n] = 0;
        ph[n + 1] = 6;
        put_be16(ph + n + 2, (uint16_t)tcp_len);
        n += 4;
    }
    csum_store(tcp + 16, csum_add(csum_add(0, ph, n), tcp, tcp_len));
}

static void emit(struct conn *c, const struct pkt *p)
{
    struct endpoint *s = &c->ep[p->dir], *r = &c->ep[!p->dir];
    uint8_t *rec = out_reserve(MAX_FRAME), *eth = rec + 16;
    uint8_t *ip = eth + 14, *tcp = ip + (c->v6 ? 40 : 20);
    s->last_tsval = s->ts_off + (uint32_t)(now_us / 1000);
    memcpy(eth, p->dir ? gw_mac : r->host->mac, 6);
    memcpy(eth + 6, p->dir ? s->host->mac : gw_mac, 6);
    put_be16(eth + 12, c->v6 ? 0x86dd : 0x0800);
    size_t thl = tcp_header(tcp, p, s, r), tlen = thl + p->len;
    uint32_t off = (p->seq - s->isn - 1) % PAT_LEN;
    memcpy(tcp + thl, pattern + off, p->len);
    size_t iplen = c->v6 ? ip6_header(ip, s, r, tlen)
                         : ip4_header(ip, s, r, tlen);
    tcp_checksum(tcp, tlen, c->v6, s, r);
    uint32_t caplen = (uint32_t)(14 + iplen + tlen);
    put_le32(rec, (uint32_t)(now_us / 1000000));
    put_le32(rec + 4, (uint32_t)(now_us % 1000000));
    put_le32(rec + 8, caplen);
    put_le32(rec + 12, caplen);
    out_len -= MAX_FRAME - (16 + caplen);   /* give back unused space */
}

/* ------------------------------------------------------------------ */
/* Scheduler                                                           */

static struct conn **active;
static uint32_t n_active, n_peak;
static uint64_t n_conns;

static void open_conn(void)
{
    if (n_active == MAX_ACTIVE)
        return;
    active[n_active++] = conn_new();
    n_conns++;
    if (n_active > n_peak)
        n_peak = n_active;
}

static void close_conn(uint32_t i)
{
    free(active[i]);
    active[i] = active[--n_active];
}

/* A random connection whose next packet is due; retires finished ones.
 * If several picks in a row are still waiting (e.g. for a retransmission
 * timeout while few connections are open), time jumps ahead instead.
 * A packet marked prompt is sent right after its predecessor. */
static struct conn *pick_conn(struct conn *last)
{
    if (last && last->qhead < last->qlen && last->q[last->qhead].prompt)
        return last;
    for (int tries = 0;; tries++) {
        if (n_active == 0)
            open_conn();
        uint32_t k = rnd_below(n_active);
        struct conn *c = active[k];
        struct pkt *p = conn_peek(c);
        if (!p) {
            close_conn(k);
            continue;
        }
        uint64_t due = c->ready_us + p->delay_us;
        if (due <= now_us)
            return c;
        if (tries >= 8) {
            now_us = due;
            return c;
        }
    }
}

static void generate(uint64_t count)
{
    uint32_t target = 0;
    struct conn *c = NULL;
    active = malloc(MAX_ACTIVE * sizeof *active);
    if (!active) {
        perror("gen: malloc");
        exit(1);
    }
    for (uint64_t i = 0; i < count; i++) {
        if (i % 20000 == 0)
            target = 300 + rnd_below(1700);
        if (n_active == 0 || (n_active < target && i % 2 == 0))
            open_conn();
        c = pick_conn(c);
        now_us += 1 + rnd_below(60);
        emit(c, &c->q[c->qhead++]);
        c->ready_us = now_us;
    }
}

/* ------------------------------------------------------------------ */
/* SYN flood (-f)                                                      */

/* Source i of COUNT: an address no other i has (multiplying by an odd
 * number permutes the 24-bit or 64-bit index space), a random port. */
static void flood_source(struct host *h, uint64_t i, int v6)
{
    memset(h->addr, 0, sizeof h->addr);
    if (v6) {
        static const uint8_t pfx[8] = { 0x20, 0x01, 0x0d, 0xb8,
                                        0xf1, 0x00, 0x00, 0x00 };
        uint64_t x = i * 0x9e3779b97f4a7c15ull;
        memcpy(h->addr, pfx, 8);
        for (int k = 0; k < 8; k++)
            h->addr[8 + k] = (uint8_t)(x >> (8 * k));
    } else {                            /* 100.64.0.0/10, 4M addresses */
        uint32_t x = (uint32_t)(i * 2654435761u) & 0x3fffffu;
        put_be32(h->addr, 0x64400000u | x);
    }
}

static void flood(uint64_t count)
{
    static struct conn c;
    static struct host src;
    src.ttl = 52;
    for (uint64_t i = 0; i < count; i++) {
        int v6 = i % 4 == 3;
        /* v4 and v6 sources are counted apart so that each stays unique */
        flood_source(&src, v6 ? i / 4 : i - i / 4, v6);
        struct host *sv = v6 ? &servers6[i % 3] : &servers4[i % 3];
        c.v6 = v6;
        init_endpoint(&c.ep[0], &src, (uint16_t)(1024 + rnd_below(64511)),
                      v6);
        init_endpoint(&c.ep[1], sv, i % 2 ? 443 : 80, v6);
        struct pkt p = { 0 };
        p.dir = 0;
        p.flags = SYN;
        p.seq = c.ep[0].isn;
        p.win = 1024 + (uint16_t)rnd_below(64000);
        p.opt = i % 2 ? OPT_SYN : OPT_NONE;
        now_us += 1 + rnd_below(3);
        emit(&c, &p);
    }
    n_conns = count;
}

/* ------------------------------------------------------------------ */

static void usage(void)
{
    fprintf(stderr, "usage: gen [-f] [-n COUNT] [-s SEED] OUT.pcap\n");
    exit(2);
}

static uint64_t parse_num(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (!*s || *end)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    uint64_t count = DEFAULT_COUNT, seed = 1;
    const char *path = NULL;
    int syn_flood = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f"))
            syn_flood = 1;
        else if (!strcmp(argv[i], "-n") && i + 1 < argc)
            count = parse_num(argv[++i]);
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            seed = parse_num(argv[++i]);
        else if ((argv[i][0] == '-' && argv[i][1]) || path)
            usage();
        else
            path = argv[i];
    }
    if (!path)
        usage();
    out_fp = strcmp(path, "-") ? fopen(path, "wb") : stdout;
    out_buf = malloc(OUTBUF_SIZE);
    if (!out_fp || !out_buf) {
        perror(path);
        return 1;
    }
    rng_state = seed;
    now_us = (1700000000ull + rnd_below(1000000)) * 1000000ull;
    init_world();
    write_file_header();
    if (syn_flood)
        flood(count);
    else
        generate(count);
    out_flush();
    if (fclose(out_fp) != 0) {
        perror(path);
        return 1;
    }
    if (syn_flood)
        fprintf(stderr, "gen: %llu packets, %llu connections (SYN flood) "
                "-> %s\n", (unsigned long long)count,
                (unsigned long long)n_conns, path);
    else
        fprintf(stderr, "gen: %llu packets, %llu connections (peak %u open, "
                "%u open at end) -> %s\n", (unsigned long long)count,
                (unsigned long long)n_conns, n_peak, n_active, path);
    return 0;
}
