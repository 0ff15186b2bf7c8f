/*
 * run.c - one run of tcplens: opens the source, wires source -> decode ->
 * track -> report as the parsed command line asks, reads every frame and
 * owns the exit code: every failure ends as one "tcplens: ..." line on
 * stderr and a non-zero status, after whatever was read before it was
 * printed.
 */
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/sb.h"
#include "decode/decode.h"
#include "report/annotate.h"
#include "report/conns.h"
#include "report/explain.h"
#include "report/export.h"
#include "report/follow.h"
#include "report/ladder.h"
#include "report/line.h"
#include "report/pkt_json.h"
#include "report/tree.h"
#include "source/source.h"
#include "track/track.h"

#define OUT_BUF (1u << 18)

/* Reassembly bounds: resent bytes are compared with the last 4 MiB of each
 * direction of the followed stream, or the last 64 KiB when every stream is
 * exported; a direction holds at most 16 MiB out of order (a hole that
 * needs more is given up), all connections together at most 256 MiB. */
#define FOLLOW_HISTORY (4u << 20)
#define EXPORT_HISTORY (64u << 10)
#define FOLLOW_HELD_PER_DIR (16u << 20)
#define FOLLOW_MEMORY (256u << 20)

static struct source *volatile running_source;

static void on_signal(int sig)
{
    (void)sig;
    if (running_source)
        source_break(running_source);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The filter: -F file, or the trailing expression. Caller frees. */
static char *filter_text(const struct config *cfg, char err[DIAG_ERRLEN])
{
    if (!cfg->filter_file)
        return cfg->filter ? strdup(cfg->filter) : NULL;
    FILE *f = fopen(cfg->filter_file, "r");
    if (!f) {
        diag_set(err, "%s: %s", cfg->filter_file, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    int ch;
    while (s && (ch = fgetc(f)) != EOF) {
        if (len + 2 > cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) {
                free(s);
                s = NULL;
                break;
            }
            s = t;
        }
        /* tcpdump treats a '#' as the start of a comment to the end of the line */
        s[len++] = (char)ch;
    }
    fclose(f);
    if (!s) {
        diag_set(err, "out of memory");
        return NULL;
    }
    s[len] = '\0';
    return s;
}

static struct source *open_source(const struct config *cfg, char err[DIAG_ERRLEN])
{
    if (cfg->read_file)
        return source_open_file(cfg->read_file, err);
    struct live_config live = {
        .iface = cfg->iface,
        .snaplen = cfg->snaplen,
        .promisc = cfg->promisc,
        .buffer_kib = cfg->buffer_kib,
        .immediate = cfg->immediate,
        .timeout_ms = 100,
    };
    return source_open_live(&live, err);
}

static void print_stats(struct source *src, uint64_t captured)
{
    struct source_stats st;
    source_stats(src, &st);
    fprintf(stderr, "%llu packet%s captured\n", (unsigned long long)captured,
            captured == 1 ? "" : "s");
    if (!st.valid)
        return;
    fprintf(stderr, "%llu packet%s received by filter\n", (unsigned long long)st.received,
            st.received == 1 ? "" : "s");
    fprintf(stderr, "%llu packet%s dropped by kernel\n", (unsigned long long)st.dropped,
            st.dropped == 1 ? "" : "s");
}

struct run {
    const struct config *cfg;
    struct source *src;
    struct dump *dump;
    struct tracker *tracker;
    struct line_printer *printer;  /* tcpdump lines */
    struct conns_printer *conns;   /* tcplens conns */
    struct tree_printer *tree;     /* -V */
    struct follow_printer *follow; /* tcplens follow STREAM */
    struct exporter *export;       /* tcplens follow --all -o DIR */
    struct ladder *ladder;         /* tcplens ladder */
    FILE *svg;                     /* --svg */
    struct sb out;
    bool printing;                 /* decoding and tracking at all */
    bool live;
};

/* Everything the reports still owe once input ends (or breaks): open
 * connections, the followed stream, the ladder, the export index.  Returns
 * false with a reason in err when one of them could not be finished. */
static bool finish_reports(struct run *r, char err[DIAG_ERRLEN])
{
    if (r->conns || r->follow || r->export)
        track_finish(r->tracker);
    if (r->conns)
        conns_finish(r->conns);
    if (r->follow && !follow_end(r->follow)) {
        diag_set(err, "no such stream in the capture");
        return false;
    }
    if (r->ladder && !ladder_end(r->ladder)) {
        if (r->svg && ferror(r->svg))
            diag_set(err, "%s: cannot finish the SVG", r->cfg->svg_file);
        else
            diag_set(err, "no such stream in the capture");
        return false;
    }
    return !r->export || export_finish(r->export, err);
}

/* Decode, track and print one frame. */
static void process(struct run *r, const struct frame *f, unsigned dflags)
{
    static struct pkt pkt;
    struct seg_view view;
    decode_frame(f, dflags, &pkt);
    track_packet(r->tracker, &pkt, &view);
    if (r->printer) {
        line_frame(r->printer, f, &pkt, &view);
        if (r->cfg->states)
            annotate_states(&r->out, &view);
        if (r->cfg->analysis)
            annotate_analysis(&r->out, &view);
        if (r->cfg->explain)
            explain_headers(&r->out, &pkt, &view);
    } else if (r->tree) {
        tree_frame(r->tree, f, &pkt, &view);
        if (r->cfg->explain)
            explain_headers(&r->out, &pkt, &view);
        sb_ch(&r->out, '\n');
    } else if (r->cfg->mode == MODE_JSON) {
        pkt_json(&r->out, &pkt, &view);
    } else if (r->ladder) {
        ladder_packet(r->ladder, &pkt, &view);
    }
}

/* Read every frame; returns the exit code.  A read error ends the input
 * like its end does - every report is finished with what came before it -
 * and is then the one line on stderr. */
static int loop(struct run *r)
{
    char read_err[DIAG_ERRLEN] = "", err[DIAG_ERRLEN] = "";
    struct frame f;
    uint64_t n = 0;
    unsigned dflags = r->cfg->line.verbose || r->tree || r->cfg->explain ? DECODE_CKSUM : 0;
    enum source_status st;
    while ((st = source_next(r->src, &f, read_err)) != SOURCE_END) {
        if (st == SOURCE_ERROR)
            break;
        if (st == SOURCE_TIMEOUT) {
            sb_flush(&r->out);
            fflush(stdout);
            continue;
        }
        n++;
        if (r->dump) {
            dump_frame(r->dump, &f);
            if (r->cfg->packet_buffered || r->cfg->immediate)
                dump_flush(r->dump);
        }
        if (r->printing) {
            process(r, &f, dflags);
            if (r->live) {
                sb_flush(&r->out);
                fflush(stdout);
            }
        }
        if (r->cfg->count && n >= (uint64_t)r->cfg->count)
            break;
    }
    bool finished = finish_reports(r, err);
    sb_flush(&r->out);
    int rc = EXIT_OK;
    if (fflush(stdout) != 0 || r->out.failed) {
        diag_warn("error writing output: %s", strerror(errno));
        rc = EXIT_FAIL;
    } else if (st == SOURCE_ERROR) {
        diag_warn("%s: %s", r->cfg->read_file ? r->cfg->read_file : "capture", read_err);
        rc = EXIT_FAIL;
    } else if (!finished) {
        diag_warn("%s", err);
        rc = EXIT_FAIL;
    }
    if (r->live)
        print_stats(r->src, n);
    return rc;
}

int run(const struct config *cfg)
{
    char err[DIAG_ERRLEN] = "";
    static char outbuf[OUT_BUF];
    struct run r = {.cfg = cfg};
    int rc = EXIT_FAIL;
    char *filter = NULL;

    r.src = open_source(cfg, err);
    if (!r.src) {
        /* libpcap names the file in some messages but not in all */
        if (cfg->read_file && !strstr(err, cfg->read_file))
            diag_warn("%s: %s", cfg->read_file, err);
        else
            diag_warn("%s", err);
        return EXIT_FAIL;
    }
    r.live = cfg->read_file == NULL;
    r.printing = !cfg->write_file || cfg->print;
    if (cfg->filter_file || cfg->filter) {
        filter = filter_text(cfg, err);
        if (!filter || source_set_filter(r.src, filter, err) < 0) {
            diag_warn("%s", err);
            goto out;
        }
    }
    if (r.printing && !decode_linktype_supported(source_linktype(r.src))) {
        diag_warn("unsupported link type %d (%s)", source_linktype(r.src),
                  source_linktype_name(r.src));
        goto out;
    }
    if (cfg->write_file) {
        r.dump = dump_open(r.src, cfg->write_file, err);
        if (!r.dump) {
            diag_warn("%s", err);
            goto out;
        }
    }
    if (r.live) {
        fprintf(stderr, "tcplens: listening on %s, link-type %s (%s), snapshot length %d bytes\n",
                cfg->iface ? cfg->iface : "any", source_linktype_name(r.src),
                source_linktype_description(r.src), source_snaplen(r.src));
        running_source = r.src;
        install_signals();
    }
    struct track_config tc = {.absolute_seq = cfg->absolute_seq,
                              .quiet = cfg->line.quiet,
                              .max_conns = (size_t)cfg->max_conns,
                              .idle_timeout = cfg->idle_timeout,
                              .report_at_close = r.live,
                              /* the printers that show retransmission causes */
                              .causes = cfg->analysis || cfg->mode == MODE_JSON ||
                                        cfg->mode == MODE_TREE || cfg->mode == MODE_LADDER};
    sb_init(&r.out, outbuf, sizeof outbuf, stdout);
    bool ok;
    if (cfg->mode == MODE_CONNS) {
        static const enum conns_format formats[] = {CONNS_TABLE, CONNS_CSV, CONNS_JSON};
        r.conns = conns_new(formats[cfg->conns_out], r.live, &r.out);
        r.tracker = track_new(&tc, conns_done, r.conns);
        ok = r.conns && r.tracker;
    } else if (cfg->mode == MODE_FOLLOW) {
        tc.follow_per_node = FOLLOW_HELD_PER_DIR;
        tc.follow_limit = FOLLOW_MEMORY;
        if (cfg->follow_all) {
            r.export = export_new(cfg->out_dir, err);
            if (!r.export) {
                diag_warn("%s", err);
                goto out;
            }
            tc.follow = &export_hooks;
            tc.follow_ctx = r.export;
            tc.follow_history = EXPORT_HISTORY;
        } else {
            r.follow = follow_new(cfg->follow_format, &cfg->follow, cfg->follow_side, &r.out,
                                  stderr);
            tc.follow = &follow_printer_hooks;
            tc.follow_ctx = r.follow;
            tc.follow_history = FOLLOW_HISTORY;
        }
        r.tracker = track_new(&tc, NULL, NULL);
        ok = (r.follow || r.export) && r.tracker;
    } else if (cfg->mode == MODE_LADDER) {
        if (cfg->svg_file && !(r.svg = fopen(cfg->svg_file, "w"))) {
            diag_warn("%s: %s", cfg->svg_file, strerror(errno));
            goto out;
        }
        const char *no_color = getenv("NO_COLOR");
        struct ladder_config lc = {.sel = cfg->follow, .full = cfg->full, .svg = r.svg,
                                   .color = cfg->color || (isatty(STDOUT_FILENO) &&
                                                           !(no_color && *no_color))};
        r.ladder = ladder_new(&lc, &r.out);
        r.tracker = track_new(&tc, NULL, NULL);
        ok = r.ladder && r.tracker;
    } else {
        r.tracker = track_new(&tc, NULL, NULL);
        if (cfg->mode == MODE_LINES)
            r.printer = line_new(&cfg->line, &r.out);
        if (cfg->mode == MODE_TREE)
            r.tree = tree_new(&r.out);
        ok = r.tracker && (r.printer || cfg->mode != MODE_LINES) &&
             (r.tree || cfg->mode != MODE_TREE);
    }
    if (!ok) {
        diag_warn("out of memory");
        goto out;
    }
    rc = loop(&r);
    if (r.dump && dump_close(r.dump, err) < 0) {
        diag_warn("%s: %s", cfg->write_file, err);
        rc = EXIT_FAIL;
    }
    r.dump = NULL;
out:
    running_source = NULL;
    if (r.dump)
        dump_close(r.dump, err);
    line_free(r.printer);
    tree_free(r.tree);
    follow_free(r.follow);
    export_free(r.export);
    ladder_free(r.ladder);
    if (r.svg && fclose(r.svg) != 0 && rc == EXIT_OK) {
        diag_warn("%s: %s", cfg->svg_file, strerror(errno));
        rc = EXIT_FAIL;
    }
    conns_free(r.conns);
    track_free(r.tracker);
    source_close(r.src);
    free(filter);
    return rc;
}
