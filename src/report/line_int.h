/*
 * line_int.h - shared state of the line printer's pieces (private to
 * report/line*.c).  Each layer printer appends its part of the line and
 * returns false when tcpdump would stop printing there.
 */
#ifndef TCPLENS_REPORT_LINE_INT_H
#define TCPLENS_REPORT_LINE_INT_H

#include "report/line.h"

/* IP protocol numbers the printers test for. */
enum {
    P_TCP = 6,
    P_UDP = 17,
    P_DCCP = 33,
    P_ICMPV6 = 58,
    P_NONE = 59,
    P_ND = 77,
    P_SCTP = 132,
};

struct lctx {
    const struct line_config *cfg;
    struct sb *o;
    const struct pkt *p;
    const struct seg_view *v;
    bool aborted; /* tcpdump unwound the whole printer (longjmp): -x dumps the whole frame */
    const char *proto; /* name in truncation markers: the last printer tcpdump entered */
};

/* " [|proto]"; `abort` when tcpdump reaches it by unwinding the stack. */
void line_trunc(struct lctx *c, const char *proto, bool abort);

/* Layers, from index i of the stack on. */
bool line_layers_from(struct lctx *c, int i);

bool line_eth(struct lctx *c, int i);
bool line_llc(struct lctx *c, int i);
bool line_sll(struct lctx *c, int i);
bool line_null(struct lctx *c, int i);
bool line_raw(struct lctx *c, int i);
bool line_ipv4(struct lctx *c, int i);
bool line_ipv6(struct lctx *c, int i);
bool line_udp(struct lctx *c, int i);
bool line_arp(struct lctx *c, int i);
bool line_tcp(struct lctx *c, int i);
bool line_l4ports(struct lctx *c, int i);

/* "src > dst: " of the IP layer at index ip. */
void line_ip_addrs(struct lctx *c, int ip, bool with_colon_space);
/* "a.p > b.q: " when the IP header's next header is proto, else "p > q: "
 * (tcpdump leaves the addresses out after IPv6 extension headers). */
void line_ports(struct lctx *c, int ip, uint8_t proto, uint16_t sport, uint16_t dport);
/* The IP layer's "next header" is the given protocol (tcpdump prints
 * addresses with ports only then). */
bool line_ip_next_is(const struct lctx *c, int ip, uint8_t proto);

static inline bool last_layer(const struct lctx *c, int i) { return i + 1 == c->p->nlayers; }

/* "aa:bb:cc:dd:ee:ff" */
void line_mac(struct sb *o, const uint8_t *m, unsigned n);
/* "ethertype IPv4 (0x0800)", or with -q just the name. */
void line_ethertype(struct lctx *c, uint16_t type);
/* IP protocols printed with addresses and ports by their own printers. */
bool line_is_transport(uint8_t proto);
/* A protocol above IP that tcplens does not decode. */
void line_other_proto(struct lctx *c, uint8_t proto, uint32_t length);

/* Unknown payload after a header: tcpdump's hex and ASCII default print. */
void line_default_print(struct lctx *c, struct bytes b);

#endif
