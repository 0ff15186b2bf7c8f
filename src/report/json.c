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

static void quoted(struct sb *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sb_ch(o, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            sb_ch(o, '\\');
            sb_ch(o, (char)c);
        } else if (c < 0x20) {
            sb_s(o, "\\u00");
            sb_ch(o, hex[c >> 4]);
            sb_ch(o, hex[c & 15]);
        } else {
            sb_ch(o, (char)c);
        }
    }
    sb_ch(o, '"');
}

void json_key(struct json *j, const char *key)
{
    sep(j);
    quoted(j->o, key);
    sb_ch(j->o, ':');
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
    sb_printf(j->o, "%.6f", s);
}

void json_i64(struct json *j, int64_t v)
{
    sep(j);
    sb_printf(j->o, "%lld", (long long)v);
}

void json_nanos(struct json *j, int64_t ns)
{
    sep(j);
    uint64_t mag = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    sb_printf(j->o, "%s%llu.%09llu", ns < 0 ? "-" : "", (unsigned long long)(mag / 1000000000u),
              (unsigned long long)(mag % 1000000000u));
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
