/*
 * json.h - a small streaming JSON writer: values go straight into an output
 * buffer, commas and escaping are handled here.  Nesting is limited to
 * JSON_MAX_DEPTH levels.
 */
#ifndef TCPLENS_REPORT_JSON_H
#define TCPLENS_REPORT_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "base/addr.h"
#include "base/sb.h"

#define JSON_MAX_DEPTH 8

struct json {
    struct sb *o;
    int depth;
    bool first[JSON_MAX_DEPTH]; /* nothing written yet at this level */
    bool after_key;             /* a key was written; its value comes next */
};

void json_init(struct json *j, struct sb *o);
void json_open(struct json *j, char bracket);  /* '{' or '[' */
void json_close(struct json *j, char bracket); /* '}' or ']' */
/* key is a name of the program's own, written without escaping */
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);
void json_u64(struct json *j, uint64_t v);
void json_seconds(struct json *j, double s); /* six decimals */
void json_i64(struct json *j, int64_t v);
/* Nanoseconds as seconds with nine decimals, exactly. */
void json_nanos(struct json *j, int64_t ns);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
void json_addr(struct json *j, const struct addr *a);

#endif
