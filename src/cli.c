/*
 * cli.c - command-line parsing.  tcpdump users should not have to learn
 * anything: the letters mean what they mean to tcpdump, repeated letters
 * count (-vv, -xx, -tttt), and everything after the options is a filter.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>


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
};

void cli_usage(FILE *f)
{
    fputs("usage: tcplens [-#AeDnpqSUvxX] [-c count] [-r file|-] [-i interface] [-w file]\n"
          "               [-s snaplen] [-B buffer_KiB] [-F file] [-t...] [-T type]\n"
          "               [--nano] [--immediate] [--print] [--states] [--analysis]\n"
          "               [--json] [-V] [--explain] [expression]\n"
          "       tcplens conns [--json|--csv] [--max-conns N] [--idle-timeout S]\n"
          "                     [-r file|-i interface] [expression]\n"
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
        {NULL, 0, NULL, 0},
    };
    memset(cfg, 0, sizeof *cfg);
    cfg->promisc = true;
    int tcount = 0;
    long v;
    int c;
    opterr = 0;
    optind = 1;
    if (argc > 1 && strcmp(argv[1], "conns") == 0) {
        cfg->mode = MODE_CONNS;
        argv++;
        argc--;
    }
    while ((c = getopt_long(argc, argv, "#AB:c:DeF:hi:KnNpqr:s:StT:UvVw:xX", longs, NULL)) != -1) {
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
        case OPT_VERSION:
            cfg->show_version = true;
            return CLI_RUN;
        case 'h':
        case OPT_HELP:
            cli_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if (optopt && strchr("BcFirsTw", optopt))
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
