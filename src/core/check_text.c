/* check_text.c — text for the check: case folding, word-boundary matching, word and sentence counts, UTF-8 safe. */
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

int check_text_decode(const char *s, int fold, check_text *t)
{
    size_t len = strlen(s);
    t->n = 0;
    t->cp = malloc((len + 1) * sizeof *t->cp);
    t->off = malloc((len + 1) * sizeof *t->off);
    if (!t->cp || !t->off) {
        check_text_free(t);
        return 0;
    }
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = ajar_utf8_decode(s + i, len - i, &cp);
        t->cp[t->n] = fold ? check_fold(cp) : cp;
        t->off[t->n++] = i;
        i += k;
    }
    t->off[t->n] = len;
    return 1;
}

void check_text_free(check_text *t)
{
    free(t->cp);
    free(t->off);
    t->cp = NULL;
    t->off = NULL;
    t->n = 0;
}

int check_pattern_compile(const char *s, check_pattern *p, int *nomem)
{
    check_text t;
    memset(p, 0, sizeof *p);
    p->text = s;
    if (!check_text_decode(s, 1, &t)) {
        *nomem = 1;
        return 0;
    }
    size_t a = 0, b = t.n;
    while (a < b && check_is_space(t.cp[a]))
        a++;
    while (b > a && check_is_space(t.cp[b - 1]))
        b--;
    if (b > a && t.cp[b - 1] == '*') {
        p->prefix = 1;
        b--;
        while (b > a && check_is_space(t.cp[b - 1]))
            b--;
    }
    p->cp = malloc((b - a + 1) * sizeof *p->cp);
    if (!p->cp) {
        check_text_free(&t);
        *nomem = 1;
        return 0;
    }
    for (size_t i = a; i < b; i++) {
        if (check_is_space(t.cp[i])) {
            if (p->n && p->cp[p->n - 1] != ' ')
                p->cp[p->n++] = ' ';
        } else {
            p->cp[p->n++] = t.cp[i];
        }
    }
    check_text_free(&t);
    int has_word = 0;
    for (size_t i = 0; i < p->n; i++)
        if (check_is_word_cp(p->cp[i]) || check_is_unspaced(p->cp[i]))
            has_word = 1;
    if (!has_word) {
        check_pattern_free(p);
        return 0;
    }
    return 1;
}

void check_pattern_free(check_pattern *p)
{
    free(p->cp);
    p->cp = NULL;
    p->n = 0;
}

/* Matches p at position i of t; returns the end or (size_t)-1. */
static size_t match_at(const check_pattern *p, const check_text *t, size_t i)
{
    size_t j = 0;
    while (j < p->n) {
        if (p->cp[j] == ' ') {
            if (i >= t->n || !check_is_space(t->cp[i]))
                return (size_t)-1;
            while (i < t->n && check_is_space(t->cp[i]))
                i++;
        } else {
            if (i >= t->n || t->cp[i] != p->cp[j])
                return (size_t)-1;
            i++;
        }
        j++;
    }
    return i;
}

size_t check_pattern_find(const check_pattern *p, const check_text *t, size_t from, size_t *end)
{
    if (p->n == 0)
        return (size_t)-1;
    int word_start = check_is_word_cp(p->cp[0]);
    int word_end = check_is_word_cp(p->cp[p->n - 1]);
    for (size_t i = from; i < t->n; i++) {
        if (word_start && i > 0 && check_is_word_cp(t->cp[i - 1]))
            continue;
        size_t e = match_at(p, t, i);
        if (e == (size_t)-1)
            continue;
        if (p->prefix) {
            while (e < t->n && check_is_word_cp(t->cp[e]))
                e++;
        } else if (word_end && e < t->n && check_is_word_cp(t->cp[e])) {
            continue;
        }
        *end = e;
        return i;
    }
    return (size_t)-1;
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

size_t check_count_words(const char *s)
{
    check_text t;
    if (!check_text_decode(s, 0, &t))
        return 0;
    size_t words = 0, unspaced = 0;
    int in_word = 0;
    for (size_t i = 0; i < t.n; i++) {
        uint32_t cp = t.cp[i];
        if (check_is_word_cp(cp)) {
            if (!in_word)
                words++;
            in_word = 1;
        } else if (in_word && i + 1 < t.n && check_is_word_cp(t.cp[i + 1]) &&
                   (is_joiner(cp) || ((cp == '.' || cp == ',') && is_digit(t.cp[i - 1]) &&
                                      is_digit(t.cp[i + 1])))) {
            continue;
        } else {
            in_word = 0;
            if (check_is_unspaced(cp))
                unspaced++;
        }
    }
    check_text_free(&t);
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

size_t check_count_sentences(const char *s)
{
    check_text t;
    if (!check_text_decode(s, 0, &t))
        return 0;
    size_t sentences = 0, word_len = 0;
    int has_word = 0;
    for (size_t i = 0; i < t.n; i++) {
        uint32_t cp = t.cp[i];
        if (check_is_word_cp(cp) || check_is_unspaced(cp)) {
            has_word = 1;
            word_len = check_is_word_cp(cp) ? word_len + 1 : 0;
            continue;
        }
        int end = 0;
        if (ends_sentence_always(cp)) {
            end = 1;
        } else if (ends_sentence(cp)) {
            size_t k = i;
            while (k + 1 < t.n && (ends_sentence(t.cp[k + 1]) || t.cp[k + 1] == '"' ||
                                   t.cp[k + 1] == ')' || t.cp[k + 1] == 0x201D))
                k++;
            int abbreviation = cp == '.' && word_len == 1;
            if ((k + 1 == t.n || check_is_space(t.cp[k + 1])) && !abbreviation) {
                end = 1;
                i = k;
            }
        }
        word_len = 0;
        if (end && has_word) {
            sentences++;
            has_word = 0;
        }
    }
    if (has_word)
        sentences++;
    check_text_free(&t);
    return sentences;
}
