/* anomaly.c - printable names of decoder anomalies. */
#include "decode/anomaly.h"

const char *anomaly_name(enum anomaly a)
{
    static const char *const names[ANOM_COUNT] = {
        [ANOM_TRUNCATED] = "truncated",
        [ANOM_LINK_BAD] = "link-bad",
        [ANOM_IP_BAD_VERSION] = "ip-bad-version",
        [ANOM_IP_BAD_HLEN] = "ip-bad-hlen",
        [ANOM_IP_BAD_LEN] = "ip-bad-len",
        [ANOM_IP_LEN_MISSING] = "ip-len-missing",
        [ANOM_IP_BAD_CKSUM] = "ip-bad-cksum",
        [ANOM_IP6_EXT_BAD] = "ip6-ext-bad",
        [ANOM_TCP_BAD_HLEN] = "tcp-bad-hlen",
        [ANOM_TCP_BAD_OPT] = "tcp-bad-opt",
        [ANOM_TCP_BAD_CKSUM] = "tcp-bad-cksum",
        [ANOM_UDP_BAD] = "udp-bad",
        [ANOM_TOO_DEEP] = "too-deep",
    };
    return (unsigned)a < ANOM_COUNT && names[a] ? names[a] : "unknown";
}
