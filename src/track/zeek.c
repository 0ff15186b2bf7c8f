/*
 * zeek.c - Zeek's conn.log view of a connection: its per-endpoint states
 * (INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL, ESTABLISHED, CLOSED, RESET),
 * the history letters and conn_state, with Zeek's rules:
 *
 *   - letters are recorded before the state machine runs for the packet;
 *     upper case for the originator (our client), lower for the responder;
 *   - A, D, I, Q at most once per direction; S/H, F, R again only when the
 *     relative sequence number differs from the previous one of the kind;
 *   - G, T, W on the 1st, 10th, 100th ... occurrence per direction;
 *   - '^' first when the originator is not the first packet's sender.
 *
 * Not modelled: bad-checksum packets ('C'; checksums are not verified,
 * like zeek -C) and Zeek's timers, which may split one connection into
 * several conn.log lines (its 5 s connection-attempt timer, for one).
 */
#include "track/zeek.h"

#include <string.h>

#include "base/seq.h"

enum {
    HIST_SYN = 0x1,
    HIST_FIN = 0x2,
    HIST_RST = 0x4,
    HIST_FIN_RST = 0x8,
    HIST_DATA = 0x10,
    HIST_ACK = 0x20,
    HIST_MULTI = 0x40,
};

enum scaled { SCALED_G, SCALED_T, SCALED_W };

static void add_letter(struct conn *c, char code)
{
    size_t n = strlen(c->history);
    if (n < CONN_HISTORY) {
        c->history[n] = code;
        c->history[n + 1] = '\0';
    }
}

static char cased(int side, char code)
{
    return side == CLIENT ? code : (char)(code - 'A' + 'a');
}

/* Record the letter the first time its kind is seen in this direction;
 * true if it had been seen before. */
static bool once(struct conn *c, int side, uint32_t mask, char code)
{
    uint32_t bit = side == CLIENT ? mask : mask << 16;
    if (c->hist_seen & bit)
        return true;
    c->hist_seen |= bit;
    add_letter(c, cased(side, code));
    return false;
}

/* The letter on the 1st, 10th, 100th ... occurrence. */
static void scaled(struct conn *c, int side, enum scaled k, char code)
{
    struct zeek_side *z = &c->zeek[side];
    if (z->thresh[k] == 0)
        z->thresh[k] = 1;
    if (++z->count[k] == z->thresh[k]) {
        add_letter(c, cased(side, code));
        uint32_t next = z->thresh[k] * 10;
        if (next <= z->thresh[k])
            z->count[k] = 0;
        else
            z->thresh[k] = next;
    }
}

static void set_state(struct zeek_side *z, enum zeek_state s)
{
    if (z->state != s) {
        z->prev_state = z->state;
        z->state = (uint8_t)s;
    }
}

void zeek_start(struct conn *c)
{
    c->history[0] = '\0';
    if (c->flipped)
        add_letter(c, '^');
}

/* The letters for one packet's SYN, FIN, RST, data or ACK. */
static void history(struct conn *c, int side, const struct seg *s, uint32_t rel)
{
    struct zeek_side *z = &c->zeek[side];
    int syn = (s->flags & TH_SYN) != 0, fin = (s->flags & TH_FIN) != 0,
        rst = (s->flags & TH_RST) != 0;
    if (syn + fin + rst > 1) {
        if (fin && rst)
            once(c, side, HIST_FIN_RST, 'I');
        else
            once(c, side, HIST_MULTI, 'Q');
    } else if (syn) {
        char code = (s->flags & TH_ACK) ? 'H' : 'S';
        if (once(c, side, HIST_SYN, code) && rel != z->last_syn)
            add_letter(c, cased(side, code));
        z->last_syn = rel;
    } else if (fin) {
        if (once(c, side, HIST_FIN, 'F') && rel + s->len != z->last_fin)
            add_letter(c, cased(side, 'F'));
        z->last_fin = rel + s->len;
    } else if (rst) {
        if (once(c, side, HIST_RST, 'R') && rel != z->last_rst)
            add_letter(c, cased(side, 'R'));
        z->last_rst = rel;
    } else if (s->len) {
        once(c, side, HIST_DATA, 'D');
    } else if (s->flags & TH_ACK) {
        once(c, side, HIST_ACK, 'A');
    }
}

/* Highest sequence end, and 'T' for payload that does not pass it. */
static void last_seq(struct conn *c, int side, const struct seg *s, uint32_t end)
{
    struct zeek_side *z = &c->zeek[side];
    int32_t delta = seq_diff(end, z->last_seq);
    if ((s->flags & (TH_SYN | TH_RST)) && (delta > 1048576 || delta < -1048576))
        return;
    if ((s->flags & TH_FIN) && z->last_seq == z->start_seq + 1)
        z->last_seq = end;
    else if (z->state == Z_RESET)
        return;
    else if (delta > 0)
        z->last_seq = end;
    else if (s->len > 0)
        scaled(c, side, SCALED_T, 'T');
}

static void state_inactive(struct conn *c, int side, const struct seg *s)
{
    struct zeek_side *z = &c->zeek[side], *peer = &c->zeek[!side];
    if (s->flags & TH_SYN) {
        if (side == CLIENT) {
            set_state(z, (s->flags & TH_ACK) ? Z_SYN_ACK_SENT : Z_SYN_SENT);
        } else {
            if (peer->state == Z_SYN_SENT || peer->state == Z_SYN_ACK_SENT)
                set_state(peer, Z_ESTABLISHED);
            set_state(z, Z_ESTABLISHED);
        }
    }
    if (s->flags & TH_FIN)
        set_state(z, Z_CLOSED);
    if (s->flags & TH_RST)
        set_state(z, Z_RESET);
    if (z->state != Z_INACTIVE)
        return;
    if (side == SERVER && s->len == 0 && c->zeek[CLIENT].state == Z_SYN_SENT)
        return;
    set_state(z, (s->flags & TH_ACK) && peer->state == Z_ESTABLISHED ? Z_ESTABLISHED : Z_PARTIAL);
}

static void state_machine(struct conn *c, int side, const struct seg *s)
{
    struct zeek_side *z = &c->zeek[side], *peer = &c->zeek[!side];
    switch (z->state) {
    case Z_INACTIVE:
        state_inactive(c, side, s);
        break;
    case Z_SYN_SENT:
    case Z_SYN_ACK_SENT:
        if (s->flags & TH_FIN)
            set_state(z, Z_CLOSED);
        if (s->flags & TH_RST)
            set_state(z, Z_RESET);
        break;
    case Z_ESTABLISHED:
    case Z_PARTIAL:
        if ((s->flags & (TH_SYN | TH_ACK)) == TH_SYN && z->state == Z_PARTIAL &&
            peer->state == Z_INACTIVE)
            set_state(z, Z_SYN_SENT);
        if ((s->flags & TH_FIN) && !(s->flags & TH_RST)) {
            set_state(z, Z_CLOSED);
            if (peer->state == Z_RESET && peer->prev_state == Z_CLOSED)
                set_state(peer, Z_CLOSED);
        }
        if (s->flags & TH_RST)
            set_state(z, Z_RESET);
        break;
    case Z_CLOSED:
        if ((s->flags & TH_RST) && peer->state != Z_CLOSED)
            set_state(z, Z_RESET);
        break;
    default:
        break;
    }
}

/* Both established, or closed after being established (Zeek's condition
 * for reporting a content gap). */
static bool gap_possible(const struct conn *c)
{
    for (int i = 0; i < 2; i++) {
        const struct zeek_side *z = &c->zeek[i];
        bool ok = z->state == Z_ESTABLISHED ||
                  (z->state == Z_CLOSED && z->prev_state == Z_ESTABLISHED);
        if (!ok)
            return false;
    }
    return true;
}

/* Where this side's sequence numbers start, given its state before the
 * packet: a SYN (re)starts them; a side first seen without one starts
 * at seq - 1, as though its SYN had been seen. */
static void init_sequence(struct zeek_side *z, const struct seg *s, uint32_t end)
{
    bool syn = (s->flags & TH_SYN) != 0;
    bool restart;
    switch (z->state) {
    case Z_INACTIVE:
        z->start_seq = syn ? s->seq : s->seq - 1;
        z->last_seq = syn ? end : s->seq;
        z->started = true;
        return;
    case Z_SYN_SENT:
    case Z_SYN_ACK_SENT:
        restart = syn && s->seq != z->start_seq;
        break;
    case Z_ESTABLISHED:
    case Z_PARTIAL:
        restart = syn;
        break;
    case Z_RESET:
        restart = syn && z->prev_state == Z_INACTIVE;
        break;
    default:
        restart = false;
        break;
    }
    if (restart) {
        z->start_seq = s->seq;
        z->last_seq = end;
    }
}

void zeek_segment(struct conn *c, int side, const struct seg *s)
{
    struct zeek_side *z = &c->zeek[side], *peer = &c->zeek[!side];
    uint32_t space = s->len + ((s->flags & TH_SYN) ? 1u : 0u) + ((s->flags & TH_FIN) ? 1u : 0u);
    if (s->flags & TH_RST)
        space -= s->len;
    uint32_t end = s->seq + space;
    init_sequence(z, s, end);
    history(c, side, s, s->seq - z->start_seq);
    if (s->win == 0 && !(s->flags & TH_RST) && peer->state != Z_CLOSED && z->state != Z_RESET)
        scaled(c, side, SCALED_W, 'W');
    if ((s->flags & TH_ACK) && peer->started && peer->state != Z_INACTIVE &&
        seq_gt(s->ack, peer->last_seq) && gap_possible(c))
        scaled(c, !side, SCALED_G, 'G'); /* acknowledged data never seen: a gap */
    last_seq(c, side, s, end);
    state_machine(c, side, s);
}

const char *zeek_conn_state(const struct conn *c)
{
    enum zeek_state os = c->zeek[CLIENT].state, rs = c->zeek[SERVER].state;
    bool o_inactive = os == Z_INACTIVE || os == Z_PARTIAL;
    bool r_inactive = rs == Z_INACTIVE || rs == Z_PARTIAL;
    if (rs == Z_RESET) {
        if (os == Z_SYN_SENT || os == Z_SYN_ACK_SENT ||
            (os == Z_RESET && c->ep[CLIENT].bytes == 0 && c->ep[SERVER].bytes == 0))
            return "REJ";
        return o_inactive ? "RSTRH" : "RSTR";
    }
    if (os == Z_RESET) {
        if (!r_inactive)
            return "RSTO";
        /* ^?S[^HAFGIQ]*R.* over the whole history */
        const char *h = c->history;
        if (*h == '^')
            h++;
        if (*h++ != 'S')
            return "OTH";
        while (*h && !strchr("HAFGIQ", *h)) {
            if (*h == 'R')
                return "RSTOS0";
            h++;
        }
        return "OTH";
    }
    if (rs == Z_CLOSED && os == Z_CLOSED)
        return "SF";
    if (os == Z_CLOSED)
        return r_inactive ? "SH" : "S2";
    if (rs == Z_CLOSED)
        return o_inactive ? "SHR" : "S3";
    if (os == Z_SYN_SENT && rs == Z_INACTIVE)
        return "S0";
    if (os == Z_ESTABLISHED && rs == Z_ESTABLISHED)
        return "S1";
    return "OTH";
}
