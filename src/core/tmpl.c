/* tmpl.c — Mustache templates: parse text into a flat node list once, render it against cJSON data. */
#include "ajar/tmpl.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"

/* Sections and partials may nest this deep during a render (each level is
 * one C stack frame or three); beyond it the render fails cleanly. */
#define MAX_NESTING 512

#define NPOS ((size_t)-1)

/* ---- the compiled form ------------------------------------------------------
 *
 * A template is a flat array of nodes. A section's body is the nodes right
 * after it, up to (not including) its `end` index, so the tree needs no
 * pointers and rendering a body is rendering an index range.
 *
 * INDENT nodes mark where a line of the template source starts (after the
 * standalone-line rules have removed what they remove). They print nothing,
 * except when the template is rendered as a standalone partial: then they
 * print the partial tag's indentation, which is how "each line of the
 * partial is indented" without indenting the lines of interpolated data, and
 * without compiling the partial once per indentation. */

enum node_kind {
    N_TEXT,     /* bytes of the source, copied to the output */
    N_INDENT,   /* start of a source line: print the current indentation */
    N_VAR,      /* {{name}}: escaped value */
    N_RAW,      /* {{{name}}} or {{&name}}: value as it is */
    N_SECTION,  /* {{#name}} ... {{/name}} */
    N_INVERTED, /* {{^name}} ... {{/name}} */
    N_PARTIAL   /* {{>name}} */
};

typedef struct tmpl_node {
    int kind;
    int line, column;      /* where the tag starts (tags only) */
    size_t off, len;       /* TEXT: the bytes; tags: the name, in t->src */
    size_t seg, nseg;      /* name parts in t->segs; nseg 0 is "." */
    size_t end;            /* SECTION, INVERTED: one past the body's last node */
    size_t ind_off, ind_len; /* PARTIAL: indentation of a standalone tag */
    int alone;               /* PARTIAL: the tag stands alone on its line */
} tmpl_node;

/* One part of a dotted name, in t->src. */
typedef struct tmpl_seg {
    size_t off, len;
} tmpl_seg;

struct ajar_tmpl {
    char *src; /* private copy of the text, NUL-terminated */
    size_t src_len;
    char *origin; /* may be NULL */
    tmpl_node *nodes;
    size_t nnodes, node_cap;
    tmpl_seg *segs;
    size_t nsegs, seg_cap;
};

/* ---- small helpers ---------------------------------------------------------- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Bytes in the well-formed UTF-8 sequence at s[0..n), or 1 when s[0] does
 * not start one (so that any bytes can be walked). n must be > 0. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    uint32_t cp;
    return ajar_utf8_decode((const char *)s, n, &cp);
}

/* Offset of the first `pat` (plen > 0 bytes) in s[from..n), or NPOS. */
static size_t find(const char *s, size_t n, size_t from, const char *pat, size_t plen)
{
    if (plen == 0 || from > n || n - from < plen)
        return NPOS;
    const char *q = s + from;
    const char *last = s + (n - plen); /* last possible start */
    while (q <= last) {
        q = memchr(q, pat[0], (size_t)(last - q) + 1);
        if (!q)
            return NPOS;
        if (memcmp(q, pat, plen) == 0)
            return (size_t)(q - s);
        q++;
    }
    return NPOS;
}

/* Appends s[0..n) for a message: quoted, at most ~60 bytes, with control
 * characters, invalid UTF-8, quotes and backslashes escaped, so that any
 * bytes of a template read safely on a terminal. */
static void put_quoted(ajar_strbuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    ajar_strbuf_putc(b, '"');
    while (i < n) {
        if (i >= 60) {
            ajar_strbuf_puts(b, "...");
            break;
        }
        size_t k = utf8_seq_len(u + i, n - i);
        unsigned c = u[i];
        int c1 = (k == 2 && c == 0xC2 && u[i + 1] < 0xA0); /* U+0080..U+009F */
        if (c == '"' || c == '\\') {
            ajar_strbuf_putc(b, '\\');
            ajar_strbuf_putc(b, (char)c);
        } else if (c < 0x20 || c == 0x7F || (k == 1 && c >= 0x80) || c1) {
            for (size_t j = 0; j < k; j++)
                ajar_strbuf_printf(b, "\\x%02X", u[i + j]);
        } else {
            ajar_strbuf_append(b, s + i, k);
        }
        i += k;
    }
    ajar_strbuf_putc(b, '"');
}

/* Adds the message built in m (which is freed) as an error. */
static ajar_status report(ajar_errors *errs, ajar_status code, const char *file, int line,
                          int column, ajar_strbuf *m)
{
    char *msg = ajar_strbuf_take(m);
    ajar_errors_add(errs, code, file, NULL, line, column, 0, "%s", msg ? msg : "out of memory");
    free(msg);
    return code;
}

/* Grows an array of elements of `size` bytes so that one more fits. */
static int grow_array(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 1;
    size_t ncap = *cap ? *cap * 2 : 16;
    if (ncap < *cap || ncap > (size_t)-1 / size)
        return 0;
    void *p = realloc(*items, ncap * size);
    if (!p)
        return 0;
    *items = p;
    *cap = ncap;
    return 1;
}

/* ---- parsing ------------------------------------------------------------------ */

typedef struct parser {
    ajar_tmpl *t;
    const char *s; /* t->src */
    size_t n;
    ajar_errors *errs;
    const char *otag, *ctag; /* current delimiters ("{{" "}}" or inside s) */
    size_t olen, clen;
    size_t pos; /* line/column tracking: where pos is in the text */
    int line, column;
    size_t *open; /* indices of the sections still open, innermost last */
    size_t nopen, open_cap;
} parser;

/* Moves the line/column tracker forward to offset `to` (never backwards). */
static void track_to(parser *p, size_t to)
{
    const unsigned char *u = (const unsigned char *)p->s;
    while (p->pos < to) {
        if (u[p->pos] == '\n') {
            p->pos++;
            if (p->line < INT_MAX)
                p->line++;
            p->column = 1;
        } else {
            p->pos += utf8_seq_len(u + p->pos, to - p->pos);
            if (p->column < INT_MAX)
                p->column++;
        }
    }
}

static ajar_status nomem(parser *p)
{
    return ajar_errors_add(p->errs, AJAR_E_NOMEM, p->t->origin, NULL, 0, 0, 0,
                           "out of memory while compiling the template");
}

/* Appends a node of `kind`; returns its index, or NPOS when memory ran out. */
static size_t add_node(parser *p, int kind)
{
    ajar_tmpl *t = p->t;
    if (!grow_array((void **)&t->nodes, &t->node_cap, t->nnodes, sizeof *t->nodes))
        return NPOS;
    tmpl_node *nd = &t->nodes[t->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    return t->nnodes++;
}

/* 1 when offset i starts a line of the source. */
static int line_start(const parser *p, size_t i)
{
    return i < p->n && (i == 0 || p->s[i - 1] == '\n');
}

/* Emits s[a..b) as TEXT nodes, one per line, each line preceded by INDENT. */
static ajar_status emit_text(parser *p, size_t a, size_t b)
{
    while (a < b) {
        if (line_start(p, a) && add_node(p, N_INDENT) == NPOS)
            return nomem(p);
        const char *nl = memchr(p->s + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - p->s) + 1 : b;
        size_t i = add_node(p, N_TEXT);
        if (i == NPOS)
            return nomem(p);
        p->t->nodes[i].off = a;
        p->t->nodes[i].len = e - a;
        a = e;
    }
    return AJAR_OK;
}

/* Finds how the tag whose content starts at c ends: at the closing
 * delimiter, preceded by `pre` when pre is not 0 ('}' for {{{x}}}, '=' for
 * {{=a b=}}). Stores the content's end and the tag's end; 0 when unclosed. */
static int find_closer(const parser *p, size_t c, char pre, size_t *cend, size_t *tag_end)
{
    size_t q = c;
    for (;;) {
        size_t hit = find(p->s, p->n, q, p->ctag, p->clen);
        if (hit == NPOS)
            return 0;
        if (!pre) {
            *cend = hit;
            *tag_end = hit + p->clen;
            return 1;
        }
        if (hit > c && p->s[hit - 1] == pre) {
            *cend = hit - 1;
            *tag_end = hit + p->clen;
            return 1;
        }
        q = hit + 1;
    }
}

/* Whether the tag s[tag..tag_end) stands alone on its line (only spaces and
 * tabs around it, then a newline or the end). If so, stores where the
 * line's leading whitespace starts and where the next line starts. */
static int standalone(const parser *p, size_t text_start, size_t tag, size_t tag_end, size_t *ws,
                      size_t *after)
{
    const char *s = p->s;
    size_t k = tag;
    while (k > text_start && (s[k - 1] == ' ' || s[k - 1] == '\t'))
        k--;
    /* s[k-1] can only be '\n' from text or from a stripped standalone line:
     * delimiters never contain whitespace. */
    if (k != 0 && s[k - 1] != '\n')
        return 0;
    size_t m = tag_end;
    while (m < p->n && (s[m] == ' ' || s[m] == '\t'))
        m++;
    if (m == p->n)
        *after = m;
    else if (s[m] == '\n')
        *after = m + 1;
    else if (s[m] == '\r' && m + 1 < p->n && s[m + 1] == '\n')
        *after = m + 2;
    else
        return 0;
    *ws = k;
    return 1;
}

/* Checks the name in s[c..cend) of a tag at line/column, trims it, and
 * stores it in node i; dotted names are split when `split`. */
static ajar_status parse_name(parser *p, size_t i, size_t c, size_t cend, int split, int line,
                              int column)
{
    const char *s = p->s;
    ajar_tmpl *t = p->t;
    while (c < cend && is_space((unsigned char)s[c]))
        c++;
    while (cend > c && is_space((unsigned char)s[cend - 1]))
        cend--;
    ajar_strbuf m;
    ajar_strbuf_init(&m);
    if (c == cend) {
        ajar_strbuf_puts(&m, "tag has no name");
        return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
    }
    for (size_t k = c; k < cend; k++) {
        unsigned char ch = (unsigned char)s[k];
        if (ch <= 0x20 || ch == 0x7F) {
            ajar_strbuf_puts(&m, "tag name ");
            put_quoted(&m, s + c, cend - c);
            ajar_strbuf_puts(&m, is_space(ch) ? " contains whitespace"
                                              : " contains a control character");
            return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
        }
    }
    t->nodes[i].off = c;
    t->nodes[i].len = cend - c;
    t->nodes[i].seg = t->nsegs;
    t->nodes[i].nseg = 0;
    if (!split || (cend - c == 1 && s[c] == '.'))
        return AJAR_OK;
    size_t a = c;
    for (;;) {
        const char *dot = memchr(s + a, '.', cend - a);
        size_t e = dot ? (size_t)(dot - s) : cend;
        if (e == a) {
            ajar_strbuf_puts(&m, "tag name ");
            put_quoted(&m, s + c, cend - c);
            ajar_strbuf_puts(&m, " has an empty part between dots");
            return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
        }
        if (!grow_array((void **)&t->segs, &t->seg_cap, t->nsegs, sizeof *t->segs))
            return nomem(p);
        t->segs[t->nsegs].off = a;
        t->segs[t->nsegs].len = e - a;
        t->nsegs++;
        t->nodes[i].nseg++;
        if (!dot)
            return AJAR_OK;
        a = e + 1;
        if (a == cend) { /* trailing dot */
            ajar_strbuf_puts(&m, "tag name ");
            put_quoted(&m, s + c, cend - c);
            ajar_strbuf_puts(&m, " has an empty part between dots");
            return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
        }
    }
}

/* Applies a set-delimiter tag whose content is s[c..cend). */
static ajar_status set_delimiters(parser *p, size_t c, size_t cend, int line, int column)
{
    const char *s = p->s;
    size_t a1, e1, a2, e2;
    ajar_strbuf m;
    ajar_strbuf_init(&m);
    while (c < cend && is_space((unsigned char)s[c]))
        c++;
    a1 = c;
    while (c < cend && !is_space((unsigned char)s[c]))
        c++;
    e1 = c;
    while (c < cend && is_space((unsigned char)s[c]))
        c++;
    a2 = c;
    while (c < cend && !is_space((unsigned char)s[c]))
        c++;
    e2 = c;
    while (c < cend && is_space((unsigned char)s[c]))
        c++;
    if (a1 == e1 || a2 == e2 || c != cend) {
        ajar_strbuf_puts(&m, "bad set-delimiter tag: expected two delimiters separated by "
                             "whitespace, as in {{=<% %>=}}");
        return report(p->errs, AJAR_E_SYNTAX, p->t->origin, line, column, &m);
    }
    if (memchr(s + a1, '=', e1 - a1) || memchr(s + a2, '=', e2 - a2)) {
        ajar_strbuf_puts(&m, "bad set-delimiter tag: a delimiter may not contain \"=\"");
        return report(p->errs, AJAR_E_SYNTAX, p->t->origin, line, column, &m);
    }
    p->otag = s + a1;
    p->olen = e1 - a1;
    p->ctag = s + a2;
    p->clen = e2 - a2;
    return AJAR_OK;
}

/* Handles the closing tag with name s[c..cend) of a tag at line/column. */
static ajar_status close_section(parser *p, size_t c, size_t cend, int line, int column)
{
    const char *s = p->s;
    ajar_tmpl *t = p->t;
    ajar_strbuf m;
    ajar_strbuf_init(&m);
    while (c < cend && is_space((unsigned char)s[c]))
        c++;
    while (cend > c && is_space((unsigned char)s[cend - 1]))
        cend--;
    if (p->nopen == 0) {
        ajar_strbuf_puts(&m, "closing tag ");
        put_quoted(&m, s + c, cend - c);
        ajar_strbuf_puts(&m, " has no open section");
        return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
    }
    tmpl_node *sec = &t->nodes[p->open[p->nopen - 1]];
    if (sec->len != cend - c || memcmp(s + sec->off, s + c, sec->len) != 0) {
        ajar_strbuf_puts(&m, "closing tag ");
        put_quoted(&m, s + c, cend - c);
        ajar_strbuf_puts(&m, " does not match the open section ");
        put_quoted(&m, s + sec->off, sec->len);
        ajar_strbuf_printf(&m, " (line %d, column %d)", sec->line, sec->column);
        return report(p->errs, AJAR_E_SYNTAX, t->origin, line, column, &m);
    }
    sec->end = t->nnodes;
    p->nopen--;
    return AJAR_OK;
}

/* Handles one tag of `type` (0 for a variable) with content s[c..cend),
 * starting at line/column; a standalone partial's indentation is
 * s[ind_off..ind_off+ind_len). */
static ajar_status handle_tag(parser *p, char type, size_t c, size_t cend, int alone,
                              size_t ind_off, size_t ind_len, int line, int column)
{
    ajar_status st;
    size_t i;
    int kind;
    switch (type) {
    case '!':
        return AJAR_OK;
    case '=':
        return set_delimiters(p, c, cend, line, column);
    case '/':
        return close_section(p, c, cend, line, column);
    case '#':
    case '^':
        kind = type == '#' ? N_SECTION : N_INVERTED;
        break;
    case '>':
        kind = N_PARTIAL;
        break;
    case '&':
    case '{':
        kind = N_RAW;
        break;
    default:
        kind = N_VAR;
        break;
    }
    i = add_node(p, kind);
    if (i == NPOS)
        return nomem(p);
    p->t->nodes[i].line = line;
    p->t->nodes[i].column = column;
    st = parse_name(p, i, c, cend, kind != N_PARTIAL, line, column);
    if (st != AJAR_OK)
        return st;
    if (kind == N_PARTIAL) {
        p->t->nodes[i].ind_off = ind_off;
        p->t->nodes[i].ind_len = ind_len;
        p->t->nodes[i].alone = alone;
    } else if (kind == N_SECTION || kind == N_INVERTED) {
        if (!grow_array((void **)&p->open, &p->open_cap, p->nopen, sizeof *p->open))
            return nomem(p);
        p->open[p->nopen++] = i;
    }
    return AJAR_OK;
}

/* Reports the tag opened by s[tag..c) that has no closing delimiter
 * (preceded by `pre` when not 0). */
static ajar_status unclosed_tag(parser *p, size_t tag, size_t c, char pre, int line, int column)
{
    ajar_strbuf m, closer;
    ajar_strbuf_init(&m);
    ajar_strbuf_init(&closer);
    if (pre)
        ajar_strbuf_putc(&closer, pre);
    ajar_strbuf_append(&closer, p->ctag, p->clen);
    ajar_strbuf_puts(&m, "unclosed tag: ");
    put_quoted(&m, p->s + tag, c - tag);
    ajar_strbuf_puts(&m, " without a matching ");
    if (closer.failed)
        ajar_strbuf_puts(&m, "closing delimiter");
    else
        put_quoted(&m, closer.data, closer.len);
    ajar_strbuf_free(&closer);
    return report(p->errs, AJAR_E_SYNTAX, p->t->origin, line, column, &m);
}

/* Turns the whole text into nodes; the first syntax error ends it. */
static ajar_status parse(parser *p)
{
    const char *s = p->s;
    size_t n = p->n;
    size_t text_start = 0;
    ajar_status st;
    for (;;) {
        size_t tag = find(s, n, text_start, p->otag, p->olen);
        if (tag == NPOS)
            break;
        track_to(p, tag);
        int line = p->line, column = p->column;
        size_t c = tag + p->olen;
        char type = 0;
        if (c < n && s[c] != '\0' && strchr("#^/>!=&{", s[c]))
            type = s[c++];
        size_t cend, tag_end;
        char pre = type == '{' ? '}' : type == '=' ? '=' : 0;
        if (!find_closer(p, c, pre, &cend, &tag_end))
            return unclosed_tag(p, tag, c, pre, line, column);
        size_t ws = tag, after = tag_end;
        int alone = type && strchr("#^/>!=", type) &&
                    standalone(p, text_start, tag, tag_end, &ws, &after);
        if (alone) {
            st = emit_text(p, text_start, ws);
        } else {
            st = emit_text(p, text_start, tag);
            if (st == AJAR_OK && line_start(p, tag) && add_node(p, N_INDENT) == NPOS)
                st = nomem(p);
        }
        if (st != AJAR_OK)
            return st;
        st = handle_tag(p, type, c, cend, alone, ws, alone ? tag - ws : 0, line, column);
        if (st != AJAR_OK)
            return st;
        text_start = alone ? after : tag_end;
    }
    st = emit_text(p, text_start, n);
    if (st != AJAR_OK)
        return st;
    for (size_t k = 0; k < p->nopen; k++) {
        const tmpl_node *sec = &p->t->nodes[p->open[k]];
        ajar_strbuf m;
        ajar_strbuf_init(&m);
        ajar_strbuf_puts(&m, sec->kind == N_INVERTED ? "inverted section " : "section ");
        put_quoted(&m, s + sec->off, sec->len);
        ajar_strbuf_printf(&m, " opened at line %d column %d is never closed", sec->line,
                           sec->column);
        st = report(p->errs, AJAR_E_SYNTAX, p->t->origin, sec->line, sec->column, &m);
    }
    return p->nopen ? AJAR_E_SYNTAX : AJAR_OK;
}

void ajar_tmpl_free(ajar_tmpl *t)
{
    if (!t)
        return;
    free(t->src);
    free(t->origin);
    free(t->nodes);
    free(t->segs);
    free(t);
}

ajar_status ajar_tmpl_compile(const char *text, size_t len, const char *origin,
                              ajar_tmpl **out, ajar_errors *errs)
{
    if (!out || (!text && len))
        return ajar_errors_add(errs, AJAR_E_USAGE, origin, NULL, 0, 0, 0,
                               "ajar_tmpl_compile: %s", out ? "no text" : "nowhere to store");
    *out = NULL;
    if (len == (size_t)-1)
        return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0,
                               "template too large");
    ajar_tmpl *t = calloc(1, sizeof *t);
    if (!t || !(t->src = malloc(len + 1)) || (origin && !(t->origin = strdup(origin)))) {
        ajar_tmpl_free(t);
        return ajar_errors_add(errs, AJAR_E_NOMEM, origin, NULL, 0, 0, 0,
                               "out of memory while compiling the template");
    }
    if (len)
        memcpy(t->src, text, len);
    t->src[len] = '\0';
    t->src_len = len;

    parser p;
    memset(&p, 0, sizeof p);
    p.t = t;
    p.s = t->src;
    p.n = len;
    p.errs = errs;
    p.otag = "{{";
    p.ctag = "}}";
    p.olen = p.clen = 2;
    p.line = p.column = 1;
    ajar_status st = parse(&p);
    free(p.open);
    if (st != AJAR_OK) {
        ajar_tmpl_free(t);
        return st;
    }
    *out = t;
    return AJAR_OK;
}

/* ---- escaping ------------------------------------------------------------------ */

void ajar_tmpl_escape_html(ajar_strbuf *out, const char *s, size_t n, void *ud)
{
    (void)ud;
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        ajar_strbuf_append(out, s + run, i - run);
        ajar_strbuf_puts(out, rep);
        run = i + 1;
    }
    ajar_strbuf_append(out, s + run, n - run);
}

void ajar_tmpl_escape_none(ajar_strbuf *out, const char *s, size_t n, void *ud)
{
    (void)ud;
    ajar_strbuf_append(out, s, n);
}

/* ---- rendering ------------------------------------------------------------------ */

/* A partial asked for during this render; t is NULL when it does not exist. */
typedef struct partial_entry {
    char *name;
    ajar_tmpl *t;
} partial_entry;

typedef struct render_state {
    ajar_tmpl_escape_fn escape;
    void *escape_ud;
    ajar_tmpl_partial_fn partial;
    void *partial_ud;
    ajar_strbuf *out;
    ajar_errors *errs;
    const cJSON **stack; /* the context stack, top last */
    size_t depth, stack_cap;
    partial_entry *partials;
    size_t npartials, partial_cap;
    ajar_strbuf indent; /* indentation of the standalone partials being rendered */
    int partial_depth;
    int nesting;
    int trim_inline; /* opts->trim_inline_partials */
    size_t work, budget; /* bytes written + nodes visited so far, and the most allowed */
} render_state;

static ajar_status render_nomem(render_state *rs)
{
    return ajar_errors_add(rs->errs, AJAR_E_NOMEM, NULL, NULL, 0, 0, 0,
                           "out of memory while rendering a template");
}

/* The member of object obj named key[0..len) (which holds no NUL), or NULL. */
static const cJSON *member(const cJSON *obj, const char *key, size_t len)
{
    /* the first byte rules most members out before a call is made */
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string && c->string[0] == key[0] && strncmp(c->string, key, len) == 0 &&
            c->string[len] == '\0')
            return c;
    return NULL;
}

/* Resolves the name of node nd of template t against the context stack;
 * NULL when it does not resolve. */
static const cJSON *lookup(const render_state *rs, const ajar_tmpl *t, const tmpl_node *nd)
{
    if (nd->nseg == 0)
        return rs->depth ? rs->stack[rs->depth - 1] : NULL;
    const tmpl_seg *seg = &t->segs[nd->seg];
    const cJSON *v = NULL;
    for (size_t d = rs->depth; d-- > 0 && !v;)
        if (cJSON_IsObject(rs->stack[d]))
            v = member(rs->stack[d], t->src + seg[0].off, seg[0].len);
    for (size_t k = 1; k < nd->nseg && v; k++)
        v = cJSON_IsObject(v) ? member(v, t->src + seg[k].off, seg[k].len) : NULL;
    return v;
}

static int truthy(const cJSON *v)
{
    if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v) || cJSON_IsInvalid(v))
        return 0;
    if (cJSON_IsArray(v))
        return v->child != NULL;
    if (cJSON_IsString(v))
        return v->valuestring && v->valuestring[0];
    if (cJSON_IsNumber(v))
        return v->valuedouble == v->valuedouble && v->valuedouble != 0;
    return 1;
}

/* Writes d the way the spec expects: whole numbers without decimals, others
 * with the fewest digits that read back exactly; "." whatever the locale.
 * Not-a-number and infinities (impossible in parsed JSON) write nothing. */
static void format_number(double d, char *buf, size_t size)
{
    buf[0] = '\0';
    if (d != d || d > 1.7976931348623157e308 || d < -1.7976931348623157e308)
        return;
    if (d >= -1e15 && d <= 1e15 && d == (double)(long long)d) {
        snprintf(buf, size, "%lld", (long long)d);
        return;
    }
    snprintf(buf, size, "%.15g", d);
    if (strtod(buf, NULL) != d)
        snprintf(buf, size, "%.17g", d);
    const char *dp = localeconv()->decimal_point;
    size_t dl = dp ? strlen(dp) : 0;
    if (dl && strcmp(dp, ".") != 0) {
        char *at = strstr(buf, dp);
        if (at) {
            *at = '.';
            memmove(at + 1, at + dl, strlen(at + dl) + 1);
        }
    }
}

/* Appends the value v, escaped when `escape`. */
static void interpolate(render_state *rs, const cJSON *v, int escape)
{
    const char *s = NULL;
    char num[64];
    if (!v)
        return;
    if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
        s = v->valuestring;
    } else if (cJSON_IsNumber(v)) {
        format_number(v->valuedouble, num, sizeof num);
        s = num;
    } else if (cJSON_IsTrue(v)) {
        s = "true";
    } else if (cJSON_IsFalse(v)) {
        s = "false";
    }
    if (!s || !*s)
        return;
    if (escape)
        rs->escape(rs->out, s, strlen(s), rs->escape_ud);
    else
        ajar_strbuf_append(rs->out, s, strlen(s));
}

static ajar_status render_range(render_state *rs, const ajar_tmpl *t, size_t from, size_t to);

static ajar_status push(render_state *rs, const cJSON *v)
{
    if (!grow_array((void **)&rs->stack, &rs->stack_cap, rs->depth, sizeof *rs->stack))
        return render_nomem(rs);
    rs->stack[rs->depth++] = v;
    return AJAR_OK;
}

/* Renders the body of the section at node index i with v on the stack. */
static ajar_status render_body(render_state *rs, const ajar_tmpl *t, size_t i, const cJSON *v)
{
    ajar_status st = AJAR_OK;
    if (v) {
        st = push(rs, v);
        if (st != AJAR_OK)
            return st;
    }
    st = render_range(rs, t, i + 1, t->nodes[i].end);
    if (v)
        rs->depth--;
    return st;
}

static ajar_status render_section(render_state *rs, const ajar_tmpl *t, size_t i)
{
    const tmpl_node *nd = &t->nodes[i];
    const cJSON *v = lookup(rs, t, nd);
    if (nd->kind == N_INVERTED)
        return truthy(v) ? AJAR_OK : render_body(rs, t, i, NULL);
    if (!truthy(v))
        return AJAR_OK;
    if (!cJSON_IsArray(v))
        return render_body(rs, t, i, v);
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        ajar_status st = render_body(rs, t, i, item);
        if (st != AJAR_OK)
            return st;
    }
    return AJAR_OK;
}

/* The compiled partial named by node nd of t, loading and compiling it on
 * first use; *pt is NULL when there is no such partial. */
static ajar_status find_partial(render_state *rs, const ajar_tmpl *t, const tmpl_node *nd,
                                ajar_tmpl **pt)
{
    const char *name = t->src + nd->off;
    *pt = NULL;
    for (size_t k = 0; k < rs->npartials; k++) {
        partial_entry *e = &rs->partials[k];
        if (strncmp(e->name, name, nd->len) == 0 && e->name[nd->len] == '\0') {
            *pt = e->t;
            return AJAR_OK;
        }
    }
    if (!grow_array((void **)&rs->partials, &rs->partial_cap, rs->npartials, sizeof *rs->partials))
        return render_nomem(rs);
    partial_entry *e = &rs->partials[rs->npartials];
    e->t = NULL;
    e->name = malloc(nd->len + 1);
    if (!e->name)
        return render_nomem(rs);
    memcpy(e->name, name, nd->len);
    e->name[nd->len] = '\0';
    rs->npartials++;
    if (!rs->partial)
        return AJAR_OK;
    char *origin = NULL;
    char *text = rs->partial(e->name, &origin, rs->partial_ud);
    ajar_status st = AJAR_OK;
    if (text) {
        st = ajar_tmpl_compile(text, strlen(text), origin ? origin : e->name, &e->t, rs->errs);
        if (st == AJAR_E_SYNTAX) {
            ajar_strbuf m;
            ajar_strbuf_init(&m);
            ajar_strbuf_puts(&m, "in the partial ");
            put_quoted(&m, e->name, strlen(e->name));
            ajar_strbuf_puts(&m, " included here");
            report(rs->errs, st, t->origin, nd->line, nd->column, &m);
        }
    }
    free(text);
    free(origin);
    *pt = e->t;
    return st;
}

static ajar_status render_partial(render_state *rs, const ajar_tmpl *t, const tmpl_node *nd)
{
    ajar_tmpl *pt;
    ajar_status st = find_partial(rs, t, nd, &pt);
    if (st != AJAR_OK || !pt)
        return st;
    if (rs->partial_depth >= AJAR_TMPL_MAX_PARTIAL_DEPTH) {
        ajar_strbuf m;
        ajar_strbuf_init(&m);
        ajar_strbuf_puts(&m, "partial ");
        put_quoted(&m, t->src + nd->off, nd->len);
        ajar_strbuf_printf(&m, " is nested more than %d levels deep (does it include itself "
                               "without end?)",
                           AJAR_TMPL_MAX_PARTIAL_DEPTH);
        return report(rs->errs, AJAR_E_INVALID, t->origin, nd->line, nd->column, &m);
    }
    size_t old = rs->indent.len;
    ajar_strbuf_append(&rs->indent, t->src + nd->ind_off, nd->ind_len);
    if (rs->indent.failed)
        return render_nomem(rs);
    size_t start = rs->out->len;
    rs->partial_depth++;
    st = render_range(rs, pt, 0, pt->nnodes);
    rs->partial_depth--;
    /* An inline partial holds a phrase: the line end its file ends with
     * would break the sentence it sits in. At the very end of a template
     * there is no sentence to break, and the line end is the text's last. */
    int last = nd == &t->nodes[t->nnodes - 1];
    if (st == AJAR_OK && rs->trim_inline && !nd->alone && !last && rs->out->len > start &&
        rs->out->data[rs->out->len - 1] == '\n') {
        rs->out->len--;
        if (rs->out->len > start && rs->out->data[rs->out->len - 1] == '\r')
            rs->out->len--;
        rs->out->data[rs->out->len] = '\0';
    }
    rs->indent.len = old;
    if (rs->indent.data)
        rs->indent.data[old] = '\0';
    return st;
}

static ajar_status over_budget(render_state *rs, const ajar_tmpl *t, const tmpl_node *nd)
{
    return ajar_errors_add(rs->errs, AJAR_E_INVALID, t->origin, NULL, nd->line, nd->column, 0,
                           "rendering used up its budget of %zu (bytes written plus template "
                           "parts visited): does a section or partial repeat without end?",
                           rs->budget);
}

/* Renders nodes [from, to) of t. */
static ajar_status render_range(render_state *rs, const ajar_tmpl *t, size_t from, size_t to)
{
    ajar_status st = AJAR_OK;
    if (rs->nesting >= MAX_NESTING) {
        const tmpl_node *nd = from > 0 ? &t->nodes[from - 1] : NULL;
        return ajar_errors_add(rs->errs, AJAR_E_INVALID, t->origin, NULL, nd ? nd->line : 0,
                               nd ? nd->column : 0, 0,
                               "sections and partials are nested more than %d levels deep",
                               MAX_NESTING);
    }
    rs->nesting++;
    for (size_t i = from; i < to && st == AJAR_OK;) {
        const tmpl_node *nd = &t->nodes[i];
        size_t before = rs->out->len;
        if (++rs->work > rs->budget) {
            st = over_budget(rs, t, nd);
            break;
        }
        switch (nd->kind) {
        case N_TEXT:
            ajar_strbuf_append(rs->out, t->src + nd->off, nd->len);
            break;
        case N_INDENT:
            if (rs->indent.len)
                ajar_strbuf_append(rs->out, rs->indent.data, rs->indent.len);
            break;
        case N_VAR:
        case N_RAW:
            interpolate(rs, lookup(rs, t, nd), nd->kind == N_VAR);
            break;
        case N_SECTION:
        case N_INVERTED:
            /* The nested render_range calls count their own work. */
            st = render_section(rs, t, i);
            i = nd->end;
            continue;
        case N_PARTIAL:
            st = render_partial(rs, t, nd);
            i++;
            continue;
        }
        if (rs->out->failed)
            st = render_nomem(rs);
        rs->work += rs->out->len - before;
        if (st == AJAR_OK && rs->work > rs->budget)
            st = over_budget(rs, t, nd);
        i++;
    }
    rs->nesting--;
    return st;
}

ajar_status ajar_tmpl_render(const ajar_tmpl *t, const cJSON *data, const ajar_tmpl_opts *opts,
                             ajar_strbuf *out, ajar_errors *errs)
{
    if (!t || !out)
        return ajar_errors_add(errs, AJAR_E_USAGE, t ? t->origin : NULL, NULL, 0, 0, 0,
                               "ajar_tmpl_render: %s", t ? "no output buffer" : "no template");
    render_state rs;
    memset(&rs, 0, sizeof rs);
    rs.escape = opts && opts->escape ? opts->escape : ajar_tmpl_escape_html;
    rs.escape_ud = opts ? opts->escape_ud : NULL;
    rs.partial = opts ? opts->partial : NULL;
    rs.partial_ud = opts ? opts->partial_ud : NULL;
    rs.budget = opts && opts->budget ? opts->budget : AJAR_TMPL_DEFAULT_BUDGET;
    rs.trim_inline = opts ? opts->trim_inline_partials : 0;
    rs.out = out;
    rs.errs = errs;
    ajar_strbuf_init(&rs.indent);

    size_t start = out->len;
    ajar_status st = data ? push(&rs, data) : AJAR_OK;
    if (st == AJAR_OK)
        st = out->failed ? render_nomem(&rs) : render_range(&rs, t, 0, t->nnodes);
    if (st != AJAR_OK && !out->failed) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
    }
    for (size_t k = 0; k < rs.npartials; k++) {
        free(rs.partials[k].name);
        ajar_tmpl_free(rs.partials[k].t);
    }
    free(rs.partials);
    free(rs.stack);
    ajar_strbuf_free(&rs.indent);
    return st;
}
