/* check_text.c — text for the check: decoded once with each character's class, word-boundary matching, word and sentence counts. */
#include <stdlib.h>
#include <string.h>

#include "ajar/utf8.h"
#include "check_int.h"

uint32_t check_lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE)
        return cp == 0xD7 ? cp : cp + 32;
    /* Latin Extended-A pairs capitals and small letters, mostly even/odd. */
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp % 2 == 0 ? cp + 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp % 2 == 1 ? cp + 1 : cp;
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 32;
    if (cp == 0x3C2) /* final sigma */
        return 0x3C3;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    /* Latin Extended Additional (Vietnamese and more): even/odd pairs. */
    if ((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF))
        return cp % 2 == 0 ? cp + 1 : cp;
    return cp;
}

uint32_t check_fold(uint32_t cp)
{
    switch (cp) {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x02BC: /* ʼ */
        return '\'';
    case 0x2010: /* ‐ */
    case 0x2011: /* non-breaking hyphen */
        return '-';
    default:
        return check_lower(cp);
    }
}

int check_is_unspaced(uint32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
           (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
           (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* CJK radicals */
           (cp >= 0x3040 && cp <= 0x31FF) ||   /* kana, bopomofo */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* CJK compatibility */
           (cp >= 0x20000 && cp <= 0x3FFFF);   /* CJK extensions B and on */
}

int check_is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

int check_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;
    if (check_is_space(cp) || check_is_unspaced(cp))
        return 0;
    /* Punctuation, symbols, arrows, box drawing, CJK punctuation, fullwidth
     * punctuation, emoji: not parts of words. */
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
        return 0;
    return 1;
}

#define W (CHECK_WORD | CHECK_WORD_RAW)
#define S CHECK_SPACE

/* The classes of each ASCII character, as written and folded alike: the
 * same answers as check_is_word_cp and check_is_space, without a call. */
static const unsigned char ASCII_CLASS[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0, /* \t \n \v \f \r */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* space */
    W, W, W, W, W, W, W, W, W, W, 0, 0, 0, 0, 0, 0, /* 0-9 */
    0, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* A-O */
    W, W, W, W, W, W, W, W, W, W, W, 0, 0, 0, 0, 0, /* P-Z */
    0, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* a-o */
    W, W, W, W, W, W, W, W, W, W, W, 0, 0, 0, 0, 0, /* p-z */
};

#undef W
#undef S

static unsigned char ascii_class(unsigned b)
{
    return ASCII_CLASS[b];
}

/* The classes of any other code point (raw) and its folded form. */
static unsigned char other_class(uint32_t raw, uint32_t fold)
{
    return (unsigned char)((check_is_word_cp(fold) ? CHECK_WORD : 0) |
                           (check_is_word_cp(raw) ? CHECK_WORD_RAW : 0) |
                           (check_is_space(raw) ? CHECK_SPACE : 0) |
                           (check_is_unspaced(raw) ? CHECK_UNSPACED : 0));
}

static uint32_t ascii_lower(unsigned b)
{
    return b - 'A' < 26u ? b + 32 : b;
}

int check_text_decode(const char *s, check_text *t)
{
    size_t len = strlen(s), cap = len + 1;
    size_t each = sizeof *t->off + sizeof *t->raw + sizeof *t->fold + sizeof *t->cls;
    memset(t, 0, sizeof *t);
    char *block = cap <= SIZE_MAX / each ? malloc(cap * each) : NULL;
    if (!block)
        return 0;
    t->off = (size_t *)(void *)block;
    t->raw = (uint32_t *)(void *)(t->off + cap);
    t->fold = t->raw + cap;
    t->cls = (unsigned char *)(t->fold + cap);
    size_t i = 0, n = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        t->off[n] = i;
        if (b < 0x80) {
            t->raw[n] = b;
            t->fold[n] = ascii_lower(b);
            t->cls[n] = ascii_class(b);
            i++;
        } else {
            uint32_t cp;
            i += ajar_utf8_decode(s + i, len - i, &cp);
            t->raw[n] = cp;
            t->fold[n] = check_fold(cp);
            t->cls[n] = other_class(cp, t->fold[n]);
        }
        n++;
    }
    t->off[n] = len;
    t->n = n;
    return 1;
}

void check_text_free(check_text *t)
{
    free(t->off);
    memset(t, 0, sizeof *t);
}

/* The folded code point at s[*i], moving *i past it; *space tells whether
 * it is white space. */
static uint32_t next_folded(const char *s, size_t len, size_t *i, int *space)
{
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        (*i)++;
        *space = ascii_class(b) == CHECK_SPACE;
        return ascii_lower(b);
    }
    uint32_t cp;
    *i += ajar_utf8_decode(s + *i, len - *i, &cp);
    cp = check_fold(cp);
    *space = check_is_space(cp);
    return cp;
}

/* The classes of a folded code point of a pattern. */
static unsigned char pattern_class(uint32_t cp)
{
    return cp < 0x80 ? ascii_class(cp) : other_class(cp, cp);
}

int check_pattern_compile(const char *s, uint32_t *cp, check_pattern *p)
{
    size_t len = strlen(s), n = 0;
    int space = 0, is_space;
    memset(p, 0, sizeof *p);
    /* Folded, without leading or trailing spaces, each run of them one 0x20. */
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        uint32_t c;
        if (b < 0x80 && ASCII_CLASS[b] != CHECK_SPACE) { /* most of a rules file */
            c = ascii_lower(b);
            i++;
        } else if (c = next_folded(s, len, &i, &is_space), is_space) {
            space = n > 0;
            continue;
        }
        if (space)
            cp[n++] = ' ';
        space = 0;
        cp[n++] = c;
    }
    if (n && cp[n - 1] == '*') {
        p->prefix = 1;
        n--;
        if (n && cp[n - 1] == ' ')
            n--;
    }
    int has_word = 0;
    for (size_t i = 0; i < n && !has_word; i++)
        has_word = (pattern_class(cp[i]) & (CHECK_WORD | CHECK_UNSPACED)) != 0;
    if (!has_word)
        return 0;
    p->cp = cp;
    p->n = n;
    p->word_start = (pattern_class(cp[0]) & CHECK_WORD) != 0;
    p->word_end = (pattern_class(cp[n - 1]) & CHECK_WORD) != 0;
    return 1;
}

/* Matches the code points of p at position i of t; returns the end or (size_t)-1. */
static size_t match_at(const check_pattern *p, const check_text *t, size_t i)
{
    for (size_t j = 0; j < p->n; j++) {
        if (p->cp[j] == ' ') {
            if (i >= t->n || !(t->cls[i] & CHECK_SPACE))
                return (size_t)-1;
            while (i < t->n && (t->cls[i] & CHECK_SPACE))
                i++;
        } else {
            if (i >= t->n || t->fold[i] != p->cp[j])
                return (size_t)-1;
            i++;
        }
    }
    return i;
}

/* The end of a match of p that starts at i, on its word boundaries (a
 * prefix pattern runs to the end of the word), or (size_t)-1. */
static size_t match_here(const check_pattern *p, const check_text *t, size_t i)
{
    if (p->word_start && i > 0 && (t->cls[i - 1] & CHECK_WORD))
        return (size_t)-1;
    size_t e = match_at(p, t, i);
    if (e == (size_t)-1)
        return e;
    if (p->prefix) {
        while (e < t->n && (t->cls[e] & CHECK_WORD))
            e++;
    } else if (p->word_end && e < t->n && (t->cls[e] & CHECK_WORD)) {
        return (size_t)-1;
    }
    return e;
}

size_t check_pattern_find(const check_pattern *p, const check_text *t, size_t from, size_t *end)
{
    if (p->n == 0)
        return (size_t)-1;
    for (size_t i = from; i < t->n; i++) {
        if (t->fold[i] != p->cp[0])
            continue;
        size_t e = match_here(p, t, i);
        if (e != (size_t)-1) {
            *end = e;
            return i;
        }
    }
    return (size_t)-1;
}

void check_words_group(check_words *w)
{
    memset(w->first, 0, sizeof w->first);
    for (size_t k = w->n; k-- > 0;) {
        uint32_t c = w->pat[k].cp[0];
        uint32_t *group = &w->first[c < CHECK_GROUPS - 1 ? c : CHECK_GROUPS - 1];
        w->pat[k].next = *group;
        *group = (uint32_t)(k + 1);
    }
}

/* The index + 1 of the first pattern of w that may start with c, or 0. */
static uint32_t group_of(const check_words *w, uint32_t c)
{
    return w->first[c < CHECK_GROUPS - 1 ? c : CHECK_GROUPS - 1];
}

size_t check_words_find(const check_words *w, const check_text *t, size_t from, size_t *end)
{
    for (size_t i = from; i < t->n; i++) {
        uint32_t c = t->fold[i];
        size_t best = (size_t)-1;
        for (uint32_t k = group_of(w, c); k; k = w->pat[k - 1].next) {
            const check_pattern *p = &w->pat[k - 1];
            size_t e = p->cp[0] == c ? match_here(p, t, i) : (size_t)-1;
            if (e != (size_t)-1 && (best == (size_t)-1 || e > best))
                best = e;
        }
        if (best != (size_t)-1) {
            *end = best;
            return i;
        }
    }
    return (size_t)-1;
}

void check_words_mark(const check_words *w, const check_text *t, unsigned char *hit)
{
    for (size_t i = 0; i < t->n; i++) {
        uint32_t c = t->fold[i];
        for (uint32_t k = group_of(w, c); k; k = w->pat[k - 1].next) {
            const check_pattern *p = &w->pat[k - 1];
            if (p->cp[0] == c && match_here(p, t, i) != (size_t)-1)
                hit[k - 1] = 1;
        }
    }
}

/* A joiner between two word characters keeps one word: don't, four-day. */
static int is_joiner(uint32_t cp)
{
    return cp == '\'' || cp == '-' || cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Whether the character at i (not a word character) joins the words on its
 * two sides. */
static int joins(const check_text *t, size_t i)
{
    uint32_t cp = t->raw[i];
    if (i == 0 || i + 1 >= t->n || !(t->cls[i + 1] & CHECK_WORD_RAW))
        return 0;
    return is_joiner(cp) ||
           ((cp == '.' || cp == ',') && is_digit(t->raw[i - 1]) && is_digit(t->raw[i + 1]));
}

size_t check_count_words(const check_text *t)
{
    size_t words = 0, unspaced = 0;
    int in_word = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->cls[i] & CHECK_WORD_RAW) {
            words += !in_word;
            in_word = 1;
        } else if (in_word && joins(t, i)) {
            continue;
        } else {
            in_word = 0;
            unspaced += (t->cls[i] & CHECK_UNSPACED) != 0;
        }
    }
    return words + (unspaced + 1) / 2;
}

static int ends_sentence_always(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F; /* 。！？ */
}

static int ends_sentence(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Whether a sentence ends at i, a . ! ? or …; moves *i past the closing
 * marks that follow it ("?!", a quote, a bracket) when it does. */
static int sentence_ends_at(const check_text *t, size_t *i, size_t word_len)
{
    size_t k = *i;
    while (k + 1 < t->n && (ends_sentence(t->raw[k + 1]) || t->raw[k + 1] == '"' ||
                            t->raw[k + 1] == ')' || t->raw[k + 1] == 0x201D))
        k++;
    int abbreviation = t->raw[*i] == '.' && word_len == 1;
    if ((k + 1 == t->n || (t->cls[k + 1] & CHECK_SPACE)) && !abbreviation) {
        *i = k;
        return 1;
    }
    return 0;
}

size_t check_count_sentences(const check_text *t)
{
    size_t sentences = 0, word_len = 0;
    int has_word = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t cp = t->raw[i];
        if (t->cls[i] & (CHECK_WORD_RAW | CHECK_UNSPACED)) {
            has_word = 1;
            word_len = (t->cls[i] & CHECK_WORD_RAW) ? word_len + 1 : 0;
            continue;
        }
        int end = ends_sentence_always(cp) ||
                  (ends_sentence(cp) && sentence_ends_at(t, &i, word_len));
        word_len = 0;
        if (end && has_word) {
            sentences++;
            has_word = 0;
        }
    }
    return sentences + has_word;
}
