/*
 * line_link.c - the link layers of tcpdump's line: Ethernet with VLAN tags
 * and -e, 802.3/LLC, Linux cooked v1/v2, BSD loopback, raw IP, and ARP.
 */
#include "report/line_int.h"

#include <net/if.h>
#include <string.h>

#include "report/names.h"

/* ---- link layers -------------------------------------------------------- */

void line_mac(struct sb *o, const uint8_t *m, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (i)
            sb_ch(o, ':');
        sb_hex(o, m[i], 2);
    }
}

/* "ethertype IPv4 (0x0800)", or with -q just the name. */
void line_ethertype(struct lctx *c, uint16_t type)
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

bool line_eth(struct lctx *c, int i)
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
        line_mac(o, e->src, 6);
        sb_s(o, " > ");
        line_mac(o, e->dst, 6);
        sb_s(o, ", ");
    }
    bool printed_length = false;
    for (int t = 0; t < e->ntags; t++) {
        if (!elink)
            continue;
        line_ethertype(c, e->tags[t].tpid);
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
        line_ethertype(c, e->type);
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
            line_mac(o, e->src, 6);
            sb_s(o, " > ");
            line_mac(o, e->dst, 6);
            sb_s(o, ", ");
            line_ethertype(c, e->type);
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
bool line_llc(struct lctx *c, int i)
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
        line_mac(o, e->src, 6);
        sb_s(o, " > ");
        line_mac(o, e->dst, 6);
        sb_ch(o, ' ');
        llc_sap(o, dsap, 'D');
        sb_ch(o, ' ');
    } else {
        line_mac(o, e->src, 6);
        sb_ch(o, ' ');
        llc_sap(o, ssap, 'S');
        sb_s(o, " > ");
        line_mac(o, e->dst, 6);
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
        line_mac(o, s->addr, 6);
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
        line_ethertype(c, s->proto);
    }
    sb_s(o, ", length ");
    sb_u32(o, s->wire_len);
    sb_s(o, ": ");
}

bool line_sll(struct lctx *c, int i)
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

bool line_null(struct lctx *c, int i)
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

bool line_raw(struct lctx *c, int i)
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

bool line_arp(struct lctx *c, int i)
{
    const struct arp *a = &c->p->layers[i].u.arp;
    struct sb *o = c->o;
    if (!a->complete) {
        line_trunc(c, "arp", true);
        return false;
    }
    if (!c->cfg->link)
        sb_s(o, "ARP, ");
    bool ipv4 = (a->pro == 0x0800 || a->pro == 0x1000) && a->pln == 4;
    if (!ipv4 || a->hln == 0 || c->cfg->verbose) {
        const char *h = arp_hrd_name(a->hrd);
        const char *p = ethertype_name(a->pro);
        if (h)
            sb_s(o, h);
        else
            sb_printf(o, "Unknown Hardware (%u)", a->hrd);
        sb_printf(o, " (len %u), ", a->hln);
        if (p)
            sb_s(o, p);
        else
            sb_printf(o, "Unknown Protocol (0x%04x)", a->pro);
        sb_printf(o, " (len %u)", a->pln);
        if (!c->cfg->verbose)
            goto out;
    }
    static const char *const ops[] = {"", "Request", "Reply", "Reverse Request", "Reverse Reply"};
    if (c->cfg->verbose)
        sb_s(o, ", ");
    if (a->op >= 1 && a->op <= 4)
        sb_s(o, ops[a->op]);
    else
        sb_printf(o, "Unknown (%u)", a->op);
    sb_ch(o, ' ');
    struct addr spa = {4, {0}}, tpa = {4, {0}};
    memcpy(spa.b, a->spa, 4);
    memcpy(tpa.b, a->tpa, 4);
    if (a->op == 1) {
        sb_s(o, "who-has ");
        if (ipv4)
            addr_format(o, &tpa);
        else
            sb_s(o, "<wrong len>");
        bool tha_set = false;
        for (int k = 0; k < a->hln; k++)
            tha_set |= a->tha[k] != 0;
        if (tha_set) {
            sb_s(o, " (");
            for (int k = 0; k < a->hln; k++)
                sb_printf(o, k ? ":%02x" : "%02x", a->tha[k]);
            sb_ch(o, ')');
        }
        sb_s(o, " tell ");
        if (ipv4)
            addr_format(o, &spa);
        else
            sb_s(o, "<wrong len>");
    } else if (a->op == 2) {
        if (ipv4)
            addr_format(o, &spa);
        else
            sb_s(o, "<wrong len>");
        sb_s(o, " is-at ");
        for (int k = 0; k < a->hln; k++)
            sb_printf(o, k ? ":%02x" : "%02x", a->sha[k]);
    }
out:
    sb_printf(o, ", length %u", a->len);
    return false;
}

