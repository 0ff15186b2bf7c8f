/*
 * line.c - the frame part of tcpdump's line: packet number, capture-record
 * sanity checks, timestamp, the walk over the decoded layers, and the
 * -x/-X/-A dumps.  Each layer's part is printed by line_link.c, line_ip.c,
 * line_ip6.c, line_udp.c and line_tcp.c.
 */
#include "report/line_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/decode.h"
#include "report/hexdump.h"

#define MAXIMUM_SNAPLEN 262144u

struct line_printer {
    struct line_config cfg;
    struct sb *o;
    bool have_ref;
    int64_t ref_sec; /* -ttt / -ttttt reference, in output precision */
    int64_t ref_frac;
    int64_t cached_sec; /* last second formatted by localtime */
    char cached[32];
    bool cache_valid;
};

struct line_printer *line_new(const struct line_config *cfg, struct sb *out)
{
    struct line_printer *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->cfg = *cfg;
    lp->o = out;
    return lp;
}

void line_free(struct line_printer *lp) { free(lp); }

void line_trunc(struct lctx *c, const char *proto, bool abort)
{
    sb_s(c->o, " [|");
    sb_s(c->o, proto);
    sb_ch(c->o, ']');
    if (abort)
        c->aborted = true;
}

void line_default_print(struct lctx *c, struct bytes b)
{
    if (c->cfg->hex || c->cfg->hex_ascii || c->cfg->quiet)
        return; /* -x and -X dump the whole frame anyway; -q keeps lines short */
    hexdump_hex_ascii(c->o, "\n\t", b);
}

/* ---- timestamps ------------------------------------------------------- */

static void frac(struct sb *o, const struct line_config *cfg, uint32_t f)
{
    sb_ch(o, '.');
    sb_u32w(o, f, cfg->nano ? 9 : 6);
}

/* HH:MM:SS or YYYY-MM-DD HH:MM:SS of a local time, cached per second. */
static void local_clock(struct line_printer *lp, int64_t sec, bool date)
{
    if (!lp->cache_valid || lp->cached_sec != sec) {
        time_t t = (time_t)sec;
        struct tm tm;
        if (!localtime_r(&t, &tm)) {
            sb_s(lp->o, "[Error converting time]");
            return;
        }
        strftime(lp->cached, sizeof lp->cached, "%Y-%m-%d %H:%M:%S", &tm);
        lp->cached_sec = sec;
        lp->cache_valid = true;
    }
    sb_s(lp->o, date ? lp->cached : lp->cached + 11);
}

static void utc_clock(struct sb *o, int64_t sec)
{
    time_t t = (time_t)sec;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&t, &tm)) {
        sb_s(o, "[Error converting time]");
        return;
    }
    strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    sb_s(o, buf);
}

static void timestamp(struct line_printer *lp, const struct frame *f)
{
    const struct line_config *cfg = &lp->cfg;
    struct sb *o = lp->o;
    int64_t sec = f->ts_sec;
    uint32_t fr = (uint32_t)(cfg->nano ? f->ts_nsec : f->ts_nsec / 1000);
    uint32_t unit = cfg->nano ? 1000000000u : 1000000u;
    bool bad = ((uint64_t)sec & 0x80000000u) != 0;
    switch (cfg->time) {
    case TIME_NONE:
        return;
    case TIME_DEFAULT:
    case TIME_DATE:
        if (bad) {
            sb_s(o, "[Error converting time]");
        } else {
            local_clock(lp, sec, cfg->time == TIME_DATE);
            frac(o, cfg, fr);
        }
        break;
    case TIME_EPOCH:
        if (bad) {
            sb_s(o, "[Error converting time]");
        } else {
            sb_u32(o, (uint32_t)sec);
            frac(o, cfg, fr);
        }
        break;
    case TIME_DELTA:
    case TIME_SINCE: {
        /* signed, as libpcap hands a fraction field over 2^31 to tcpdump */
        int64_t sfr = cfg->nano ? f->ts_nsec : f->ts_nsec / 1000;
        if (!lp->have_ref && (sec != 0 || sfr != 0)) {
            lp->have_ref = true;
            lp->ref_sec = sec;
            lp->ref_frac = sfr;
        }
        bool neg = sec < lp->ref_sec || (sec == lp->ref_sec && sfr < lp->ref_frac);
        int64_t ds;
        int64_t df;
        if (neg) {
            ds = lp->ref_sec - sec;
            df = lp->ref_frac - sfr;
        } else {
            ds = sec - lp->ref_sec;
            df = sfr - lp->ref_frac;
        }
        if (df < 0) {
            ds--;
            df += unit;
        }
        sb_ch(o, neg ? '-' : ' ');
        if ((uint64_t)ds & 0x80000000u) {
            sb_s(o, "[Error converting time]");
        } else {
            utc_clock(o, ds);
            frac(o, cfg, (uint32_t)df);
        }
        if (cfg->time == TIME_DELTA) {
            lp->have_ref = sec != 0 || sfr != 0;
            lp->ref_sec = sec;
            lp->ref_frac = sfr;
        }
        break;
    }
    }
    sb_ch(o, ' ');
}

bool line_layers_from(struct lctx *c, int i)
{
    for (; i < c->p->nlayers; i++) {
        bool go;
        switch (c->p->layers[i].kind) {
        case LAYER_ETH:
            go = line_eth(c, i);
            break;
        case LAYER_SLL:
        case LAYER_SLL2:
            go = line_sll(c, i);
            break;
        case LAYER_NULL:
            go = line_null(c, i);
            break;
        case LAYER_RAW:
            go = line_raw(c, i);
            break;
        case LAYER_IPV4:
            go = line_ipv4(c, i);
            break;
        case LAYER_IPV6:
            go = line_ipv6(c, i);
            break;
        case LAYER_ARP:
            go = line_arp(c, i);
            break;
        case LAYER_LLC:
            go = line_llc(c, i);
            break;
        case LAYER_UDP:
            go = line_udp(c, i);
            break;
        case LAYER_TCP:
            go = line_tcp(c, i);
            break;
        case LAYER_PORTS:
            go = line_l4ports(c, i);
            break;
        default:
            go = true; /* VXLAN/Geneve are printed by line_udp */
            break;
        }
        if (!go)
            return false;
    }
    return true;
}

/* The capture-record checks tcpdump makes before decoding anything. */
static bool record_ok(struct sb *o, const struct frame *f)
{
    const char *sep = "[Invalid header:";
    bool bad = false;
    if (f->caplen == 0) {
        sb_s(o, "[Invalid header: caplen==0");
        sep = ",";
        bad = true;
    }
    if (f->wirelen == 0) {
        sb_s(o, sep);
        sb_s(o, " len==0");
        sep = ",";
        bad = true;
    } else if (f->wirelen < f->caplen) {
        sb_s(o, sep);
        sb_printf(o, " len(%u) < caplen(%u)", f->wirelen, f->caplen);
        sep = ",";
        bad = true;
    }
    if (f->caplen > MAXIMUM_SNAPLEN) {
        sb_s(o, sep);
        sb_printf(o, " caplen(%u) > %u", f->caplen, MAXIMUM_SNAPLEN);
        sep = ",";
        bad = true;
    }
    if (f->wirelen > MAXIMUM_SNAPLEN) {
        sb_s(o, sep);
        sb_printf(o, " len(%u) > %u", f->wirelen, MAXIMUM_SNAPLEN);
        bad = true;
    }
    if (bad)
        sb_s(o, "]\n");
    return !bad;
}

static void dumps(const struct line_config *cfg, struct sb *o, const struct frame *f,
                  uint32_t hdrlen)
{
    struct bytes all = {f->data, f->caplen};
    struct bytes net = {f->data + (hdrlen < f->caplen ? hdrlen : f->caplen),
                        f->caplen > hdrlen ? f->caplen - hdrlen : 0};
    if (cfg->hex_ascii)
        hexdump_hex_ascii(o, "\n\t", cfg->hex_ascii > 1 ? all : net);
    else if (cfg->hex)
        hexdump_hex(o, "\n\t", cfg->hex > 1 ? all : net);
    else if (cfg->ascii && (cfg->ascii > 1 || f->caplen > hdrlen))
        hexdump_ascii(o, cfg->ascii > 1 ? all : net);
}

void line_frame(struct line_printer *lp, const struct frame *f, const struct pkt *p,
                const struct seg_view *v)
{
    struct sb *o = lp->o;
    if (lp->cfg.number) {
        uint64_t n = f->num;
        char pad[8] = "     ";
        int digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
        sb_mem(o, pad, (size_t)(5 - digits));
        sb_u32(o, (uint32_t)n);
        sb_s(o, "  ");
    }
    if (!record_ok(o, f))
        return;
    timestamp(lp, f);
    struct lctx c = {&lp->cfg, o, p, v, false, ""};
    if (!decode_linktype_supported(f->linktype)) {
        sb_printf(o, "[unsupported link type %d]", f->linktype);
    } else {
        line_layers_from(&c, 0);
    }
    dumps(&lp->cfg, o, f, c.aborted ? 0 : p->link_hdr_len);
    sb_ch(o, '\n');
}
