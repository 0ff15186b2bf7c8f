/* annotate.c - the --states and --analysis lines under a segment's tcpdump line. */
#include "report/annotate.h"

#include "report/verdict.h"

static void endpoint_text(struct sb *o, const struct endpoint *e)
{
    addr_format(o, &e->addr);
    sb_ch(o, '.');
    sb_u32(o, e->port);
}

void annotate_states(struct sb *o, const struct seg_view *v)
{
    const struct conn *c = v->conn;
    if (!c)
        return;
    static const char *const who[2] = {"client", "server"};
    if (c->first_frame == v->frame) {
        sb_s(o, "\tstream ");
        sb_u64(o, c->stream);
        sb_s(o, ": new connection, client ");
        endpoint_text(o, &c->ep[CLIENT]);
        sb_s(o, ", server ");
        endpoint_text(o, &c->ep[SERVER]);
        if (c->start == START_MIDSTREAM)
            sb_s(o, " (started before the capture: both sides taken as ESTABLISHED, roles "
                    "guessed from the ports)");
        else if (c->start == START_SYNACK)
            sb_s(o, " (its SYN was not captured: the client is taken as in SYN_SENT)");
        sb_ch(o, '\n');
    }
    for (int i = 0; i < v->ntrans;) {
        int side = v->trans[i].side;
        sb_ch(o, '\t');
        sb_s(o, who[side]);
        sb_ch(o, ' ');
        sb_s(o, tcp_state_name(v->trans[i].from));
        /* one line per side: CLOSED -> LISTEN -> SYN_RCVD */
        for (; i < v->ntrans && v->trans[i].side == side; i++) {
            sb_s(o, " -> ");
            sb_s(o, tcp_state_name(v->trans[i].to));
        }
        sb_ch(o, '\n');
    }
}

static void note_line(void *ctx, const char *text)
{
    struct sb *o = ctx;
    sb_s(o, "\tnote: ");
    sb_s(o, text);
    sb_ch(o, '\n');
}

/* One "\tlabel: text" line, when fn has something to say. */
static void labelled(struct sb *o, const char *label, bool (*fn)(struct sb *, const void *),
                     const void *arg)
{
    char buf[512];
    struct sb line;
    sb_init(&line, buf, sizeof buf, NULL);
    if (!fn(&line, arg))
        return;
    sb_printf(o, "\t%s: %s\n", label, sb_str(&line));
}

static bool wireshark_text(struct sb *o, const void *v) { return verdict_wireshark(o, v); }
static bool tcplens_text(struct sb *o, const void *v) { return verdict_tcplens(o, v); }

void annotate_analysis(struct sb *o, const struct seg_view *v)
{
    if (!v->conn)
        return;
    labelled(o, "wireshark", wireshark_text, &v->ws);
    labelled(o, "tcplens", tcplens_text, &v->rx);
    verdict_notes(v, note_line, o);
}
