/*
 * ladder.c - the ladder (sequence) diagram of one connection (ladder.h).
 *
 * Text columns (80 wide):
 *   0-9   time since the stream's first packet
 *   11-21 the client's new state, right-aligned
 *   23    the client's line
 *   24-66 the arrow lane (43 columns)
 *   67    the server's line
 *   69-79 the server's new state
 * Each packet becomes a row; rows are drawn as they come, except that
 * plain rows beyond the first HEAD of a run wait in a ring of TAIL so the
 * run can be summarized: memory does not grow with the stream.
 */
#include "report/ladder.h"

#include <stdlib.h>
#include <string.h>

#include "source/frame.h"
#include "report/verdict.h"
#include "track/tcp_fsm.h"

#define LANE 43
#define HEAD 3
#define TAIL 2
#define RING (TAIL + 1)    /* one more, so a summary always stands for two rows or more */
#define SVG_W 860
#define SVG_LEFT 230
#define SVG_RIGHT 650
#define SVG_ROW 26

struct row {
    nstime t;
    bool has_time;
    int dir;             /* 0: client to server, 1: server to client, -1: no arrow */
    char label[64];
    char note[96];       /* verdicts, or a summary when dir is -1 */
    char state[2][16];   /* new state beside each line */
    uint32_t len;        /* payload bytes */
};

struct ladder {
    struct ladder_config cfg;
    struct sb *out;
    bool seen;
    uint64_t stream;
    nstime first;
    /* the run of plain rows */
    uint64_t run;                 /* plain rows in the current run */
    struct row tail[RING];
    unsigned ntail, tail_at;
    uint64_t skipped, skipped_bytes;
    /* SVG */
    long svg_height_at;           /* file offset of the height digits */
    unsigned svg_y;
};

struct ladder *ladder_new(const struct ladder_config *cfg, struct sb *out)
{
    struct ladder *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->cfg = *cfg;
    l->out = out;
    return l;
}

void ladder_free(struct ladder *l) { free(l); }

/* ---- colours ------------------------------------------------------------- */

enum color { C_CLIENT, C_SERVER, C_STATE, C_NOTE, C_OFF };

static void color(struct ladder *l, enum color c)
{
    static const char *const codes[] = {"\033[36m", "\033[33m", "\033[1;32m", "\033[1;31m",
                                        "\033[0m"};
    if (l->cfg.color)
        sb_s(l->out, codes[c]);
}

/* ---- SVG ----------------------------------------------------------------- */

static void svg_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
    }
}

static void svg_label(FILE *f, int x, unsigned y, const char *anchor, const char *cls,
                      const char *s)
{
    fprintf(f, "<text x=\"%d\" y=\"%u\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
    svg_text(f, s);
    fputs("</text>\n", f);
}

static void svg_start(struct ladder *l, const char *title, const char *client, const char *server)
{
    FILE *f = l->cfg.svg;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"", SVG_W);
    l->svg_height_at = ftell(f);
    fprintf(f, "0000000000\">\n<style>\n"
               "text { font-family: monospace; font-size: 13px; fill: #222; }\n"
               ".c { stroke: #1f6fb2; fill: none; stroke-width: 1.5; }\n"
               ".s { stroke: #b26b1f; fill: none; stroke-width: 1.5; }\n"
               ".state { font-weight: bold; fill: #18794e; }\n"
               ".note { fill: #c0392b; }\n"
               ".time { fill: #666; }\n"
               ".head { font-weight: bold; font-size: 15px; }\n"
               "</style>\n"
               "<defs><marker id=\"a\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
               "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
               "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    svg_label(f, SVG_W / 2, 24, "middle", "head", title);
    svg_label(f, SVG_LEFT, 52, "middle", "head", "client");
    svg_label(f, SVG_RIGHT, 52, "middle", "head", "server");
    svg_label(f, SVG_LEFT, 70, "middle", "time", client);
    svg_label(f, SVG_RIGHT, 70, "middle", "time", server);
    svg_label(f, 10, 70, "start", "time", "time (s)");
    l->svg_y = 96;
}

static void svg_row(struct ladder *l, const struct row *r, const char *time)
{
    FILE *f = l->cfg.svg;
    unsigned y = l->svg_y;
    if (r->has_time)
        svg_label(f, 10, y + 4, "start", "time", time);
    if (r->state[0][0])
        svg_label(f, SVG_LEFT - 8, y + 4, "end", "state", r->state[0]);
    if (r->state[1][0])
        svg_label(f, SVG_RIGHT + 8, y + 4, "start", "state", r->state[1]);
    if (r->dir >= 0) {
        int x1 = r->dir == 0 ? SVG_LEFT : SVG_RIGHT, x2 = r->dir == 0 ? SVG_RIGHT : SVG_LEFT;
        fprintf(f, "<line x1=\"%d\" y1=\"%u\" x2=\"%d\" y2=\"%u\" class=\"%s\" "
                   "marker-end=\"url(#a)\"/>\n", x1, y, x2, y + 10, r->dir == 0 ? "c" : "s");
        svg_label(f, (SVG_LEFT + SVG_RIGHT) / 2, y - 3, "middle", "", r->label);
    }
    if (r->note[0])
        svg_label(f, (SVG_LEFT + SVG_RIGHT) / 2, y + (r->dir >= 0 ? 22 : 4), "middle",
                  r->dir >= 0 ? "note" : "time", r->note);
    l->svg_y += r->note[0] && r->dir >= 0 ? SVG_ROW + 18 : SVG_ROW;
}

static bool svg_end(struct ladder *l)
{
    FILE *f = l->cfg.svg;
    unsigned h = l->svg_y + 10;
    fprintf(f, "<line x1=\"%d\" y1=\"80\" x2=\"%d\" y2=\"%u\" stroke=\"#222\" stroke-width=\"2\"/>\n"
               "<line x1=\"%d\" y1=\"80\" x2=\"%d\" y2=\"%u\" stroke=\"#222\" stroke-width=\"2\"/>\n"
               "</svg>\n", SVG_LEFT, SVG_LEFT, h - 10, SVG_RIGHT, SVG_RIGHT, h - 10);
    if (fseek(f, l->svg_height_at, SEEK_SET) != 0)
        return false;
    fprintf(f, "%010u", h);
    return fflush(f) == 0;
}

/* ---- text rows ------------------------------------------------------------ */

static void pad(struct sb *o, size_t n)
{
    while (n--)
        sb_ch(o, ' ');
}

/* s centered in w columns, filled with `fill`, cut if longer. */
static void centered(struct sb *o, const char *s, size_t w, char fill)
{
    size_t n = strlen(s);
    if (n > w)
        n = w;
    size_t left = (w - n) / 2;
    for (size_t i = 0; i < left; i++)
        sb_ch(o, fill);
    sb_mem(o, s, n);
    for (size_t i = left + n; i < w; i++)
        sb_ch(o, fill);
}

static void time_text(char buf[24], nstime t)
{
    double s = (double)t / 1e9;
    snprintf(buf, 24, s < 1000 ? "%10.6f" : "%10.3f", s);
}

static void draw(struct ladder *l, const struct row *r)
{
    struct sb *o = l->out;
    char time[24] = "";
    if (r->has_time)
        time_text(time, r->t - l->first);
    if (r->has_time)
        sb_s(o, time);
    else
        pad(o, 10);
    sb_ch(o, ' ');
    color(l, C_STATE);
    pad(o, 11 - strlen(r->state[0]));
    sb_s(o, r->state[0]);
    color(l, C_OFF);
    sb_s(o, " |");
    if (r->dir >= 0) {
        char label[LANE + 1];
        struct sb lb;
        sb_init(&lb, label, LANE, NULL);
        sb_ch(&lb, ' ');
        sb_s(&lb, r->label);
        sb_ch(&lb, ' ');
        label[lb.len] = '\0';
        color(l, r->dir == 0 ? C_CLIENT : C_SERVER);
        sb_ch(o, r->dir == 0 ? '-' : '<');
        centered(o, label, LANE - 2, '-');
        sb_ch(o, r->dir == 0 ? '>' : '-');
        color(l, C_OFF);
    } else {
        centered(o, r->note, LANE, ' ');
    }
    sb_ch(o, '|');
    if (r->state[1][0]) {
        sb_ch(o, ' ');
        color(l, C_STATE);
        sb_s(o, r->state[1]);
        color(l, C_OFF);
    }
    sb_ch(o, '\n');
    if (r->dir >= 0 && r->note[0]) {
        pad(o, 23);
        sb_ch(o, '|');
        color(l, C_NOTE);
        centered(o, r->note, LANE, ' ');
        color(l, C_OFF);
        sb_s(o, "|\n");
    }
    if (l->cfg.svg)
        svg_row(l, r, time);
}

/* ---- runs of plain rows ------------------------------------------------- */

/* 1234567 as "1,234,567". */
static void grouped(char out[32], uint64_t v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void skip_oldest(struct ladder *l)
{
    const struct row *old = &l->tail[(l->tail_at + RING - l->ntail) % RING];
    l->skipped++;
    l->skipped_bytes += old->len;
    l->ntail--;
}

static void flush_run(struct ladder *l)
{
    if (l->skipped) {
        skip_oldest(l);
        char n[32], bytes[32];
        grouped(n, l->skipped);
        grouped(bytes, l->skipped_bytes);
        struct row s = {.dir = -1};
        snprintf(s.note, sizeof s.note, "... %s segments, %s bytes ...", n, bytes);
        draw(l, &s);
    }
    for (unsigned i = 0; i < l->ntail; i++)
        draw(l, &l->tail[(l->tail_at + RING - l->ntail + i) % RING]);
    l->ntail = 0;
    l->run = l->skipped = l->skipped_bytes = 0;
}

static void plain_row(struct ladder *l, const struct row *r)
{
    if (l->cfg.full || ++l->run <= HEAD) {
        draw(l, r);
        return;
    }
    if (l->ntail == RING)
        skip_oldest(l);
    l->tail[l->tail_at] = *r;
    l->tail_at = (l->tail_at + 1) % RING;
    l->ntail++;
}

/* ---- packets -------------------------------------------------------------- */

static void flags_text(struct sb *b, uint16_t flags)
{
    static const struct { uint16_t bit; char c; } names[] = {
        {TH_FIN, 'F'}, {TH_SYN, 'S'}, {TH_RST, 'R'}, {TH_PUSH, 'P'}, {TH_ACK, '.'},
        {TH_URG, 'U'}, {TH_ECE, 'E'}, {TH_CWR, 'W'},
    };
    sb_ch(b, '[');
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            sb_ch(b, names[i].c);
    if (!(flags & 0xff))
        sb_s(b, "none");
    sb_ch(b, ']');
}

static void endpoint_text(char buf[64], const struct endpoint *ep)
{
    struct sb b;
    sb_init(&b, buf, 63, NULL);
    addr_port_format(&b, &ep->addr, ep->port);
    buf[b.len] = '\0';
}

static void begin(struct ladder *l, const struct conn *c, nstime now)
{
    char client[64], server[64], title[160];
    l->seen = true;
    l->stream = c->stream;
    l->first = now;
    endpoint_text(client, &c->ep[CLIENT]);
    endpoint_text(server, &c->ep[SERVER]);
    snprintf(title, sizeof title, "stream %llu: client %s, server %s",
             (unsigned long long)c->stream, client, server);
    struct sb *o = l->out;
    sb_s(o, title);
    sb_s(o, "\n\n  time (s)");
    pad(o, 10);
    sb_s(o, "client");
    pad(o, 38);
    sb_s(o, "server\n");
    if (l->cfg.svg)
        svg_start(l, title, client, server);
    draw(l, &(struct row){.dir = -1});
}

void ladder_packet(struct ladder *l, const struct pkt *p, const struct seg_view *v)
{
    const struct conn *c = v->conn;
    if (!c || (l->seen ? c->stream != l->stream : !follow_selects(&l->cfg.sel, c)))
        return;
    nstime now = frame_time_ns(p->ts_sec, p->ts_nsec);
    if (!l->seen)
        begin(l, c, now);
    const struct tcp *tcp = pkt_tcp(p);
    struct row r = {.t = now, .has_time = true, .dir = v->side, .len = v->ws.seglen};
    struct sb b;
    sb_init(&b, r.label, sizeof r.label - 1, NULL);
    flags_text(&b, tcp->flags);
    sb_printf(&b, " seq=%u", v->ws.seq_rel);
    if (tcp->flags & TH_ACK)
        sb_printf(&b, " ack=%u", v->ws.ack_rel);
    if (v->ws.seglen)
        sb_printf(&b, " len=%u", v->ws.seglen);
    r.label[b.len] = '\0';

    sb_init(&b, r.note, sizeof r.note - 1, NULL);
    bool said = verdict_wireshark(&b, &v->ws);
    const char *cause = verdict_cause_name(&v->rx), *probe = verdict_probe_name(&v->rx);
    if (cause || probe)
        sb_printf(&b, "%stcplens: %s", said ? "  " : "", cause ? cause : probe);
    r.note[b.len] = '\0';

    bool plain = !(tcp->flags & (TH_SYN | TH_FIN | TH_RST)) && !v->ntrans && !r.note[0];
    if (plain) {
        plain_row(l, &r);
        return;
    }
    flush_run(l);
    /* the first state change of each side on the arrow's row, later ones below */
    unsigned used[2] = {0, 0};
    struct row extra[SEG_MAX_TRANS];
    unsigned nextra = 0;
    for (unsigned i = 0; i < v->ntrans; i++) {
        const struct transition *t = &v->trans[i];
        const char *name = tcp_state_name(t->to);
        if (used[t->side]++ == 0) {
            snprintf(r.state[t->side], sizeof r.state[t->side], "%s", name);
        } else {
            extra[nextra] = (struct row){.dir = -1};
            snprintf(extra[nextra].state[t->side], sizeof extra[nextra].state[0], "%s", name);
            nextra++;
        }
    }
    draw(l, &r);
    for (unsigned i = 0; i < nextra; i++)
        draw(l, &extra[i]);
}

bool ladder_end(struct ladder *l)
{
    if (!l->seen)
        return false;
    flush_run(l);
    return l->cfg.svg ? svg_end(l) : true;
}
