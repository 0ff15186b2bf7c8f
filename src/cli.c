/*
 * cli.c - command-line parsing.  tcpdump users should not have to learn
 * anything: the letters mean what they mean to tcpdump, repeated letters
 * count (-vv, -xx, -tttt), and everything after the options is a filter.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "track/conn.h"


enum {
    OPT_NANO = 256,
    OPT_IMMEDIATE,
    OPT_PRINT,
    OPT_VERSION,
    OPT_HELP,
    OPT_PRECISION,
    OPT_STATES,
    OPT_ANALYSIS,
    OPT_EXPLAIN,
    OPT_JSON,
    OPT_CSV,
    OPT_MAX_CONNS,
    OPT_IDLE_TIMEOUT,
    OPT_FORMAT,
    OPT_DIR,
    OPT_ALL,
    OPT_FULL,
    OPT_COLOR,
    OPT_SVG,
};

void cli_usage(FILE *f)
{
    fputs("usage: tcplens [-#AeDnpqSUvxX] [-c count] [-r file|-] [-i interface] [-w file]\n"
          "               [-s snaplen] [-B buffer_KiB] [-F file] [-t...] [-T type]\n"
          "               [--nano] [--immediate] [--print] [--states] [--analysis]\n"
          "               [--json] [-V] [--explain] [expression]\n"
          "       tcplens conns [--json|--csv] [--max-conns N] [--idle-timeout S]\n"
          "                     [-r file|-i interface] [expression]\n"
          "       tcplens follow STREAM|ADDR:PORT ADDR:PORT [--format ascii|hex|raw|yaml]\n"
          "                     [-r file] [expression]\n"
          "       tcplens follow STREAM --format bin --dir client|server [-r file]\n"
          "       tcplens follow --all -o DIR [-r file] [expression]\n"
          "       tcplens ladder STREAM|ADDR:PORT ADDR:PORT [--full] [--color] [--svg FILE]\n"
          "                     [-r file] [expression]\n"
          "Prints TCP packets exactly as tcpdump 4.99 does (--states: with each side's\n"
          "TCP state changes); 'conns' reports every connection.  See README.md.\n",
          f);
}

static int count_letter(int *slot) { return ++*slot; }

/* Join the trailing arguments into one filter expression. */
static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_format(const char *s, enum follow_format *f)
{
    static const char *const names[] = {"ascii", "hex", "raw", "yaml", "bin"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (enum follow_format)i;
            return true;
        }
    return false;
}

/* "10.0.0.1:80" or "[fd00::1]:80", as tshark's follow takes them. */
static bool parse_endpoint(const char *s, struct addr *a, uint16_t *port)
{
    char host[64];
    const char *colon;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host)
            return false;
        memcpy(host, s + 1, (size_t)(end - s - 1));
        host[end - s - 1] = '\0';
        colon = end + 1;
        a->family = 6;
    } else {
        colon = strrchr(s, ':');
        if (!colon || (size_t)(colon - s) >= sizeof host || memchr(s, ':', (size_t)(colon - s)))
            return false;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = '\0';
        a->family = 4;
    }
    memset(a->b, 0, sizeof a->b);
    long v;
    if (inet_pton(a->family == 4 ? AF_INET : AF_INET6, host, a->b) != 1 ||
        !parse_int(colon + 1, 1, 65535, &v))
        return false;
    *port = (uint16_t)v;
    return true;
}

/* The stream to follow: an index, or two endpoints; the rest is the filter. */
static int follow_target(int argc, char **argv, int *next, struct follow_select *sel,
                         char err[DIAG_ERRLEN])
{
    long v;
    if (*next >= argc) {
        diag_set(err, "a stream is needed: an index, or ADDR:PORT ADDR:PORT");
        return -1;
    }
    if (parse_int(argv[*next], 0, LONG_MAX, &v)) {
        sel->stream = v;
        ++*next;
        return 0;
    }
    if (*next + 1 < argc && parse_endpoint(argv[*next], &sel->addr[0], &sel->port[0]) &&
        parse_endpoint(argv[*next + 1], &sel->addr[1], &sel->port[1])) {
        if (sel->addr[0].family != sel->addr[1].family) {
            diag_set(err, "one IPv4 and one IPv6 endpoint");
            return -1;
        }
        *next += 2;
        return 0;
    }
    diag_set(err, "'%s' is not a stream index or an ADDR:PORT ADDR:PORT pair", argv[*next]);
    return -1;
}

static int check_follow(const struct config *cfg, char err[DIAG_ERRLEN])
{
    if (cfg->follow_all && !cfg->out_dir)
        diag_set(err, "follow --all writes files: give the directory with -o DIR");
    else if (cfg->out_dir && !cfg->follow_all)
        diag_set(err, "-o DIR goes with follow --all");
    else
        return 0;
    return -1;
}

enum cli_result cli_parse(int argc, char **argv, struct config *cfg, char err[DIAG_ERRLEN])
{
    static const struct option longs[] = {
        {"nano", no_argument, NULL, OPT_NANO},
        {"time-stamp-precision", required_argument, NULL, OPT_PRECISION},
        {"immediate", no_argument, NULL, OPT_IMMEDIATE},
        {"immediate-mode", no_argument, NULL, OPT_IMMEDIATE},
        {"print", no_argument, NULL, OPT_PRINT},
        {"absolute-tcp-sequence-numbers", no_argument, NULL, 'S'},
        {"number", no_argument, NULL, '#'},
        {"list-interfaces", no_argument, NULL, 'D'},
        {"interface", required_argument, NULL, 'i'},
        {"no-promiscuous-mode", no_argument, NULL, 'p'},
        {"snapshot-length", required_argument, NULL, 's'},
        {"buffer-size", required_argument, NULL, 'B'},
        {"packet-buffered", no_argument, NULL, 'U'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, OPT_HELP},
        {"states", no_argument, NULL, OPT_STATES},
        {"analysis", no_argument, NULL, OPT_ANALYSIS},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {"json", no_argument, NULL, OPT_JSON},
        {"csv", no_argument, NULL, OPT_CSV},
        {"max-conns", required_argument, NULL, OPT_MAX_CONNS},
        {"idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"dir", required_argument, NULL, OPT_DIR},
        {"all", no_argument, NULL, OPT_ALL},
        {"full", no_argument, NULL, OPT_FULL},
        {"color", no_argument, NULL, OPT_COLOR},
        {"colour", no_argument, NULL, OPT_COLOR},
        {"svg", required_argument, NULL, OPT_SVG},
        {NULL, 0, NULL, 0},
    };
    memset(cfg, 0, sizeof *cfg);
    cfg->promisc = true;
    int tcount = 0;
    long v;
    int c;
    opterr = 0;
    optind = 1;
    cfg->follow.stream = -1;
    static const struct { const char *name; enum mode mode; } commands[] = {
        {"conns", MODE_CONNS}, {"follow", MODE_FOLLOW}, {"ladder", MODE_LADDER}};
    for (unsigned i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            cfg->mode = commands[i].mode;
    if (cfg->mode != MODE_LINES) {
        argv++;
        argc--;
    }
    while ((c = getopt_long(argc, argv, "#AB:c:DeF:hi:KnNo:pqr:s:StT:UvVw:xX", longs, NULL)) != -1) {
        switch (c) {
        case '#':
            cfg->line.number = true;
            break;
        case 'A':
            count_letter(&cfg->line.ascii);
            break;
        case 'B':
            if (!parse_int(optarg, 1, 1 << 21, &v)) {
                diag_set(err, "invalid buffer size '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->buffer_kib = (int)v;
            break;
        case 'c':
            if (!parse_int(optarg, 1, 0x7fffffff, &v)) {
                diag_set(err, "invalid packet count '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->count = v;
            break;
        case 'D':
            cfg->list_ifaces = true;
            break;
        case 'e':
            cfg->line.link = true;
            break;
        case 'F':
            cfg->filter_file = optarg;
            break;
        case 'i':
            cfg->iface = optarg;
            break;
        case 'n':
        case 'N':
        case 'K':
            break; /* never resolve names; -K (no checksums) is implied without -v */
        case 'o':
            cfg->out_dir = optarg;
            break;
        case 'p':
            cfg->promisc = false;
            break;
        case 'q':
            cfg->line.quiet = true;
            break;
        case 'r':
            cfg->read_file = optarg;
            break;
        case 's':
            if (!parse_int(optarg, 0, 262144, &v)) {
                diag_set(err, "invalid snaplen '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->snaplen = (int)v;
            break;
        case 'S':
            cfg->absolute_seq = true;
            break;
        case 't':
            tcount++;
            break;
        case 'T':
            cfg->line.forced_app = true;
            break;
        case 'U':
            cfg->packet_buffered = true;
            break;
        case 'V':
            cfg->tree = true;
            break;
        case 'v':
            cfg->line.verbose++;
            break;
        case 'w':
            cfg->write_file = optarg;
            break;
        case 'x':
            count_letter(&cfg->line.hex);
            break;
        case 'X':
            count_letter(&cfg->line.hex_ascii);
            break;
        case OPT_NANO:
            cfg->line.nano = true;
            break;
        case OPT_PRECISION:
            if (strcmp(optarg, "nano") == 0)
                cfg->line.nano = true;
            else if (strcmp(optarg, "micro") != 0) {
                diag_set(err, "unsupported time stamp precision '%s'", optarg);
                return CLI_ERROR;
            }
            break;
        case OPT_IMMEDIATE:
            cfg->immediate = true;
            break;
        case OPT_PRINT:
            cfg->print = true;
            break;
        case OPT_STATES:
            cfg->states = true;
            break;
        case OPT_ANALYSIS:
            cfg->analysis = true;
            break;
        case OPT_EXPLAIN:
            cfg->explain = true;
            break;
        case OPT_JSON:
            cfg->conns_out = OUT_JSON;
            break;
        case OPT_CSV:
            cfg->conns_out = OUT_CSV;
            break;
        case OPT_MAX_CONNS:
            if (!parse_int(optarg, 1, 100000000, &v)) {
                diag_set(err, "invalid --max-conns '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->max_conns = v;
            break;
        case OPT_IDLE_TIMEOUT:
            if (!parse_int(optarg, 1, 100000000, &v)) {
                diag_set(err, "invalid --idle-timeout '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->idle_timeout = v;
            break;
        case OPT_FORMAT:
            if (!parse_format(optarg, &cfg->follow_format)) {
                diag_set(err, "unknown --format '%s' (ascii, hex, raw, yaml or bin)", optarg);
                return CLI_ERROR;
            }
            break;
        case OPT_DIR:
            if (strcmp(optarg, "client") != 0 && strcmp(optarg, "server") != 0) {
                diag_set(err, "--dir is client or server, not '%s'", optarg);
                return CLI_ERROR;
            }
            cfg->follow_side = optarg[0] == 'c' ? CLIENT : SERVER;
            break;
        case OPT_ALL:
            cfg->follow_all = true;
            break;
        case OPT_FULL:
            cfg->full = true;
            break;
        case OPT_COLOR:
            cfg->color = true;
            break;
        case OPT_SVG:
            cfg->svg_file = optarg;
            break;
        case OPT_VERSION:
            cfg->show_version = true;
            return CLI_RUN;
        case 'h':
        case OPT_HELP:
            cli_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if (optopt && strchr("BcFiorsTw", optopt))
                diag_set(err, "option -%c needs an argument", optopt);
            else if (optopt)
                diag_set(err, "unknown option -%c", optopt);
            else
                diag_set(err, "unknown option %s", argv[optind - 1]);
            return CLI_ERROR;
        }
    }
    /* -t once: no time; -tt epoch; -ttt delta; -tttt date; -ttttt since first. */
    cfg->line.time = tcount == 0 ? TIME_DEFAULT : tcount >= 5 ? TIME_SINCE : (enum time_format)tcount;
    if ((cfg->mode == MODE_LADDER || (cfg->mode == MODE_FOLLOW && !cfg->follow_all)) &&
        follow_target(argc, argv, &optind, &cfg->follow, err) < 0)
        return CLI_ERROR;
    if (optind < argc) {
        cfg->filter = join_args(argc - optind, argv + optind);
        if (!cfg->filter) {
            diag_set(err, "out of memory");
            return CLI_ERROR;
        }
    }
    if (cfg->mode != MODE_CONNS && cfg->conns_out == OUT_CSV) {
        diag_set(err, "--csv goes with 'tcplens conns'");
        return CLI_ERROR;
    }
    if (cfg->mode != MODE_CONNS && cfg->conns_out == OUT_JSON)
        cfg->mode = MODE_JSON;
    else if (cfg->mode == MODE_LINES && cfg->tree)
        cfg->mode = MODE_TREE;
    if (cfg->mode == MODE_TREE && cfg->line.hex) {
        cfg->explain = true; /* -V -x: the header bytes, field by field */
        cfg->line.hex = 0;
    }
    if (cfg->mode == MODE_CONNS && cfg->tree) {
        diag_set(err, "-V does not go with 'tcplens conns'");
        return CLI_ERROR;
    }
    if (cfg->mode == MODE_FOLLOW && check_follow(cfg, err) < 0)
        return CLI_ERROR;
    if (cfg->read_file && cfg->iface) {
        diag_set(err, "-r and -i cannot be used together");
        return CLI_ERROR;
    }
    return CLI_RUN;
}

void cli_free(struct config *cfg)
{
    free(cfg->filter);
    cfg->filter = NULL;
}
