/*
 * line_udp.c - UDP in tcpdump's line, the VXLAN and Geneve tunnels it
 * carries, and the ports of SCTP and DCCP (whose bodies are not decoded).
 */
#include "report/line_int.h"

#include "report/names.h"

/* SCTP or DCCP: addresses and ports as tcpdump's printers show them, then
 * the protocol and its length. */
bool line_l4ports(struct lctx *c, int i)
{
    const struct ports *pt = &c->p->layers[i].u.ports;
    if (pt->ok)
        line_ports(c, i - 1, pt->proto, pt->sport, pt->dport);
    else
        line_ip_addrs(c, i - 1, true);
    sb_printf(c->o, "%s, length %u", pt->proto == P_SCTP ? "SCTP" : "DCCP", pt->length);
    return false;
}

/* ---- UDP and tunnels -------------------------------------------------------- */

/* tcpdump's udpipaddr_print: addresses with ports only when the IP header's
 * next header is UDP itself. */
static void udp_addrs(struct lctx *c, int ip, const struct udp *u, bool ports)
{
    if (ports)
        line_ports(c, ip, P_UDP, u->sport, u->dport);
    else if (line_ip_next_is(c, ip, P_UDP))
        line_ip_addrs(c, ip, true);
}

static bool line_vxlan(struct lctx *c, int i)
{
    const struct vxlan *v = &c->p->layers[i].u.vxlan;
    struct sb *o = c->o;
    sb_s(o, "VXLAN");
    if (v->len < 8) {
        sb_s(o, " (invalid)");
        return false;
    }
    if (v->cap < 1) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    sb_printf(o, ", flags [%s] (0x%02x), ", (v->flags & 0x08) ? "I" : "invalid", v->flags);
    if (v->cap < 7) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    sb_printf(o, "vni %u\n", v->vni);
    if (v->cap < 8) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    return true;
}

static void geneve_options(struct lctx *c, struct bytes b)
{
    struct sb *o = c->o;
    const char *sep = "";
    uint32_t k = 0;
    while (k + 4 <= b.len) {
        uint16_t cls = (uint16_t)(b.p[k] << 8 | b.p[k + 1]);
        uint8_t type = b.p[k + 2];
        uint32_t len = 4u + (b.p[k + 3] & 0x1fu) * 4u;
        const char *name = cls == 0x0100   ? "Linux"
                           : cls == 0x0101 ? "Open vSwitch"
                           : cls == 0x0102 ? "Open Virtual Networking (OVN)"
                           : cls == 0x0103 ? "In-band Network Telemetry (INT)"
                           : cls == 0x0104 ? "VMware"
                           : cls <= 0x00ff ? "Standard"
                           : cls >= 0xfff0 ? "Experimental"
                                           : "Unknown";
        sb_printf(o, "%sclass %s (0x%x) type 0x%x%s len %u", sep, name, cls, type,
                  type & 0x80 ? "(C)" : "", len);
        sep = ", ";
        if (len > b.len - k) {
            sb_s(o, " [bad length]");
            return;
        }
        if (c->cfg->verbose > 1 && len > 4) {
            sb_s(o, " data");
            for (uint32_t d = 4; d < len; d += 4)
                sb_printf(o, " %02x%02x%02x%02x", b.p[k + d], b.p[k + d + 1], b.p[k + d + 2],
                          b.p[k + d + 3]);
        }
        k += len;
    }
}

static bool line_geneve(struct lctx *c, int i)
{
    const struct geneve *g = &c->p->layers[i].u.geneve;
    struct sb *o = c->o;
    sb_s(o, "Geneve");
    switch (g->stop) {
    case GENEVE_SHORT:
        sb_printf(o, " [length %u < 8] (invalid)", g->len);
        return false;
    case GENEVE_TRUNC:
        line_trunc(c, "geneve", false);
        return false;
    case GENEVE_BAD_VERSION:
        sb_printf(o, " ERROR: unknown-version %u", g->ver_opt >> 6);
        return false;
    default:
        break;
    }
    static const char *const flag_names[] = {"O", "C", "R1", "R2", "R3", "R4", "R5", "R6"};
    sb_s(o, ", Flags [");
    if (!g->flags)
        sb_s(o, "none");
    for (int b = 0; b < 8; b++)
        if (g->flags & (0x80 >> b))
            sb_s(o, flag_names[b]);
    sb_printf(o, "], vni 0x%x", g->vni);
    if (g->reserved)
        sb_printf(o, ", rsvd 0x%x", g->reserved);
    if (c->cfg->link) {
        const char *n = ethertype_name(g->proto);
        sb_printf(o, ", proto %s (0x%04x)", n ? n : "unknown", g->proto);
    }
    if (g->stop == GENEVE_OPTS_LONG) {
        sb_printf(o, " truncated-geneve - %u bytes missing", g->opts_len - (g->len - 8));
        return false;
    }
    if (g->stop == GENEVE_OPTS_TRUNC) {
        line_trunc(c, "geneve", false);
        return false;
    }
    if (g->opts_len > 0) {
        sb_s(o, ", options [");
        if (c->cfg->verbose)
            geneve_options(c, g->opts);
        else
            sb_printf(o, "%u bytes", g->opts_len);
        sb_ch(o, ']');
    }
    sb_s(o, c->cfg->verbose < 1 ? ": " : "\n\t");
    if (last_layer(c, i) && c->p->end == END_ETHERTYPE) {
        sb_printf(o, "geneve-proto-0x%x", g->proto);
        return false;
    }
    return true;
}

bool line_udp(struct lctx *c, int i)
{
    const struct udp *u = &c->p->layers[i].u.udp;
    struct sb *o = c->o;
    int ip = i - 1;
    switch (u->stop) {
    case UDP_PORTS_SHORT:
        udp_addrs(c, ip, u, false);
        line_trunc(c, "udp", false);
        return false;
    case UDP_LEN_SHORT:
        udp_addrs(c, ip, u, true);
        sb_printf(o, "truncated-udp %u", u->length);
        return false;
    case UDP_ULEN_SHORT:
    case UDP_HDR_SHORT:
        udp_addrs(c, ip, u, true);
        line_trunc(c, "udp", false);
        return false;
    case UDP_ULEN_BAD:
        udp_addrs(c, ip, u, true);
        sb_printf(o, "truncated-udplength %u", u->ulen);
        return false;
    default:
        break;
    }
    udp_addrs(c, ip, u, true);
    bool v4 = c->p->layers[ip].kind == LAYER_IPV4;
    if (c->cfg->verbose && (c->cfg->verbose > 1 || !v4)) {
        if (v4 && u->sum == 0)
            sb_s(o, "[no cksum] ");
        else if (u->sum_checked && !u->sum_ok)
            sb_printf(o, "[bad udp cksum 0x%04x -> 0x%04x!] ", u->sum, u->sum_should);
        else if (u->sum_checked)
            sb_s(o, "[udp sum ok] ");
    }
    if (!c->cfg->quiet && !last_layer(c, i)) {
        const struct layer *next = &c->p->layers[i + 1];
        return next->kind == LAYER_VXLAN ? line_vxlan(c, i + 1) : line_geneve(c, i + 1);
    }
    uint32_t ulen = u->ulen == 0 && u->length > 65535 ? u->length : u->ulen;
    if (ulen - 8 > u->length - 8 && !u->fragmented)
        sb_printf(o, "UDP, bad length %u > %u", ulen - 8, u->length - 8);
    else
        sb_printf(o, "UDP, length %u", ulen - 8);
    return false;
}
