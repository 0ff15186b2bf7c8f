/*
 * line.c - the frame part of tcpdump's line: packet number, capture-record
 * sanity checks, timestamp, the link-layer printers (Ethernet with VLAN
 * tags, Linux cooked v1/v2, BSD loopback, raw IP), and the -x/-X/-A dumps.
 * Network and transport layers are in line_net.c and line_tcp.c.
 */
#include "report/line_int.h"

#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/decode.h"
#include "report/hexdump.h"
#include "report/names.h"

#define MAXIMUM_SNAPLEN 262144u

struct line_printer {
    struct line_config cfg;
    struct sb *o;
    bool have_ref;
    int64_t ref_sec; /* -ttt / -ttttt reference, in output precision */
    uint32_t ref_frac;
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
        if (!lp->have_ref && (sec != 0 || fr != 0)) {
            lp->have_ref = true;
            lp->ref_sec = sec;
            lp->ref_frac = fr;
        }
        bool neg = sec < lp->ref_sec || (sec == lp->ref_sec && fr < lp->ref_frac);
        int64_t ds;
        int64_t df;
        if (neg) {
            ds = lp->ref_sec - sec;
            df = (int64_t)lp->ref_frac - fr;
        } else {
            ds = sec - lp->ref_sec;
            df = (int64_t)fr - lp->ref_frac;
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
            lp->have_ref = sec != 0 || fr != 0;
            lp->ref_sec = sec;
            lp->ref_frac = fr;
        }
        break;
    }
    }
    sb_ch(o, ' ');
}

/* ---- link layers -------------------------------------------------------- */

static void mac(struct sb *o, const uint8_t *m, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (i)
            sb_ch(o, ':');
        sb_hex(o, m[i], 2);
    }
}

/* "ethertype IPv4 (0x0800)", or with -q just the name. */
static void ethertype(struct lctx *c, uint16_t type)
{
    const char *n = ethertype_name(type);
    if (!c->cfg->quiet) {
        sb_s(c->o, "ethertype ");
        sb_s(c->o, n ? n : "Unknown");
        sb_s(c->o, " (0x");
        sb_hex(c->o, type, 4);
        sb_ch(c->o, ')');
    } else if (n) {
        sb_s(c->o, n);
    } else {
        sb_s(c->o, "Unknown Ethertype (0x");
        sb_hex(c->o, type, 4);
        sb_ch(c->o, ')');
    }
}

static void vlan_tci(struct sb *o, uint16_t tci)
{
    sb_s(o, "vlan ");
    sb_u32(o, tci & 0xfffu);
    sb_s(o, ", p ");
    sb_u32(o, tci >> 13);
    if (tci & 0x1000)
        sb_s(o, ", DEI");
}

static bool last_layer(const struct lctx *c, int i) { return i + 1 == c->p->nlayers; }

static bool line_eth(struct lctx *c, int i)
{
    const struct eth *e = &c->p->layers[i].u.eth;
    struct sb *o = c->o;
    bool elink = c->cfg->link;
    switch (e->stop) {
    case ETH_LEN_INVALID:
        sb_s(o, "[length ");
        sb_u32(o, e->wire_len);
        sb_s(o, " < caplen ");
        sb_u32(o, e->cap_len);
        sb_s(o, "] (invalid)");
        return false;
    case ETH_SHORT:
        line_trunc(c, "ether", false);
        return false;
    default:
        break;
    }
    if (elink) {
        mac(o, e->src, 6);
        sb_s(o, " > ");
        mac(o, e->dst, 6);
        sb_s(o, ", ");
    }
    bool printed_length = false;
    for (int t = 0; t < e->ntags; t++) {
        if (!elink)
            continue;
        ethertype(c, e->tags[t].tpid);
        if (!printed_length) {
            sb_s(o, ", length ");
            sb_u32(o, e->wire_len);
            sb_s(o, ": ");
            printed_length = true;
        } else {
            sb_s(o, ", ");
        }
        vlan_tci(o, e->tags[t].tci);
        sb_s(o, ", ");
    }
    if (e->stop == ETH_TAG_SHORT) {
        line_trunc(c, "vlan", false);
        return false;
    }
    if (e->type <= 1500) {
        if (elink) {
            sb_s(o, "802.3");
            if (!printed_length) {
                sb_s(o, ", length ");
                sb_u32(o, e->type < e->wire_len - 14 ? e->type : e->wire_len - 14);
                sb_s(o, ": ");
            }
        }
        return true; /* the LLC layer follows */
    }
    if (elink) {
        ethertype(c, e->type);
        if (!printed_length) {
            sb_s(o, ", length ");
            sb_u32(o, e->wire_len);
            sb_s(o, ": ");
        } else {
            sb_s(o, ", ");
        }
    }
    if (last_layer(c, i) && c->p->end == END_ETHERTYPE && ethertype_name(e->type)) {
        /* a protocol tcpdump knows by name: its name and length */
        sb_s(o, ethertype_name(e->type));
        sb_s(o, ", length ");
        sb_u32(o, e->wire_len - 14u - 4u * e->ntags);
        return false;
    }
    if (last_layer(c, i) && c->p->end == END_ETHERTYPE) {
        if (!elink) {
            mac(o, e->src, 6);
            sb_s(o, " > ");
            mac(o, e->dst, 6);
            sb_s(o, ", ");
            ethertype(c, e->type);
            sb_s(o, ", length ");
            sb_u32(o, e->wire_len);
            sb_s(o, ": ");
        }
        line_default_print(c, c->p->rest);
        return false;
    }
    return true;
}

static const char *llc_sap_name(uint8_t sap)
{
    switch (sap) {
    case 0x00: return "Null";
    case 0xff: return "Global";
    case 0x02: return "802.1B I";
    case 0x03: return "802.1B G";
    case 0x06: return "IP";
    case 0x04: return "SNA";
    case 0x0e: return "ProWay NM";
    case 0x42: return "STP";
    case 0x4e: return "RS511";
    case 0x7e: return "ISO8208";
    case 0x8e: return "ProWay";
    case 0xaa: return "SNAP";
    case 0xe0: return "IPX";
    case 0xf0: return "NetBeui";
    case 0xfe: return "OSI";
    default: return NULL;
    }
}

/* A SAP's name, or "Unknown DSAP 0x.." / "Unknown SSAP 0x..". */
static void llc_sap(struct sb *o, uint8_t sap, char which)
{
    const char *n = llc_sap_name(sap);
    if (n)
        sb_s(o, n);
    else
        sb_printf(o, "Unknown %cSAP 0x%02x", which, sap);
}

static const char *llc_flag(unsigned v)
{
    switch (v) {
    case 0: return "Command";
    case 1: return "Response";
    case 0x10: case 0x100: return "Poll";
    case 0x11: case 0x101: return "Final";
    default: return "?";
    }
}

/* The generic LLC line tcpdump prints for SAPs it has no printer for. */
static bool line_llc(struct lctx *c, int i)
{
    const struct llc *l = &c->p->layers[i].u.llc;
    const struct eth *e = &c->p->layers[i - 1].u.eth;
    struct sb *o = c->o;
    if (!l->complete) {
        line_trunc(c, "llc", false);
        line_default_print(c, c->p->rest);
        return false;
    }
    uint8_t dsap = l->dsap & 0xfe, ssap = l->ssap & 0xfe;
    if (c->cfg->link) {
        const char *dn = llc_sap_name(dsap), *sn = llc_sap_name(ssap);
        sb_printf(o, "LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s", dn ? dn : "Unknown", dsap,
                  (l->dsap & 1) ? "Group" : "Individual", sn ? sn : "Unknown", ssap,
                  (l->ssap & 1) ? "Response" : "Command");
        sb_printf(o, l->is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", l->control);
    } else if (ssap == dsap) {
        mac(o, e->src, 6);
        sb_s(o, " > ");
        mac(o, e->dst, 6);
        sb_ch(o, ' ');
        llc_sap(o, dsap, 'D');
        sb_ch(o, ' ');
    } else {
        mac(o, e->src, 6);
        sb_ch(o, ' ');
        llc_sap(o, ssap, 'S');
        sb_s(o, " > ");
        mac(o, e->dst, 6);
        sb_ch(o, ' ');
        llc_sap(o, dsap, 'D');
        sb_ch(o, ' ');
    }
    unsigned total = l->length;
    if (l->is_u) {
        static const struct { uint8_t v; const char *n; } cmds[] = {
            {0x03, "ui"}, {0xe3, "test"}, {0xaf, "xid"}, {0x63, "ua"},
            {0x43, "disc"}, {0x0f, "dm"}, {0x6f, "sabme"}, {0x87, "frmr"}};
        const char *cmd = NULL;
        for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
            if (cmds[k].v == (l->control & 0xef))
                cmd = cmds[k].n;
        sb_s(o, "Unnumbered, ");
        if (cmd)
            sb_s(o, cmd);
        else
            sb_printf(o, "%02x", l->control & 0xef);
        sb_printf(o, ", Flags [%s], length %u", llc_flag((l->ssap & 1u) | (l->control & 0x10u)),
                  total);
    } else if (l->control & 1) {
        static const char *const sup[] = {"Receiver Ready", "Receiver not Ready", "Reject", "?"};
        sb_printf(o, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
                  sup[(l->control >> 2) & 3], (l->control >> 9) & 0x7f,
                  llc_flag((l->ssap & 1u) | (l->control & 0x100u)), total);
        return false;
    } else {
        sb_printf(o, "Information, send seq %u, rcv seq %u, Flags [%s], length %u",
                  (l->control >> 1) & 0x7f, (l->control >> 9) & 0x7f,
                  llc_flag((l->ssap & 1u) | (l->control & 0x100u)), total);
    }
    line_default_print(c, c->p->rest);
    return false;
}

static const char *sll_pkttype(uint16_t t)
{
    static const char *const names[] = {"In", "B", "M", "P", "Out"};
    return t < 5 ? names[t] : "?";
}

/* tcpdump's sll_print/sll2_print: the -e header text. */
static void sll_header(struct lctx *c, const struct layer *l)
{
    const struct sll *s = &l->u.sll;
    struct sb *o = c->o;
    bool v2 = l->kind == LAYER_SLL2;
    if (v2) {
        sb_s(o, "ifindex ");
        sb_u32(o, s->ifindex);
        sb_ch(o, ' ');
    } else {
        const char *n = sll_pkttype(s->pkttype);
        for (size_t k = strlen(n); k < 3; k++)
            sb_ch(o, ' ');
        sb_s(o, n);
        sb_ch(o, ' ');
    }
    if (s->halen == 6) {
        mac(o, s->addr, 6);
        sb_ch(o, ' ');
    }
    if (c->cfg->quiet)
        return;
    if (s->proto <= 1500) {
        if (s->proto == 1)
            sb_s(o, "802.3");
        else if (s->proto == 4)
            sb_s(o, "802.2");
        else {
            sb_s(o, "ethertype Unknown (0x");
            sb_hex(o, s->proto, 4);
            sb_ch(o, ')');
        }
    } else {
        ethertype(c, s->proto);
    }
    sb_s(o, ", length ");
    sb_u32(o, s->wire_len);
    sb_s(o, ": ");
}

static bool line_sll(struct lctx *c, int i)
{
    const struct layer *l = &c->p->layers[i];
    const struct sll *s = &l->u.sll;
    struct sb *o = c->o;
    bool v2 = l->kind == LAYER_SLL2;
    if (s->hdr_short) {
        line_trunc(c, v2 ? "sll2" : "sll", true);
        return false;
    }
    if (v2) {
        char name[IF_NAMESIZE];
        const char *n = if_indextoname(s->ifindex, name) ? name : "?";
        sb_s(o, n);
        for (size_t k = strlen(n); k < 5; k++)
            sb_ch(o, ' ');
        sb_ch(o, ' ');
        const char *pt = sll_pkttype(s->pkttype);
        sb_s(o, pt);
        for (size_t k = strlen(pt); k < 3; k++)
            sb_ch(o, ' ');
        sb_ch(o, ' ');
    }
    if (c->cfg->link)
        sll_header(c, l);
    for (int t = 0; t < s->ntags; t++) {
        if (c->cfg->link) {
            vlan_tci(o, s->tags[t].tci);
            sb_s(o, ", ");
        }
        uint16_t next = t + 1 < s->ntags ? s->tags[t + 1].tpid : s->type;
        if (!c->cfg->quiet) {
            const char *n = ethertype_name(next);
            sb_s(o, "ethertype ");
            sb_s(o, n ? n : "Unknown");
            sb_s(o, ", ");
        }
    }
    if (s->tag_short) {
        line_trunc(c, "vlan", false);
        return false;
    }
    if (last_layer(c, i) && c->p->end == END_ETHERTYPE) {
        if (!c->cfg->link && s->type > 1500)
            sll_header(c, l);
        line_default_print(c, c->p->rest);
        return false;
    }
    return true;
}

static bool line_null(struct lctx *c, int i)
{
    const struct null_hdr *n = &c->p->layers[i].u.null;
    struct sb *o = c->o;
    if (n->hdr_short) {
        line_trunc(c, "null", true);
        return false;
    }
    bool unknown = last_layer(c, i) && c->p->end == END_ETHERTYPE;
    if (c->cfg->link || unknown) {
        const char *name = bsd_af_name(n->family);
        if (!c->cfg->quiet) {
            sb_s(o, "AF ");
            sb_s(o, name ? name : "Unknown");
            sb_s(o, " (");
            sb_u32(o, n->family);
            sb_ch(o, ')');
        } else if (name) {
            sb_s(o, name);
        } else {
            sb_s(o, "Unknown AF ");
            sb_u32(o, n->family);
        }
        sb_s(o, ", length ");
        sb_u32(o, n->wire_len);
        sb_s(o, ": ");
    }
    if (unknown) {
        line_default_print(c, c->p->rest);
        return false;
    }
    return true;
}

static bool line_raw(struct lctx *c, int i)
{
    const struct raw *w = &c->p->layers[i].u.raw;
    struct sb *o = c->o;
    if (c->cfg->link)
        sb_s(o, "ip: ");
    switch (w->stop) {
    case RAW_EMPTY:
        sb_s(o, "truncated-ip ");
        sb_u32(o, w->wire_len);
        return false;
    case RAW_SHORT:
        line_trunc(c, "ipn", true);
        return false;
    case RAW_BAD_VERSION:
        sb_s(o, "unknown ip ");
        sb_u32(o, w->version);
        return false;
    default:
        return true;
    }
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
