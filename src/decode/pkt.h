/*
 * pkt.h - what the decoder learned from one frame: `struct pkt`.
 *
 * A frame decodes to a stack of layers, outermost first: link, network,
 * transport, and again for a tunnel (VXLAN or Geneve carry a whole inner
 * frame).  Each layer keeps the values of its header fields in host order,
 * where in the frame it started, and how far decoding got (`stop`), because
 * a printer must be able to say exactly where a truncated or malformed
 * header ended.  Nothing here points outside the frame; `struct bytes` views
 * are windows that rd.h proved to be inside it.
 *
 * The decoder fills a caller-owned pkt and never allocates; the layer stack
 * has a fixed depth (PKT_MAX_LAYERS), deep enough for a tunnel inside VLAN
 * tags, and the decoder stops (with PKT_TOO_DEEP) rather than overflow it.
 */
#ifndef TCPLENS_DECODE_PKT_H
#define TCPLENS_DECODE_PKT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/addr.h"
#include "base/rd.h"
#include "decode/anomaly.h"
#include "decode/mptcp.h"

#define PKT_MAX_LAYERS 12
#define ETH_MAX_TAGS 4
#define IP6_MAX_EXT 8
#define IP6_MAX_RT_ADDRS 4
#define TCP_MAX_OPTS 40
#define SACK_MAX_BLOCKS 4
#define TCP_MAX_MPTCP 4

enum layer_kind {
    LAYER_ETH,
    LAYER_SLL,
    LAYER_SLL2,
    LAYER_NULL,
    LAYER_RAW,
    LAYER_IPV4,
    LAYER_IPV6,
    LAYER_ARP,
    LAYER_LLC,
    LAYER_UDP,
    LAYER_VXLAN,
    LAYER_GENEVE,
    LAYER_TCP,
    LAYER_PORTS, /* SCTP or DCCP: only the ports are decoded */
};

/* ---- link layers ---------------------------------------------------- */

struct vlan_tag {
    uint16_t tpid; /* 0x8100, 0x88a8, 0x9100, 0x9200 */
    uint16_t tci;  /* priority (3), DEI (1), VLAN id (12) */
};

enum eth_stop {
    ETH_SHORT,       /* fewer than 14 bytes captured */
    ETH_TAG_SHORT,   /* a VLAN tag was cut off */
    ETH_LEN_INVALID, /* frame length < captured length */
    ETH_DONE,
};

struct eth {
    uint8_t dst[6], src[6];
    uint8_t ntags;
    struct vlan_tag tags[ETH_MAX_TAGS];
    uint16_t type;     /* final EtherType, or an 802.3 length (<= 1500) */
    uint32_t wire_len; /* frame length from the capture record or tunnel */
    uint32_t cap_len;  /* bytes of this frame that were captured */
    uint8_t stop;      /* enum eth_stop */
};

struct sll {
    uint16_t pkttype;  /* 0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing */
    uint16_t hatype;
    uint16_t halen;
    uint8_t addr[8];
    uint16_t proto;
    uint32_t ifindex;  /* SLL2 only */
    uint8_t ntags;     /* 802.1Q tags that follow the header */
    struct vlan_tag tags[ETH_MAX_TAGS];
    uint16_t type;     /* final protocol after tags */
    uint32_t wire_len;
    bool hdr_short;    /* the fixed header was not captured */
    bool tag_short;    /* a tag was cut off */
};

struct null_hdr {
    uint32_t family; /* BSD AF_ value, byte order normalised */
    uint32_t wire_len;
    bool hdr_short;  /* the 4-byte header was not captured */
};

enum raw_stop { RAW_EMPTY, RAW_SHORT, RAW_BAD_VERSION, RAW_DONE };

struct raw {
    uint8_t version; /* version nibble of the first byte */
    uint32_t wire_len;
    uint8_t stop;    /* enum raw_stop */
};

/* ---- network layers -------------------------------------------------- */

enum ip_stop {
    IP_EMPTY,       /* not a byte captured */
    IP_SHORT,       /* fixed header not captured */
    IP_BAD_VERSION, /* version nibble is not 4 (or 6) */
    IP_LEN_SHORT,   /* length from the layer below is under 20 (40) */
    IP_BAD_HLEN,    /* IHL under 5 */
    IP_BAD_LEN,     /* total length under the header length */
    IP_OPT_TRUNC,   /* options could not be read (-v prints [truncated-option]) */
    IP_HDR_SHORT,   /* header with options not captured */
    IP_FRAGMENT,    /* not the first fragment: no transport header */
    IP_EXT_BAD,     /* IPv6 extension header walk failed (see ip6.ext_stop) */
    IP_DONE,        /* payload handed to the next layer */
};

#define IP4_MAX_OPTS 40 /* 40 option bytes: at most 40 options */
#define IP4_MAX_HOPS 10 /* 4-byte hops that fit in 40 option bytes */

enum ip4_opt_status {
    IP4O_OK,
    IP4O_BAD_LEN,  /* length byte < 2 or past the options: " [bad length N]", walk ends */
    IP4O_TRUNC,    /* option not captured: walk fails ([truncated-option]) */
    IP4O_CUT,      /* code byte not captured */
    IP4O_CUT_LEN,  /* length byte not captured */
};

/* One IPv4 option as tcpdump -v shows it. */
struct ip4_opt {
    uint8_t code, len;
    uint8_t status;     /* enum ip4_opt_status */
    uint8_t ptr;        /* route and timestamp pointer byte */
    uint8_t flags;      /* timestamp overflow/flag byte */
    uint8_t first_hop;  /* index into ipv4.hop/ts */
    uint8_t nhops;      /* route addresses or timestamp entries read */
    bool hops_trunc;    /* a hop ran past the captured bytes */
    uint16_t ra_value;  /* router alert */
};

struct ipv4 {
    uint8_t version, ihl, tos, ttl, proto;
    uint16_t total_len, id, frag, sum;
    uint16_t sum_should;  /* value the checksum should hold (when bad) */
    bool sum_checked, sum_ok;
    struct addr src, dst;
    struct addr final_dst; /* last hop of a source route, for pseudo-headers */
    uint32_t avail_len;    /* length from the layer below */
    uint32_t opt_off, opt_len;
    uint8_t nopts;
    struct ip4_opt opts[IP4_MAX_OPTS];
    uint8_t nhops;         /* route and timestamp hops of all options */
    uint8_t hop[IP4_MAX_HOPS][4];
    uint32_t ts[IP4_MAX_HOPS];
    uint32_t payload_len;  /* total_len - header length */
    uint8_t stop;          /* enum ip_stop */
};

enum ip6_ext_kind { EXT_HBH, EXT_DSTOPT, EXT_ROUTING, EXT_FRAGMENT, EXT_MOBILITY };

/* How one hop-by-hop/destination option ended (tcpdump's wording per case). */
enum ip6_opt_verdict {
    O6_OK,
    O6_CUT,      /* length runs past the header: walk stops, nothing said */
    O6_TRUNC,    /* "(padn: trunc)", "(jumbo: trunc)", ... */
    O6_BAD_LEN,  /* "(rtalert: invalid len N)", ... */
};

/* What a jumbo payload option meant (RFC 2675). */
enum jumbo_verdict { JUMBO_VALID, JUMBO_SEEN, JUMBO_NOT_HBH, JUMBO_PLEN_SET, JUMBO_TOO_SMALL };

struct ip6_opt {
    uint8_t type;
    uint8_t len;      /* option data length byte */
    uint8_t verdict;  /* enum ip6_opt_verdict */
    uint8_t jumbo;    /* enum jumbo_verdict, for type 0xc2 */
    uint32_t value;   /* jumbo length, router-alert value */
    struct addr home; /* home address option */
};

struct ip6_ext {
    uint8_t kind;     /* enum ip6_ext_kind */
    uint8_t next;     /* its next-header field */
    uint32_t len;     /* header length in bytes */
    bool complete;    /* the whole header was captured */
    bool len_known;   /* the header length byte was captured */
    struct bytes opts; /* option bytes (read with ip6_opt_next) */
    bool opts_bad;    /* the option walk fails (shown only where tcpdump walks it) */
    bool first_rt;    /* the first routing header: it names the final destination */
    /* routing header */
    uint8_t rt_len, rt_type, rt_segleft, rt_last_ent, rt_flags;
    uint16_t rt_tag;
    uint32_t rt_reserved;
    uint8_t rt_naddrs;    /* addresses claimed (len / 2) */
    uint8_t rt_captured;  /* of those, captured (and kept, up to IP6_MAX_RT_ADDRS) */
    struct addr rt_addrs[IP6_MAX_RT_ADDRS];
    /* fragment header */
    uint8_t frag_cap;     /* bytes of the 8-byte header captured */
    uint32_t frag_ident;
    uint16_t frag_offlg;
    uint64_t frag_plen;   /* payload length after the fragment header (wraps as size_t) */
};

enum ip6_ext_stop {
    EXT6_OK,
    EXT6_TRUNC,          /* header length byte or body not captured */
    EXT6_HBH_TWICE,
    EXT6_HBH_NOT_FIRST,
    EXT6_NO_JUMBO,       /* payload length 0 and no valid jumbo option */
    EXT6_OPT_BAD,        /* option walk failed */
    EXT6_RT_BAD_LEN,     /* routing header of odd length */
    EXT6_RT_UNKNOWN,     /* routing header type not 0, 2 or 4 */
    EXT6_RT_ADDR_SHORT,  /* a routing address was not captured */
    EXT6_MOBILITY,       /* a mobility header ends the walk */
    EXT6_FRAG_LATER,     /* not the first fragment */
    EXT6_NOTHING_AFTER,  /* nothing captured after the last extension header */
    EXT6_LEN_SHORT,      /* payload length shorter than the headers */
};

struct ipv6 {
    uint8_t version;
    uint32_t flow;        /* version, class and label word */
    uint16_t payload_len;
    uint8_t next;         /* next-header of the fixed header */
    uint8_t hlim;
    struct addr src, dst;
    struct addr final_dst; /* last routing-header address, for pseudo-headers */
    uint32_t avail_len;   /* length from the layer below */
    uint32_t jumbo_len;   /* from a valid jumbo option, else 0 */
    uint8_t nexts;
    struct ip6_ext exts[IP6_MAX_EXT];
    uint8_t ext_stop;     /* enum ip6_ext_stop */
    bool no_jumbo;        /* payload length 0 without a valid jumbo option */
    uint8_t proto;        /* protocol after the extension headers */
    bool fragmented;      /* a fragment header was seen */
    uint32_t transport_len; /* length handed to the transport layer */
    uint8_t stop;         /* enum ip_stop */
};

struct arp {
    uint16_t hrd, pro, op;
    uint8_t hln, pln;
    bool complete;            /* all four addresses captured */
    uint8_t sha[16], spa[16], tha[16], tpa[16];
    uint32_t len;             /* length from the layer below */
};

struct llc {
    uint8_t dsap, ssap;  /* whole fields, I/G and C/R bits included */
    uint16_t control;
    bool is_u;           /* unnumbered frame: one control byte */
    uint8_t hdrlen;      /* 3 or 4 */
    bool complete;       /* header captured and within the length */
    uint32_t length;     /* length from the 802.3 field */
};

/* ---- transport layers ------------------------------------------------ */

struct ports {
    uint8_t proto;      /* 132 SCTP or 33 DCCP */
    bool ok;            /* both ports captured */
    uint16_t sport, dport;
    uint32_t length;    /* length from IP */
};

enum udp_stop {
    UDP_PORTS_SHORT, /* ports not captured */
    UDP_LEN_SHORT,   /* IP says fewer than 8 bytes */
    UDP_ULEN_SHORT,  /* length field not captured */
    UDP_ULEN_BAD,    /* length field under 8 */
    UDP_HDR_SHORT,   /* checksum field not captured */
    UDP_DONE,
};

struct udp {
    uint16_t sport, dport, ulen, sum;
    uint16_t sum_should;
    bool ports_ok;   /* ports captured */
    bool ulen_ok;    /* length field captured */
    bool sum_checked, sum_ok;
    uint32_t length;      /* length from IP */
    uint32_t payload_len; /* min(ulen, length) - 8 */
    bool fragmented; /* IP says more fragments follow */
    uint8_t stop;    /* enum udp_stop */
};

struct vxlan {
    uint8_t flags;
    uint32_t vni;
    uint32_t len;  /* UDP payload length */
    uint8_t cap;   /* bytes of the 8-byte header captured */
};

enum geneve_stop {
    GENEVE_SHORT,       /* UDP payload under 8 bytes */
    GENEVE_TRUNC,       /* fixed header not captured */
    GENEVE_BAD_VERSION,
    GENEVE_OPTS_LONG,   /* options longer than the payload */
    GENEVE_OPTS_TRUNC,  /* options not captured */
    GENEVE_DONE,
};

struct geneve {
    uint8_t ver_opt, flags, reserved;
    uint16_t proto;
    uint32_t vni;
    uint32_t len;      /* UDP payload length */
    uint32_t opts_len;
    struct bytes opts;
    uint8_t stop;      /* enum geneve_stop */
};

enum tcp_opt_status {
    OPT_OK,
    OPT_CUT_KIND, /* kind or length byte not captured: " [|tcp]" alone */
    OPT_BAD_LEN,  /* length byte < 2 or past the header: "[bad opt]" alone */
    OPT_BAD,      /* data runs past the header: name, then "[bad opt]" */
    OPT_TRUNC,    /* data not captured: name and what was read, then " [|tcp]" */
};

struct tcp_opt {
    uint8_t kind;
    uint8_t len;         /* total length incl. kind and length bytes; 1 for eol/nop */
    uint8_t status;      /* enum tcp_opt_status */
    uint8_t avail;       /* data bytes readable (captured and inside the header) */
    uint16_t off;        /* frame offset of the kind byte */
    union {
        uint16_t mss;
        uint8_t wscale;
        uint16_t uto;
        uint32_t echo;   /* echo, echoreply, cc, ccnew, ccecho */
        struct { uint32_t val, ecr; } ts;
        struct { uint8_t n; uint32_t edge[SACK_MAX_BLOCKS][2]; } sack;
        struct { uint8_t cap, id; } scps;
        uint16_t magic;  /* experimental kind 254 */
        uint8_t mptcp;   /* index into tcp.mptcp */
    } v;
    struct bytes data;   /* the option's data bytes that could be read */
};

enum tcp_stop {
    TCP_PORTS_SHORT, /* fewer than 4 bytes: not even ports */
    TCP_HDR_SHORT,   /* fixed 20 bytes not captured */
    TCP_BAD_HLEN,    /* data offset under 5 */
    TCP_DONE,        /* fixed header read; see the option list */
};

enum cksum_state { CKSUM_UNCHECKED, CKSUM_OK, CKSUM_BAD };

struct tcp {
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t doff;        /* header length in 32-bit words */
    uint16_t flags;      /* 9 bits: FIN 0x01 ... CWR 0x80, AE 0x100 */
    uint8_t reserved;    /* the 3 bits between the data offset and AE */
    uint16_t win, sum, urp;
    uint32_t length;     /* segment length from IP (header + payload) */
    uint32_t cap_len;    /* bytes captured from the header on (inside IP) */
    bool fragmented;     /* IP says more fragments: no checksum */
    uint8_t cksum;       /* enum cksum_state */
    uint16_t sum_should;
    bool sum_pseudo;     /* the field holds the pseudo-header sum alone: the
                          * sender's NIC was to finish it (checksum offload) */
    uint8_t nopts;       /* the last one tells how the walk ended */
    struct tcp_opt opts[TCP_MAX_OPTS];
    uint8_t nmptcp;
    struct mptcp_opt mptcp[TCP_MAX_MPTCP];
    uint32_t payload_off; /* frame offset of the payload */
    uint32_t payload_len; /* length - header length, when the header fits */
    struct bytes payload; /* captured payload bytes */
    uint8_t stop;        /* enum tcp_stop */
};

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20
#define TH_ECE 0x40
#define TH_CWR 0x80
#define TH_AE 0x100

struct layer {
    uint8_t kind;  /* enum layer_kind */
    uint32_t off;  /* frame offset of the header */
    union {
        struct eth eth;
        struct sll sll;
        struct null_hdr null;
        struct raw raw;
        struct ipv4 ip4;
        struct ipv6 ip6;
        struct arp arp;
        struct llc llc;
        struct udp udp;
        struct vxlan vxlan;
        struct geneve geneve;
        struct tcp tcp;
        struct ports ports;
    } u;
};

/* Why decoding ended before a transport layer, for the "other" line. */
enum pkt_end {
    END_DONE,          /* reached TCP or a known end */
    END_UNKNOWN_LINK,  /* link type we do not decode */
    END_ETHERTYPE,     /* EtherType/family/802.3 we do not decode */
    END_IP_PROTO,      /* IP protocol other than TCP/UDP */
    END_UDP_PORT,      /* UDP to a port we do not decode */
    END_TOO_DEEP,      /* layer stack full */
};

struct pkt {
    uint64_t num;             /* frame number in the capture, from 1 */
    int64_t ts_sec;           /* capture time of the frame */
    int64_t ts_nsec;
    uint32_t caplen, wirelen;
    int linktype;
    const uint8_t *frame;     /* the frame bytes (caplen of them) */
    uint32_t link_hdr_len;    /* bytes before the network header (for -x) */
    uint8_t nlayers;
    struct layer layers[PKT_MAX_LAYERS];
    uint8_t end;              /* enum pkt_end */
    struct bytes rest;        /* undecoded bytes after the last layer */
    int tcp_index;            /* index of the TCP layer, or -1 */
    int ip_index;             /* index of the IP layer carrying it, or -1 */
    uint64_t anomalies;       /* bit set of enum anomaly */
};

static inline const struct tcp *pkt_tcp(const struct pkt *p)
{
    return p->tcp_index >= 0 ? &p->layers[p->tcp_index].u.tcp : 0;
}

/* tcpdump prints the TCP header only when the IP header above it was whole
 * (a total length of 0, for one, stops it at "bad-len 0"). */
static inline bool pkt_tcp_printed(const struct pkt *p)
{
    const struct layer *ip = &p->layers[p->ip_index];
    return ip->kind == LAYER_IPV4 ? ip->u.ip4.stop == IP_DONE : ip->u.ip6.stop == IP_DONE;
}

static inline void pkt_anom(struct pkt *p, enum anomaly a) { p->anomalies |= 1ull << a; }

static inline bool pkt_has_anom(const struct pkt *p, enum anomaly a)
{
    return (p->anomalies >> a) & 1u;
}

#endif
