/* json.c - JSON values into an output buffer, RFC 8259 string escaping. */
#include "report/json.h"

void json_init(struct json *j, struct sb *o)
{
    j->o = o;
    j->depth = 0;
    j->first[0] = true;
    j->after_key = false;
}

/* Separator before a value or key at the current level. */
static void sep(struct json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (!j->first[j->depth])
        sb_ch(j->o, ',');
    j->first[j->depth] = false;
}

void json_open(struct json *j, char bracket)
{
    sep(j);
    sb_ch(j->o, bracket);
    if (j->depth + 1 < JSON_MAX_DEPTH)
        j->depth++;
    j->first[j->depth] = true;
}

void json_close(struct json *j, char bracket)
{
    sb_ch(j->o, bracket);
    if (j->depth > 0)
        j->depth--;
}

/* A JSON string: runs of plain characters are copied whole. */
static void quoted(struct sb *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sb_ch(o, '"');
    for (;;) {
        const char *run = s;
        while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
            s++;
        sb_mem(o, run, (size_t)(s - run));
        unsigned char c = (unsigned char)*s;
        if (!c)
            break;
        if (c == '"' || c == '\\') {
            sb_ch(o, '\\');
            sb_ch(o, (char)c);
        } else {
            sb_s(o, "\\u00");
            sb_ch(o, hex[c >> 4]);
            sb_ch(o, hex[c & 15]);
        }
        s++;
    }
    sb_ch(o, '"');
}

/* Keys are the program's own names: nothing in them needs escaping. */
void json_key(struct json *j, const char *key)
{
    sep(j);
    sb_ch(j->o, '"');
    sb_s(j->o, key);
    sb_mem(j->o, "\":", 2);
    j->after_key = true;
}

void json_str(struct json *j, const char *s)
{
    sep(j);
    quoted(j->o, s);
}

void json_u64(struct json *j, uint64_t v)
{
    sep(j);
    sb_u64(j->o, v);
}

void json_seconds(struct json *j, double s)
{
    sep(j);
    sb_fixed(j->o, s, 6, 0);
}

void json_i64(struct json *j, int64_t v)
{
    sep(j);
    if (v < 0)
        sb_ch(j->o, '-');
    sb_u64(j->o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

void json_nanos(struct json *j, int64_t ns)
{
    sep(j);
    uint64_t mag = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    if (ns < 0)
        sb_ch(j->o, '-');
    sb_u64(j->o, mag / 1000000000u);
    sb_ch(j->o, '.');
    sb_u64w(j->o, mag % 1000000000u, 9);
}

void json_bool(struct json *j, bool v)
{
    sep(j);
    sb_s(j->o, v ? "true" : "false");
}

void json_null(struct json *j)
{
    sep(j);
    sb_s(j->o, "null");
}

void json_addr(struct json *j, const struct addr *a)
{
    char buf[ADDR_STRLEN];
    json_str(j, addr_str(a, buf));
}
