/* fmt_check.c — the input checks every export writer shares: clean UTF-8 text, host names,
 * addresses. */
#include "ajar/formats.h"

#include <stdint.h>
#include <string.h>

#include "ajar/utf8.h"

#define LOCAL_MAX 64
#define DOMAIN_MAX 253
#define LABEL_MAX 63
#define ADDRESS_MAX 254 /* RFC 5321 4.5.3.1.3: a path is 256 with the <> */

/* Offset of the first CR that is not right before LF, or (size_t)-1. */
static size_t find_lone_cr(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
            return i;
    return (size_t)-1;
}

ajar_status ajar_fmt_check_text(const char *s, const char *field, unsigned allow, ajar_errors *errs)
{
    if (!s)
        return AJAR_OK;
    size_t len = strlen(s), bad = 0;
    if (!ajar_utf8_valid(s, len, &bad))
        return ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0,
                               "is not valid UTF-8 (bad byte 0x%02X at byte %zu)",
                               (unsigned)(unsigned char)s[bad], bad + 1);
    uint32_t allowed = 0;
    if (allow & AJAR_FMT_ALLOW_TAB)
        allowed |= 1u << '\t';
    if (allow & AJAR_FMT_ALLOW_LF)
        allowed |= (1u << '\n') | (1u << '\r');
    if (allow & AJAR_FMT_ALLOW_CR)
        allowed |= 1u << '\r';
    size_t at = ajar_utf8_find_control(s, len, allowed);
    if (at == (size_t)-1 && (allow & AJAR_FMT_ALLOW_LF) && !(allow & AJAR_FMT_ALLOW_CR))
        at = find_lone_cr(s, len);
    if (at == (size_t)-1)
        return AJAR_OK;
    uint32_t cp;
    ajar_utf8_decode(s + at, len - at, &cp);
    const char *why = (allow & AJAR_FMT_ALLOW_LF)    ? "only tabs and line breaks are allowed here"
                      : (allow & AJAR_FMT_ALLOW_TAB) ? "only tabs are allowed here"
                                                     : "this must be a single line of text";
    if (cp == '\r' && (allow & AJAR_FMT_ALLOW_LF))
        why = "a carriage return is allowed only as part of a CRLF line break";
    return ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0,
                           "contains the control character U+%04X at character %zu; %s",
                           (unsigned)cp, ajar_utf8_count(s, at) + 1, why);
}

/* RFC 5322 atext: the printable ASCII characters allowed in an atom. */
static int is_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* 1 when s[0..n) is a dot-atom: runs of atext separated by single dots. */
static int dot_atom(const char *s, size_t n)
{
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.')
                return 0;
        } else if (!is_atext((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

/* 1 for a host name's label s[0..n): LDH characters, no hyphen at an end. */
static int label_ok(const char *s, size_t n)
{
    if (n == 0 || n > LABEL_MAX || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return 0;
    }
    return 1;
}

int ajar_fmt_domain_valid(const char *s)
{
    if (!s || strlen(s) > DOMAIN_MAX)
        return 0;
    for (;;) {
        size_t n = strcspn(s, ".");
        if (!label_ok(s, n))
            return 0;
        if (s[n] == '\0')
            return 1;
        s += n + 1;
    }
}

int ajar_fmt_address_valid(const char *addr)
{
    if (!addr)
        return 0;
    const char *at = strchr(addr, '@');
    if (!at || strlen(addr) > ADDRESS_MAX)
        return 0;
    size_t local = (size_t)(at - addr);
    return local <= LOCAL_MAX && dot_atom(addr, local) && ajar_fmt_domain_valid(at + 1);
}

ajar_status ajar_fmt_commit(ajar_strbuf *out, ajar_strbuf *staged, ajar_errors *errs)
{
    if (!staged->failed)
        ajar_strbuf_append(out, staged->data ? staged->data : "", staged->len);
    int failed = staged->failed || out->failed;
    ajar_strbuf_free(staged);
    if (failed)
        return ajar_errors_add(errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0, "out of memory");
    return AJAR_OK;
}
