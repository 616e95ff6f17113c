/* json_skim.c — finds one member of a JSON object without parsing the rest (for a file's header). */
#include <string.h>

#include "ajar/json.h"

/* SKIM_FAIL: what the skip functions return when the text ends early. */
#define SKIM_FAIL ((size_t)-1)

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* Past the string that starts at t[i] (a quote). */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (t[i] == '"')
            return i + 1;
        if (t[i] == '\\')
            i++;
    }
    return SKIM_FAIL;
}

/* Past the value that starts at t[i]: a string, a container with all it
 * holds, or a run of other characters (a number or a word). */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return SKIM_FAIL;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] != '{' && t[i] != '[') {
        size_t start = i;
        while (i < len && !strchr(",}] \t\r\n", t[i]))
            i++;
        return i > start ? i : SKIM_FAIL;
    }
    size_t depth = 0;
    while (i < len) {
        char c = t[i];
        if (c == '"') {
            i = skip_string(t, len, i);
            if (i == SKIM_FAIL)
                return SKIM_FAIL;
            continue;
        }
        i++;
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i;
    }
    return SKIM_FAIL;
}

int ajar_json_skim_member(const char *text, size_t len, const char *key, size_t *start,
                          size_t *vlen)
{
    size_t klen = strlen(key);
    size_t i = skip_ws(text, len, 0);
    if (i >= len || text[i] != '{')
        return 0;
    i++;
    for (;;) {
        i = skip_ws(text, len, i);
        if (i >= len || text[i] != '"')
            return 0;
        size_t name = i + 1;
        i = skip_string(text, len, i);
        if (i == SKIM_FAIL)
            return 0;
        size_t name_len = i - 1 - name;
        i = skip_ws(text, len, i);
        if (i >= len || text[i] != ':')
            return 0;
        i = skip_ws(text, len, i + 1);
        size_t value = i;
        i = skip_value(text, len, i);
        if (i == SKIM_FAIL)
            return 0;
        if (name_len == klen && memcmp(text + name, key, klen) == 0) {
            *start = value;
            *vlen = i - value;
            return 1;
        }
        i = skip_ws(text, len, i);
        if (i >= len || text[i] != ',')
            return 0;
        i++;
    }
}
