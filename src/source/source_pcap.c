/*
 * source_pcap.c - frames from libpcap: capture files (pcap, pcapng, stdin),
 * live interfaces, BPF filters (pcap_compile, tcpdump syntax), statistics,
 * and the -w writer.
 *
 * Classic pcap files are read through pcap_map (a memory mapping, no copy
 * per record); libpcap reads everything else, and opens a mapped file too
 * (its header only) for the filter, the names and the -w writer.
 *
 * Files are opened at nanosecond precision so no timestamp digit is lost;
 * printers and the writer truncate to microseconds when that is what the
 * user asked for, which is what libpcap itself does when it scales.
 */
#include "source/source.h"
#include "source/pcap_map.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpcap reports DLT_ values; frames carry LINKTYPE_ values (they differ
 * only for raw IP, whose DLT number depends on the platform). */
static int linktype_of(pcap_t *p)
{
    int dlt = pcap_datalink(p);
    return dlt == DLT_RAW ? LINKTYPE_RAW : dlt;
}

struct source {
    pcap_t *pcap;
    struct pcap_map *map;   /* a mapped classic pcap file, or NULL */
    struct bpf_program filter; /* the filter of a mapped file */
    bool filtered;
    bool live;
    bool nano;
    int linktype;
    uint64_t count;
};

static struct source *wrap(pcap_t *p, bool live)
{
    struct source *s = calloc(1, sizeof *s);
    if (!s) {
        pcap_close(p);
        return NULL;
    }
    s->pcap = p;
    s->live = live;
    s->nano = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;
    s->linktype = linktype_of(p);
    return s;
}

/* A mapped file.  libpcap opens it too, reading only its header, so the
 * names, the snapshot length, the -w writer and above all the filter
 * compiler see exactly what they would see reading it themselves (a filter
 * depends on the file: on DLT_NULL, "ip6" matches every BSD's AF_INET6 in a
 * file but only this host's on a live handle). */
static struct source *open_mapped(struct pcap_map *m, const char *path, char err[DIAG_ERRLEN])
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    struct source *s = p ? wrap(p, false) : NULL;
    if (!s) {
        pcap_map_close(m);
        diag_set(err, "%s", p ? "out of memory" : ebuf);
        return NULL;
    }
    s->map = m;
    return s;
}

static struct source *open_libpcap(const char *path, char err[DIAG_ERRLEN])
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    if (!p) {
        diag_set(err, "%s", ebuf);
        return NULL;
    }
    struct source *s = wrap(p, false);
    if (!s)
        diag_set(err, "%s: out of memory", path);
    return s;
}

struct source *source_open_file(const char *path, char err[DIAG_ERRLEN])
{
    struct pcap_map *m = pcap_map_open(path);
    return m ? open_mapped(m, path, err) : open_libpcap(path, err);
}

/* libpcap's activation verdicts in the words tcpdump uses. */
static void activate_error(pcap_t *p, int rc, const char *dev, char err[DIAG_ERRLEN])
{
    const char *detail = pcap_geterr(p);
    switch (rc) {
    case PCAP_ERROR_NO_SUCH_DEVICE:
        diag_set(err, "%s: No such device exists%s%s%s", dev, *detail ? " (" : "", detail,
                 *detail ? ")" : "");
        break;
    case PCAP_ERROR_PERM_DENIED:
        diag_set(err, "%s: You don't have permission to capture on that device%s%s%s", dev,
                 *detail ? " (" : "", detail, *detail ? ")" : "");
        break;
    case PCAP_ERROR:
        diag_set(err, "%s: %s", dev, detail);
        break;
    default:
        diag_set(err, "%s: %s%s%s%s", dev, pcap_statustostr(rc), *detail ? " (" : "", detail,
                 *detail ? ")" : "");
        break;
    }
}

struct source *source_open_live(const struct live_config *cfg, char err[DIAG_ERRLEN])
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    const char *dev = cfg->iface ? cfg->iface : "any";
    pcap_t *p = pcap_create(dev, ebuf);
    if (!p) {
        diag_set(err, "%s", ebuf);
        return NULL;
    }
    pcap_set_snaplen(p, cfg->snaplen > 0 ? cfg->snaplen : 262144);
    pcap_set_promisc(p, cfg->promisc);
    pcap_set_timeout(p, cfg->timeout_ms > 0 ? cfg->timeout_ms : 100);
    if (cfg->buffer_kib > 0)
        pcap_set_buffer_size(p, cfg->buffer_kib * 1024);
    if (cfg->immediate)
        pcap_set_immediate_mode(p, 1);
    (void)pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
    int rc = pcap_activate(p);
    if (rc < 0) {
        activate_error(p, rc, dev, err);
        pcap_close(p);
        return NULL;
    }
    struct source *s = wrap(p, true);
    if (!s)
        diag_set(err, "%s: out of memory", dev);
    return s;
}

int source_set_filter(struct source *s, const char *expr, char err[DIAG_ERRLEN])
{
    struct bpf_program prog;
    bpf_u_int32 netmask = PCAP_NETMASK_UNKNOWN;
    if (pcap_compile(s->pcap, &prog, expr, 1, netmask) < 0) {
        diag_set(err, "bad filter expression '%s': %s", expr, pcap_geterr(s->pcap));
        return -1;
    }
    if (s->map) {
        if (s->filtered)
            pcap_freecode(&s->filter);
        s->filter = prog;
        s->filtered = true;
        return 0;
    }
    int rc = pcap_setfilter(s->pcap, &prog);
    pcap_freecode(&prog);
    if (rc < 0) {
        diag_set(err, "cannot install filter: %s", pcap_geterr(s->pcap));
        return -1;
    }
    return 0;
}

/* The next record of a mapped file that passes the filter. */
static enum source_status next_mapped(struct source *s, struct frame *out, char err[DIAG_ERRLEN])
{
    for (;;) {
        int rc = pcap_map_next(s->map, out, err);
        if (rc <= 0)
            return rc == 0 ? SOURCE_END : SOURCE_ERROR;
        if (s->filtered) {
            struct pcap_pkthdr h = {.caplen = out->caplen, .len = out->wirelen};
            if (!pcap_offline_filter(&s->filter, &h, out->data))
                continue;
        }
        out->num = ++s->count;
        return SOURCE_FRAME;
    }
}

enum source_status source_next(struct source *s, struct frame *out, char err[DIAG_ERRLEN])
{
    if (s->map)
        return next_mapped(s, out, err);
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc = pcap_next_ex(s->pcap, &h, &data);
    switch (rc) {
    case 1:
        out->ts_sec = h->ts.tv_sec;
        out->ts_nsec = s->nano ? (int64_t)h->ts.tv_usec : (int64_t)h->ts.tv_usec * 1000;
        out->caplen = h->caplen;
        out->wirelen = h->len;
        out->linktype = s->linktype;
        out->num = ++s->count;
        out->data = data;
        return SOURCE_FRAME;
    case 0:
        return SOURCE_TIMEOUT;
    case PCAP_ERROR_BREAK:
        return SOURCE_END;
    default:
        diag_set(err, "%s", pcap_geterr(s->pcap));
        return SOURCE_ERROR;
    }
}

void source_break(struct source *s) { pcap_breakloop(s->pcap); }

int source_linktype(const struct source *s) { return s->linktype; }

const char *source_lib_version(void) { return pcap_lib_version(); }

const char *source_linktype_name(const struct source *s)
{
    const char *n = pcap_datalink_val_to_name(pcap_datalink(s->pcap));
    return n ? n : "unknown";
}

const char *source_linktype_description(const struct source *s)
{
    const char *n = pcap_datalink_val_to_description(pcap_datalink(s->pcap));
    return n ? n : "unknown";
}

int source_snaplen(const struct source *s) { return pcap_snapshot(s->pcap); }

bool source_is_nano(const struct source *s) { return s->nano; }

void source_stats(struct source *s, struct source_stats *st)
{
    struct pcap_stat ps;
    memset(st, 0, sizeof *st);
    if (!s->live || pcap_stats(s->pcap, &ps) < 0)
        return;
    st->valid = true;
    st->received = ps.ps_recv;
    st->dropped = ps.ps_drop;
    st->if_dropped = ps.ps_ifdrop;
}

void source_close(struct source *s)
{
    if (!s)
        return;
    if (s->filtered)
        pcap_freecode(&s->filter);
    pcap_map_close(s->map);
    pcap_close(s->pcap);
    free(s);
}

int source_list_interfaces(char err[DIAG_ERRLEN])
{
    pcap_if_t *all;
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    if (pcap_findalldevs(&all, ebuf) < 0) {
        diag_set(err, "%s", ebuf);
        return -1;
    }
    int i = 1;
    for (pcap_if_t *d = all; d; d = d->next, i++) {
        printf("%d.%s", i, d->name);
        if (d->description)
            printf(" (%s)", d->description);
        const char *sep = " [";
        if (d->flags & PCAP_IF_LOOPBACK) {
            printf("%sLoopback", sep);
            sep = ", ";
        }
        if (d->flags & PCAP_IF_UP) {
            printf("%sUp", sep);
            sep = ", ";
        }
        if (d->flags & PCAP_IF_RUNNING) {
            printf("%sRunning", sep);
            sep = ", ";
        }
        if (!(d->flags & PCAP_IF_LOOPBACK)) {
            switch (d->flags & PCAP_IF_CONNECTION_STATUS) {
            case PCAP_IF_CONNECTION_STATUS_CONNECTED:
                printf("%sConnected", sep);
                sep = ", ";
                break;
            case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
                printf("%sDisconnected", sep);
                sep = ", ";
                break;
            default:
                break;
            }
        }
        if (sep[0] == ',')
            printf("]");
        printf("\n");
    }
    pcap_freealldevs(all);
    return 0;
}

struct dump {
    pcap_t *dead;
    pcap_dumper_t *d;
    bool nano;
};

struct dump *dump_open(struct source *s, const char *path, char err[DIAG_ERRLEN])
{
    struct dump *w = calloc(1, sizeof *w);
    if (!w) {
        diag_set(err, "%s: out of memory", path);
        return NULL;
    }
    w->nano = false;
    w->dead = pcap_open_dead_with_tstamp_precision(pcap_datalink(s->pcap), pcap_snapshot(s->pcap),
                                                   PCAP_TSTAMP_PRECISION_MICRO);
    if (w->dead)
        w->d = pcap_dump_open(w->dead, path);
    if (!w->d) {
        diag_set(err, "%s", w->dead ? pcap_geterr(w->dead) : "out of memory");
        if (w->dead)
            pcap_close(w->dead);
        free(w);
        return NULL;
    }
    return w;
}

void dump_frame(struct dump *w, const struct frame *f)
{
    struct pcap_pkthdr h;
    h.ts.tv_sec = (time_t)f->ts_sec;
    h.ts.tv_usec = (suseconds_t)(w->nano ? f->ts_nsec : f->ts_nsec / 1000);
    h.caplen = f->caplen;
    h.len = f->wirelen;
    pcap_dump((u_char *)w->d, &h, f->data);
}

int dump_flush(struct dump *w) { return pcap_dump_flush(w->d); }

int dump_close(struct dump *w, char err[DIAG_ERRLEN])
{
    int rc = 0;
    if (pcap_dump_flush(w->d) < 0) {
        diag_set(err, "error writing capture file: %s", strerror(errno));
        rc = -1;
    }
    pcap_dump_close(w->d);
    pcap_close(w->dead);
    free(w);
    return rc;
}
