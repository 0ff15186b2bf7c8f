/*
 * anomaly.h - named anomalies the decoder records on a packet.
 *
 * A decoder never prints or fails: when bytes are missing or a field is
 * bogus it sets one of these bits (pkt_anom) and stops or carries on as the
 * protocol allows.  Printers and analyses read them back by name.
 */
#ifndef TCPLENS_DECODE_ANOMALY_H
#define TCPLENS_DECODE_ANOMALY_H

enum anomaly {
    ANOM_TRUNCATED,        /* a header ran past the captured bytes */
    ANOM_LINK_BAD,         /* link header invalid (e.g. length < caplen) */
    ANOM_IP_BAD_VERSION,
    ANOM_IP_BAD_HLEN,
    ANOM_IP_BAD_LEN,       /* total length under header length, or 0 (TSO) */
    ANOM_IP_LEN_MISSING,   /* IP length says more bytes than the frame has */
    ANOM_IP_BAD_CKSUM,
    ANOM_IP6_EXT_BAD,
    ANOM_TCP_BAD_HLEN,     /* data offset under 5 or past the segment */
    ANOM_TCP_BAD_OPT,
    ANOM_TCP_BAD_CKSUM,
    ANOM_UDP_BAD,
    ANOM_TOO_DEEP,
    ANOM_COUNT
};

/* Short stable name, e.g. "tcp-bad-hlen". */
const char *anomaly_name(enum anomaly a);

#endif
