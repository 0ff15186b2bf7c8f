/*
 * cli.h - the command line: tcpdump's options (same letters, same meaning)
 * parsed into a `struct config`, plus tcplens's own long options.
 */
#ifndef TCPLENS_CLI_H
#define TCPLENS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "report/follow.h"
#include "report/line.h"

enum mode {
    MODE_LINES, /* tcpdump lines (with --states, the state changes under them) */
    MODE_CONNS, /* tcplens conns: one row per connection */
    MODE_JSON,  /* --json: one JSON object per packet */
    MODE_TREE,  /* -V: each packet as a tree of fields */
    MODE_FOLLOW, /* tcplens follow: one stream's payload, or every stream's to files */
    MODE_LADDER, /* tcplens ladder: one stream as a sequence diagram */
};

enum conns_out { OUT_TABLE, OUT_CSV, OUT_JSON };

struct config {
    enum mode mode;
    bool states;             /* --states */
    bool analysis;           /* --analysis */
    bool tree;               /* -V */
    bool explain;            /* --explain, or -V with -x: header bytes field by field */
    bool show_version;       /* --version: print versions and sizes, nothing else */
    enum conns_out conns_out; /* --csv, --json */
    long max_conns;          /* --max-conns; 0: the default */
    long idle_timeout;       /* --idle-timeout seconds; 0: never */
    const char *read_file;   /* -r */
    const char *write_file;  /* -w */
    const char *iface;       /* -i */
    const char *filter_file; /* -F */
    char *filter;            /* trailing expression (owned) */
    bool list_ifaces;        /* -D */
    bool promisc;            /* cleared by -p */
    bool immediate;          /* --immediate: no capture buffering, -w flushed per packet */
    bool packet_buffered;    /* -U: flush -w after every packet */
    bool print;              /* --print: print even with -w */
    int snaplen;             /* -s */
    int buffer_kib;          /* -B */
    long count;              /* -c; 0 = no limit */
    bool absolute_seq;       /* -S */
    struct line_config line;
    /* tcplens follow */
    struct follow_select follow;  /* the stream */
    enum follow_format follow_format; /* --format */
    int follow_side;              /* --dir: CLIENT or SERVER (bin) */
    bool follow_all;              /* --all */
    const char *out_dir;          /* -o */
    /* tcplens ladder (the stream is in `follow`) */
    bool full;                    /* --full: no summarized runs */
    bool color;                   /* --color, or a terminal */
    const char *svg_file;         /* --svg */
};

/* TCPLENS_VERSION comes from meson.build (project version). */
enum cli_result { CLI_RUN, CLI_EXIT_OK, CLI_ERROR };

/* Parse argv; on CLI_ERROR err says why.  Help is printed here. */
enum cli_result cli_parse(int argc, char **argv, struct config *cfg, char err[DIAG_ERRLEN]);
void cli_free(struct config *cfg);
void cli_usage(FILE *f);

#endif
