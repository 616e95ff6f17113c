/* json.c — stable, human-friendly JSON writing on top of cJSON, field paths and text positions. */
#include "ajar/json.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/strbuf.h"
#include "ajar/utf8.h"

void ajar_json_position(const char *text, size_t offset, int *line, int *column)
{
    int l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    }
    *line = l;
    *column = (int)ajar_utf8_count(text + line_start, offset - line_start) + 1;
}

char *ajar_json_path_key(const char *prefix, const char *key)
{
    if (!prefix || !*prefix)
        return strdup(key);
    return ajar_asprintf("%s.%s", prefix, key);
}

char *ajar_json_path_index(const char *prefix, size_t index)
{
    return ajar_asprintf("%s[%zu]", prefix ? prefix : "", index);
}

/* ---- writing -------------------------------------------------------------- */

static void put_number(ajar_strbuf *b, double d)
{
    if (!isfinite(d)) {
        ajar_strbuf_puts(b, "null");
        return;
    }
    if (d == floor(d) && fabs(d) < 9007199254740992.0) {
        /* whole numbers by hand: exact below 2^53, and no printf per number */
        long long n = (long long)d;
        char digits[24];
        size_t k = sizeof digits;
        unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
        do {
            digits[--k] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (n < 0)
            digits[--k] = '-';
        ajar_strbuf_append(b, digits + k, sizeof digits - k);
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* JSON wants '.', whatever decimal point the C library's locale uses. */
    const char *point = localeconv()->decimal_point;
    char *at = (point && *point && strcmp(point, ".") != 0) ? strstr(buf, point) : NULL;
    if (at) {
        size_t pl = strlen(point);
        *at = '.';
        memmove(at + 1, at + pl, strlen(at + pl) + 1);
    }
    ajar_strbuf_puts(b, buf);
}

/* Bytes a JSON string cannot hold as they are: controls, DEL, '"' and '\\'. */
static const unsigned char ESCAPED[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1,  ['\\'] = 1, [0x7f] = 1,
};

static void put_string(ajar_strbuf *b, const char *s)
{
    ajar_strbuf_putc(b, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!ESCAPED[c])
            continue; /* the common case: part of the run copied at once */
        const char *esc = NULL;
        char hex[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(hex, sizeof hex, "\\u%04x", c);
                esc = hex;
            }
        }
        if (esc) {
            ajar_strbuf_append(b, run, (size_t)(p - run));
            ajar_strbuf_puts(b, esc);
            run = p + 1;
        }
    }
    ajar_strbuf_puts(b, run);
    ajar_strbuf_putc(b, '"');
}

static void indent(ajar_strbuf *b, int depth)
{
    static const char SPACES[] = "                                "; /* 16 levels */
    while (depth > 0) {
        int n = depth > 16 ? 16 : depth;
        ajar_strbuf_append(b, SPACES, (size_t)n * 2);
        depth -= n;
    }
}

static void put_value(ajar_strbuf *b, const cJSON *v, int depth, int pretty)
{
    if (cJSON_IsNull(v)) {
        ajar_strbuf_puts(b, "null");
    } else if (cJSON_IsTrue(v)) {
        ajar_strbuf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        ajar_strbuf_puts(b, "false");
    } else if (cJSON_IsNumber(v)) {
        put_number(b, v->valuedouble);
    } else if (cJSON_IsString(v)) {
        put_string(b, v->valuestring ? v->valuestring : "");
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        int obj = cJSON_IsObject(v);
        ajar_strbuf_putc(b, obj ? '{' : '[');
        if (!v->child) {
            ajar_strbuf_putc(b, obj ? '}' : ']');
            return;
        }
        /* Short arrays of scalars stay on one line: [3, 6, 12]. */
        int inline_list = !obj;
        for (const cJSON *c = v->child; c && inline_list; c = c->next)
            inline_list = !(cJSON_IsArray(c) || cJSON_IsObject(c) || cJSON_IsString(c));
        for (const cJSON *c = v->child; c; c = c->next) {
            if (pretty && !inline_list) {
                ajar_strbuf_putc(b, '\n');
                indent(b, depth + 1);
            }
            if (obj) {
                put_string(b, c->string ? c->string : "");
                ajar_strbuf_append(b, ": ", pretty ? 2 : 1);
            }
            put_value(b, c, depth + 1, pretty);
            if (c->next)
                ajar_strbuf_append(b, ", ", pretty && inline_list ? 2 : 1);
        }
        if (pretty && !inline_list) {
            ajar_strbuf_putc(b, '\n');
            indent(b, depth);
        }
        ajar_strbuf_putc(b, obj ? '}' : ']');
    } else {
        ajar_strbuf_puts(b, "null"); /* raw or invalid items never come from the parser */
    }
}

char *ajar_json_print(const cJSON *v)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    put_value(&b, v, 0, 1);
    ajar_strbuf_putc(&b, '\n');
    return ajar_strbuf_take(&b);
}

char *ajar_json_print_compact(const cJSON *v)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    put_value(&b, v, 0, 0);
    return ajar_strbuf_take(&b);
}
