/*
 * follow.c - `tcplens follow` output (follow.h), byte for byte tshark's
 * (ui/cli/tap-follow.c, 4.0): chunks in delivery order, node 1 indented by
 * a tab; ascii keeps CR and LF and prints other unprintable bytes as '.';
 * hex offsets count per node; a missing-data marker is a chunk of its own
 * whose bytes end with a NUL, and in yaml it has time 0.
 */
#include "report/follow.h"

#include <stdlib.h>
#include <string.h>

#include "decode/pkt.h"

#define SEPARATOR "===================================================================\n"

struct follow_printer {
    enum follow_format format;
    struct follow_select sel;
    int first;               /* the side (CLIENT, SERVER) of node 0 */
    int bin_side;
    struct sb *out;
    FILE *notes;
    bool matched;            /* the stream was found */
    uint64_t stream;
    struct addr host[2];     /* node 0, node 1 */
    uint16_t port[2];
    uint64_t pos[2];         /* hex offsets per node */
};

static const char *const format_names[] = {"ascii", "hex", "raw", "yaml", "bin"};
static const char *const side_names[] = {"client", "server"};

struct follow_printer *follow_new(enum follow_format format, const struct follow_select *sel,
                                  int bin_side, struct sb *out, FILE *notes)
{
    struct follow_printer *fp = calloc(1, sizeof *fp);
    if (!fp)
        return NULL;
    fp->format = format;
    fp->sel = *sel;
    fp->bin_side = bin_side;
    fp->out = out;
    fp->notes = notes;
    return fp;
}

void follow_free(struct follow_printer *fp) { free(fp); }

/* ---- header and footer ------------------------------------------------ */

static void filter_side(struct sb *o, const char *ip, const struct follow_select *s, int a, int b)
{
    sb_printf(o, "((%s.src eq ", ip);
    addr_format(o, &s->addr[a]);
    sb_printf(o, " and tcp.srcport eq %u) and (%s.dst eq ", s->port[a], ip);
    addr_format(o, &s->addr[b]);
    sb_printf(o, " and tcp.dstport eq %u))", s->port[b]);
}

static void node_line(struct sb *o, int node, const struct addr *a, uint16_t port)
{
    sb_printf(o, "Node %d: ", node);
    addr_port_format(o, a, port);
    sb_ch(o, '\n');
}

static void header(struct follow_printer *fp)
{
    struct sb *o = fp->out;
    if (fp->format == FOLLOW_BIN)
        return;
    if (fp->format == FOLLOW_YAML) {
        sb_s(o, "peers:\n");
        for (int i = 0; i < 2; i++) {
            sb_printf(o, "  - peer: %d\n    host: ", i);
            if (fp->host[i].family)
                addr_format(o, &fp->host[i]);
            sb_printf(o, "\n    port: %u\n", fp->port[i]);
        }
        sb_s(o, "packets:\n");
        return;
    }
    sb_printf(o, "\n" SEPARATOR "Follow: tcp,%s\nFilter: ", format_names[fp->format]);
    if (fp->sel.stream >= 0) {
        sb_printf(o, "tcp.stream eq %lld\n", (long long)fp->sel.stream);
    } else {
        const char *ip = fp->sel.addr[0].family == 6 ? "ipv6" : "ip";
        filter_side(o, ip, &fp->sel, 0, 1);
        sb_s(o, " or ");
        filter_side(o, ip, &fp->sel, 1, 0);
        sb_ch(o, '\n');
    }
    for (int i = 0; i < 2; i++)
        node_line(o, i, &fp->host[i], fp->port[i]);
}

bool follow_end(struct follow_printer *fp)
{
    if (!fp->matched)
        header(fp);
    if (fp->format != FOLLOW_BIN && fp->format != FOLLOW_YAML)
        sb_s(fp->out, SEPARATOR);
    return fp->matched;
}

/* ---- chunks ------------------------------------------------------------- */

static const char hexdigits[] = "0123456789abcdef";

/* tshark's hex dump: "%08X", 16 bytes a line in two groups of 8, then
 * the printable ones; a line's trailing space is dropped. */
static void hex_chunk(struct sb *o, const char *prefix, uint64_t offset, const uint8_t *p,
                      uint32_t n)
{
    enum { HEX_AT = 10, TEXT_AT = 60 };
    char line[80];
    for (uint32_t i = 0; i < n; i += 16) {
        uint32_t m = n - i < 16 ? n - i : 16;
        snprintf(line, sizeof line, "%08X", (unsigned)(offset + i));
        memset(line + 8, ' ', TEXT_AT - 8);
        int h = HEX_AT, t = TEXT_AT;
        for (uint32_t j = 0; j < m; j++) {
            uint8_t c = p[i + j];
            line[h] = hexdigits[c >> 4];
            line[h + 1] = hexdigits[c & 15];
            h += 3;
            line[t++] = c >= ' ' && c < 0x7f ? (char)c : '.';
            if (j == 7) {
                h++;
                line[t++] = ' ';
            }
        }
        if (line[t - 1] == ' ')
            t--;
        sb_s(o, prefix);
        sb_mem(o, line, (size_t)t);
        sb_ch(o, '\n');
    }
}

static void base64_line(struct sb *o, const uint8_t *p, uint32_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sb_s(o, "      ");
    for (uint32_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        sb_ch(o, b64[v >> 18]);
        sb_ch(o, b64[(v >> 12) & 63]);
        sb_ch(o, i + 1 < n ? b64[(v >> 6) & 63] : '=');
        sb_ch(o, i + 2 < n ? b64[v & 63] : '=');
    }
    sb_ch(o, '\n');
}

/* One chunk in a tshark format.  ts_sec/ts_nsec: its time (0 for a marker). */
static void chunk(struct follow_printer *fp, int node, uint64_t frame, nstime ts,
                  const uint8_t *p, uint32_t n)
{
    struct sb *o = fp->out;
    const char *tab = node ? "\t" : "";
    switch (fp->format) {
    case FOLLOW_ASCII:
        sb_printf(o, "%s%u\n", tab, n);
        for (uint32_t i = 0; i < n; i++) {
            uint8_t c = p[i];
            sb_ch(o, c == '\r' || c == '\n' || (c >= ' ' && c < 0x7f) ? (char)c : '.');
        }
        sb_ch(o, '\n');
        break;
    case FOLLOW_HEX:
        hex_chunk(o, tab, fp->pos[node], p, n);
        break;
    case FOLLOW_RAW:
        sb_s(o, tab);
        for (uint32_t i = 0; i < n; i++) {
            sb_ch(o, hexdigits[p[i] >> 4]);
            sb_ch(o, hexdigits[p[i] & 15]);
        }
        sb_ch(o, '\n');
        break;
    case FOLLOW_YAML: {
        /* tshark converts the time to a double before printing it */
        double secs = (double)(ts / 1000000000) + (double)(ts % 1000000000) / 1e9;
        sb_printf(o, "  - packet: %llu\n    peer: %d\n    timestamp: %.9f\n    data: !!binary |\n",
                  (unsigned long long)frame, node, secs);
        for (uint32_t i = 0; i < n; i += 57)
            base64_line(o, p + i, n - i < 57 ? n - i : 57);
        break;
    }
    case FOLLOW_BIN:
        break;
    }
    fp->pos[node] += n;
}

/* ---- the hooks ---------------------------------------------------------- */

bool follow_selects(const struct follow_select *sel, const struct conn *c)
{
    if (sel->stream >= 0)
        return c->stream == (uint64_t)sel->stream;
    for (int a = 0; a < 2; a++)
        if (addr_cmp(&c->ep[CLIENT].addr, &sel->addr[a]) == 0 &&
            c->ep[CLIENT].port == sel->port[a] &&
            addr_cmp(&c->ep[SERVER].addr, &sel->addr[!a]) == 0 &&
            c->ep[SERVER].port == sel->port[!a])
            return true;
    return false;
}

static void *on_open(void *ctx, const struct conn *c)
{
    struct follow_printer *fp = ctx;
    if (!follow_selects(&fp->sel, c))
        return NULL;
    if (fp->matched) {
        fprintf(fp->notes,
                "tcplens: stream %llu uses the same addresses and ports again; "
                "'tcplens follow %llu' shows it\n",
                (unsigned long long)c->stream, (unsigned long long)c->stream);
        return NULL;
    }
    fp->matched = true;
    fp->stream = c->stream;
    int first = c->flipped ? SERVER : CLIENT;
    for (int i = 0; i < 2; i++) {
        fp->host[i] = c->ep[first ^ i].addr;
        fp->port[i] = c->ep[first ^ i].port;
    }
    fp->first = first;
    header(fp);
    return fp;
}

static void on_data(void *ctx, int node, uint64_t frame, nstime ts, uint64_t off,
                    const uint8_t *p, uint32_t n)
{
    struct follow_printer *fp = ctx;
    (void)off;
    if (fp->format != FOLLOW_BIN)
        chunk(fp, node, frame, ts, p, n);
    else if ((node ^ fp->first) == fp->bin_side)
        sb_mem(fp->out, p, n);
}

static void on_gap(void *ctx, int node, enum reasm_gap why, uint64_t frame, uint64_t off,
                   uint32_t missing)
{
    struct follow_printer *fp = ctx;
    if (fp->format == FOLLOW_BIN) {
        if ((node ^ fp->first) == fp->bin_side)
            fprintf(fp->notes,
                    "tcplens: stream %llu: %u bytes of the %s's data missing in capture at "
                    "offset %llu (frame %llu); not written\n",
                    (unsigned long long)fp->stream, missing, side_names[fp->bin_side],
                    (unsigned long long)off, (unsigned long long)frame);
        return;
    }
    if (why == GAP_SNAPLEN)
        return; /* tshark says nothing where the capture cut a segment */
    char marker[64];
    int len = snprintf(marker, sizeof marker, "[%d bytes missing in capture file]", (int)missing);
    chunk(fp, node, frame, 0, (const uint8_t *)marker, (uint32_t)len + 1);
}

static void on_conflict(void *ctx, int node, uint64_t frame, uint64_t off, uint32_t n)
{
    struct follow_printer *fp = ctx;
    fprintf(fp->notes,
            "tcplens: stream %llu: frame %llu has %u byte%s of the %s's data at offset %llu "
            "that differ from the copy already delivered; the delivered copy is kept\n",
            (unsigned long long)fp->stream, (unsigned long long)frame, n, n == 1 ? "" : "s",
            side_names[node ^ fp->first], (unsigned long long)off);
}

static void on_after_fin(void *ctx, int node, uint64_t frame, uint32_t n)
{
    struct follow_printer *fp = ctx;
    fprintf(fp->notes, "tcplens: stream %llu: frame %llu carries %u byte%s of the %s's data "
            "after its FIN; ignored\n", (unsigned long long)fp->stream,
            (unsigned long long)frame, n, n == 1 ? "" : "s", side_names[node ^ fp->first]);
}

static const struct reasm_sink sink = {
    .data = on_data,
    .gap = on_gap,
    .conflict = on_conflict,
    .after_fin = on_after_fin,
};

const struct follow_hooks follow_printer_hooks = {
    .open = on_open,
    .sink = &sink,
};
