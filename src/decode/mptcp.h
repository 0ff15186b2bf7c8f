/*
 * mptcp.h - Multipath TCP option (RFC 8684, and RFC 6824's version 0):
 * subtype fields as tcpdump prints them.
 *
 * mptcp_decode() reads one whole, captured option.  `valid` is false when
 * the length does not fit the subtype or the segment's flags (tcpdump then
 * prints "[bad opt]"); for DSS, `dss_parts` tells how far the fields were
 * present before the length ran out, because tcpdump prints the parts it
 * could read before giving up.
 */
#ifndef TCPLENS_DECODE_MPTCP_H
#define TCPLENS_DECODE_MPTCP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/addr.h"
#include "base/rd.h"

enum mptcp_subtype {
    MP_CAPABLE,
    MP_JOIN,
    MP_DSS,
    MP_ADD_ADDR,
    MP_REMOVE_ADDR,
    MP_PRIO,
    MP_FAIL,
    MP_FASTCLOSE,
    MP_UNKNOWN, /* subtypes 8..15 */
};

/* DSS parts, in printing order; dss_parts counts those that were read. */
enum dss_part { DSS_ACK, DSS_SEQ, DSS_SUBSEQ, DSS_DLEN, DSS_CSUM };

struct mptcp_opt {
    uint8_t subtype;   /* enum mptcp_subtype */
    uint8_t len;       /* option length */
    bool valid;        /* false: "[bad opt]" after what was printed */
    bool header_ok;    /* len >= 3: subtype known, anything printed at all */
    uint8_t version;   /* capable */
    uint8_t flags;     /* capable: byte 3; dss: flags byte; join/prio: sub byte */
    uint8_t nkeys;     /* capable: 0, 1 or 2 keys */
    uint64_t key[2];   /* capable keys; fail data seq; fastclose key */
    uint8_t addr_id;   /* join, add-addr, prio */
    bool has_id;       /* prio with an id byte */
    uint32_t token, nonce;
    uint64_t hmac;     /* join syn/ack and add-addr truncated HMAC */
    bool has_hmac;
    struct bytes mac;  /* join ack: 20-byte HMAC */
    /* dss */
    uint8_t dss_parts;
    uint64_t ack, seq;
    uint32_t subseq;
    uint16_t dlen, csum;
    /* add-addr */
    uint8_t echo_bits; /* low nibble of the subtype byte */
    struct addr addr;
    bool has_port;
    uint16_t port;
    /* remove-addr */
    struct bytes ids;
};

/* data: the option's bytes after kind and length (len - 2 of them);
 * tcp_flags: the segment's flags, which decide what some subtypes may carry. */
void mptcp_decode(struct bytes data, uint8_t len, uint16_t tcp_flags, struct mptcp_opt *out);

#endif
