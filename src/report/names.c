/* names.c - protocol number -> name tables, spelled as tcpdump 4.99 spells them. */
#include "report/names.h"

#include <stddef.h>

struct name {
    uint32_t value;
    const char *name;
};

static const char *lookup(const struct name *t, size_t n, uint32_t v)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value == v)
            return t[i].name;
    return NULL;
}

#define LOOKUP(table, v) lookup(table, sizeof table / sizeof table[0], v)

const char *ethertype_name(uint16_t type)
{
    static const struct name t[] = {
        {0x0800, "IPv4"},
        {0x8847, "MPLS unicast"},
        {0x8848, "MPLS multicast"},
        {0x86dd, "IPv6"},
        {0x8100, "802.1Q"},
        {0x9100, "802.1Q-9100"},
        {0x88a8, "802.1Q-QinQ"},
        {0x9200, "802.1Q-9200"},
        {0x88e5, "802.1AE MACsec"},
        {0x0200, "PUP"},
        {0x0806, "ARP"},
        {0x8035, "Reverse ARP"},
        {0x0600, "NS"},
        {0x0500, "Sprite"},
        {0x1000, "Trail"},
        {0x6001, "MOP DL"},
        {0x6002, "MOP RC"},
        {0x6003, "DN"},
        {0x6004, "LAT"},
        {0x6007, "SCA"},
        {0x6558, "TEB"},
        {0x8038, "Lanbridge"},
        {0x803c, "DEC DNS"},
        {0x803e, "DEC DTS"},
        {0x805b, "VEXP"},
        {0x805c, "VPROD"},
        {0x809b, "Appletalk"},
        {0x80f3, "Appletalk ARP"},
        {0x8137, "IPX"},
        {0x880b, "PPP"},
        {0x8808, "MPCP"},
        {0x8809, "Slow Protocols"},
        {0x8863, "PPPoE D"},
        {0x8864, "PPPoE S"},
        {0x888e, "EAPOL"},
        {0x8899, "Realtek protocols"},
        {0x886f, "MS NLB heartbeat"},
        {0x8870, "Jumbo"},
        {0x894f, "NSH"},
        {0x9000, "Loopback"},
        {0xfefe, "OSI"},
        {0x00fe, "GRE-OSI"},
        {0xabcd, "CFM (old)"},
        {0x8902, "CFM"},
        {0x893a, "IEEE1905.1"},
        {0x88cc, "LLDP"},
        {0x88ca, "TIPC"},
        {0x0707, "GeoNet (old)"},
        {0x8947, "GeoNet"},
        {0x1111, "CALM FAST"},
        {0x88a2, "AoE"},
        {0x88f7, "PTP"},
        {0xd28b, "Arista Vendor Specific Protocol"},
    };
    return LOOKUP(t, type);
}

const char *ipproto_name(uint8_t proto)
{
    static const struct name t[] = {
        {0, "Options"},   {1, "ICMP"},     {2, "IGMP"},      {4, "IPIP"},
        {6, "TCP"},       {8, "EGP"},      {9, "IGRP"},      {17, "UDP"},
        {33, "DCCP"},     {41, "IPv6"},    {43, "Routing"},  {44, "Fragment"},
        {46, "RSVP"},     {47, "GRE"},     {50, "ESP"},      {51, "AH"},
        {55, "Mobile IP"}, {58, "ICMPv6"}, {62, "Mobile IP (old)"}, {88, "EIGRP"},
        {89, "OSPF"},     {103, "PIM"},    {108, "Compressed IP"}, {112, "VRRP"},
        {113, "PGM"},     {132, "SCTP"},   {135, "Mobility"}, {143, "Ethernet"},
    };
    return LOOKUP(t, proto);
}

const char *tcp_option_name(uint8_t kind)
{
    static const struct name t[] = {
        {0, "eol"},     {1, "nop"},        {2, "mss"},   {3, "wscale"}, {4, "sackOK"},
        {5, "sack"},    {6, "echo"},       {7, "echoreply"}, {8, "TS"}, {11, "cc"},
        {12, "ccnew"},  {13, ""},          {19, "md5"},  {20, "scps"},  {28, "uto"},
        {29, "tcp-ao"}, {30, "mptcp"},     {34, "tfo"},  {254, "exp"},
    };
    return LOOKUP(t, kind);
}

const char *bsd_af_name(uint32_t family)
{
    static const struct name t[] = {
        {2, "IPv4"}, {6, "NS"}, {7, "ISO"}, {16, "Appletalk"}, {23, "IPX"},
        {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"},
    };
    return LOOKUP(t, family);
}

const char *arp_hrd_name(uint16_t hrd)
{
    static const struct name t[] = {
        {1, "Ethernet"}, {6, "TokenRing"}, {7, "ArcNet"}, {15, "FrameRelay"},
        {23, "Strip"}, {24, "IEEE 1394"}, {19, "ATM"}, {32, "InfiniBand"},
    };
    return LOOKUP(t, hrd);
}
