/* fmt_eml.c — an unsent e-mail message: RFC 5322 headers with RFC 2047 words and a quoted-printable
 * UTF-8 body. */
#include "ajar/formats.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ajar/date.h"
#include "ajar/utf8.h"

#define LINE_MAX_COLS 78 /* RFC 5322 2.1.1: lines SHOULD NOT be longer */
#define WORD_MAX 75      /* RFC 2047 2: longest encoded-word */
#define WORD_OVERHEAD 12 /* "=?UTF-8?B?" and "?=" */
#define QP_LINE_MAX 76   /* RFC 2045 6.7 (5): longest encoded line */
#define DEFAULT_DOMAIN "ajar.invalid"
#define SECS_PER_DAY 86400LL
#define FIRST_DAY (-25567LL) /* 1900-01-01 */
#define LAST_DAY 2932896LL   /* 9999-12-31 */

static const char HEX[] = "0123456789ABCDEF";

/* ---- header lines ---------------------------------------------------------------- */

/* A header being written: tokens are separated by one space, or by CRLF and
 * a space when the next token would pass column 78. The first token always
 * stays on the line of the header's name. */
typedef struct hdr {
    ajar_strbuf *b;
    size_t col;
    int empty;
} hdr;

static void hdr_start(hdr *h, ajar_strbuf *b, const char *name)
{
    h->b = b;
    h->empty = 1;
    ajar_strbuf_puts(b, name);
    ajar_strbuf_putc(b, ':');
    h->col = strlen(name) + 1;
}

/* Room left for a token placed after a space on the current line. */
static size_t hdr_room(const hdr *h)
{
    return h->col + 1 < LINE_MAX_COLS ? LINE_MAX_COLS - h->col - 1 : 0;
}

static void hdr_token(hdr *h, const char *t, size_t n)
{
    if (!h->empty && n > hdr_room(h)) {
        ajar_strbuf_puts(h->b, "\r\n ");
        h->col = 1;
    } else {
        ajar_strbuf_putc(h->b, ' ');
        h->col++;
    }
    ajar_strbuf_append(h->b, t, n);
    h->col += n;
    h->empty = 0;
}

static void hdr_end(hdr *h)
{
    ajar_strbuf_puts(h->b, "\r\n");
}

/* ---- RFC 2047 encoded-words --------------------------------------------------- */

/* Characters that stand for themselves in a Q-encoded word that may appear
 * in a phrase (RFC 2047 5 (3)), the strictest of the three contexts. */
static int q_literal(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' ||
           c == '*' || c == '+' || c == '-' || c == '/';
}

/* Length of bytes s[0..n) Q-encoded (space becomes "_"). */
static size_t q_len(const char *s, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (q_literal((unsigned char)s[i]) || s[i] == ' ') ? 1 : 3;
    return len;
}

static size_t b_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

static void q_put(ajar_strbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            ajar_strbuf_putc(b, '_');
        } else if (q_literal(c)) {
            ajar_strbuf_putc(b, (char)c);
        } else {
            char e[3] = {'=', HEX[c >> 4], HEX[c & 15]};
            ajar_strbuf_append(b, e, 3);
        }
    }
}

static void b_put(ajar_strbuf *b, const char *s, size_t n)
{
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)u[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)u[i + 1] << 8;
        if (i + 2 < n)
            v |= u[i + 2];
        char q[4] = {B64[(v >> 18) & 63], B64[(v >> 12) & 63], i + 1 < n ? B64[(v >> 6) & 63] : '=',
                     i + 2 < n ? B64[v & 63] : '='};
        ajar_strbuf_append(b, q, 4);
    }
}

/* Writes the UTF-8 text s as encoded-words, B or Q whichever is shorter
 * overall, each holding whole characters and as long as the line allows. */
static void hdr_encoded(hdr *h, const char *s)
{
    size_t len = strlen(s);
    int use_b = b_len(len) < q_len(s, len);
    size_t pos = 0;
    while (pos < len) {
        size_t room = hdr_room(h);
        if (room > WORD_MAX)
            room = WORD_MAX;
        /* Rather than start a short word at the end of a line, fold first
         * (hdr_token does, seeing the longer word), unless the rest fits.
         * Half a word's room always holds a character (at most 24). */
        size_t rest = WORD_OVERHEAD + (use_b ? b_len(len - pos) : q_len(s + pos, len - pos));
        if (!h->empty && rest > room && room < WORD_MAX / 2)
            room = WORD_MAX;
        uint32_t cp;
        size_t n = ajar_utf8_decode(s + pos, len - pos, &cp);
        for (;;) {
            size_t k = ajar_utf8_decode(s + pos + n, len - pos - n, &cp);
            if (k == 0)
                break;
            size_t cost = WORD_OVERHEAD + (use_b ? b_len(n + k) : q_len(s + pos, n + k));
            if (cost > room)
                break;
            n += k;
        }
        /* When more words follow, end this one just after a space if there
         * is one in its second half: readers that wrongly keep the white
         * space between two encoded-words (Python's email, CPython issue
         * gh-128110, for one) then show a double space, not a cut word. */
        if (pos + n < len) {
            size_t k = n;
            while (k > n / 2 && s[pos + k - 1] != ' ')
                k--;
            if (k > n / 2)
                n = k;
        }
        ajar_strbuf w;
        ajar_strbuf_init(&w);
        ajar_strbuf_puts(&w, use_b ? "=?UTF-8?B?" : "=?UTF-8?Q?");
        if (use_b)
            b_put(&w, s + pos, n);
        else
            q_put(&w, s + pos, n);
        ajar_strbuf_puts(&w, "?=");
        if (w.failed)
            h->b->failed = 1;
        else
            hdr_token(h, w.data, w.len);
        ajar_strbuf_free(&w);
        pos += n;
    }
}

/* 1 when c may appear in a plain (unencoded) word: any printable ASCII for
 * unstructured text, atext only for a display name. */
static int plain_char(unsigned char c, int phrase)
{
    if (c < 0x21 || c > 0x7E)
        return 0;
    return !phrase || !strchr("()<>[]:;@\\,.\"", c);
}

/* 1 when s can be written as it is: plain words separated by single spaces,
 * nothing that looks like an encoded-word, and every word short enough to
 * fit on a folded line (the first one on the header's own line). */
static int plain_ok(const char *s, int phrase, size_t first_room)
{
    if (!*s || strstr(s, "=?"))
        return 0;
    size_t word = 0, words = 0;
    for (const char *p = s;; p++) {
        if (*p == ' ' || *p == '\0') {
            if (word == 0 || word > (words ? LINE_MAX_COLS - 2 : first_room))
                return 0; /* leading, trailing or double space, or too long */
            words++;
            word = 0;
            if (*p == '\0')
                return 1;
        } else if (plain_char((unsigned char)*p, phrase)) {
            word++;
        } else {
            return 0;
        }
    }
}

/* Writes s as plain words (when plain_ok) or encoded-words. */
static void hdr_text(hdr *h, const char *s, int phrase)
{
    if (!plain_ok(s, phrase, hdr_room(h))) {
        hdr_encoded(h, s);
        return;
    }
    while (*s) {
        size_t n = strcspn(s, " ");
        hdr_token(h, s, n);
        s += n;
        if (*s == ' ')
            s++;
    }
}

/* The display name with its spaces trimmed and runs of them made one: in a
 * phrase, readers take any run of white space as one space (RFC 5322 3.2.2),
 * and some (Python's email) do so inside encoded-words as well. */
static void normalise_name(ajar_strbuf *out, const char *s)
{
    while (*s == ' ')
        s++;
    while (*s) {
        size_t n = strcspn(s, " ");
        ajar_strbuf_append(out, s, n);
        s += n;
        while (*s == ' ')
            s++;
        if (*s)
            ajar_strbuf_putc(out, ' ');
    }
}

static void hdr_mailbox(ajar_strbuf *b, const char *name, const ajar_mailbox *mb)
{
    hdr h;
    hdr_start(&h, b, name);
    ajar_strbuf display;
    ajar_strbuf_init(&display);
    if (mb->name)
        normalise_name(&display, mb->name);
    if (display.failed)
        b->failed = 1;
    if (display.len > 0) {
        hdr_text(&h, display.data, 1);
        ajar_strbuf angle;
        ajar_strbuf_init(&angle);
        ajar_strbuf_printf(&angle, "<%s>", mb->address);
        if (angle.failed)
            b->failed = 1;
        else
            hdr_token(&h, angle.data, angle.len);
        ajar_strbuf_free(&angle);
    } else {
        hdr_token(&h, mb->address, strlen(mb->address));
    }
    ajar_strbuf_free(&display);
    hdr_end(&h);
}

/* ---- body ------------------------------------------------------------------------- */

/* Appends one line (no line break in it) quoted-printable encoded, with soft
 * line breaks between whole characters so no line passes 76 characters. */
static void qp_line(ajar_strbuf *b, const char *s, size_t n)
{
    size_t col = 0, pos = 0;
    while (pos < n) {
        uint32_t cp;
        size_t k = ajar_utf8_decode(s + pos, n - pos, &cp);
        int last = pos + k == n;
        char enc[12];
        size_t e = 0;
        for (size_t i = 0; i < k; i++) {
            unsigned char c = (unsigned char)s[pos + i];
            int literal =
                (c >= 0x21 && c <= 0x7E && c != '=') || ((c == ' ' || c == '\t') && !last);
            /* "From " at the start of a line would be mangled by mbox files. */
            if (pos == 0 && c == 'F' && n >= 5 && memcmp(s, "From ", 5) == 0)
                literal = 0;
            if (literal) {
                enc[e++] = (char)c;
            } else {
                enc[e++] = '=';
                enc[e++] = HEX[c >> 4];
                enc[e++] = HEX[c & 15];
            }
        }
        /* A line followed by a soft break needs one column for the "=". */
        if (col + e > (last ? QP_LINE_MAX : QP_LINE_MAX - 1)) {
            ajar_strbuf_puts(b, "=\r\n");
            col = 0;
        }
        ajar_strbuf_append(b, enc, e);
        col += e;
        pos += k;
    }
}

/* Appends the body: each LF (or CRLF) becomes CRLF; text after the last line
 * break ends in a soft line break, so a missing final newline stays missing. */
static void qp_body(ajar_strbuf *b, const char *s)
{
    size_t len = strlen(s), pos = 0;
    while (pos < len) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t n = end - pos;
        if (nl && n > 0 && s[end - 1] == '\r')
            n--;
        qp_line(b, s + pos, n);
        ajar_strbuf_puts(b, nl ? "\r\n" : "=\r\n");
        pos = nl ? end + 1 : len;
    }
}

/* ---- the message ----------------------------------------------------------------- */

/* The local broken-down time of t at offset minutes east of UTC; 0 when its
 * date is outside 1900..9999. */
static int local_time(time_t t, int offset, ajar_date *d, int *secs)
{
    long long local = (long long)t;
    if (local < FIRST_DAY * SECS_PER_DAY - SECS_PER_DAY || local > (LAST_DAY + 2) * SECS_PER_DAY)
        return 0;
    local += (long long)offset * 60;
    long long days = local / SECS_PER_DAY, rem = local % SECS_PER_DAY;
    if (rem < 0) {
        rem += SECS_PER_DAY;
        days--;
    }
    if (days < FIRST_DAY || days > LAST_DAY)
        return 0;
    *d = ajar_date_from_days((long)days);
    *secs = (int)rem;
    return 1;
}

static void write_date(ajar_strbuf *b, ajar_date d, int secs, int offset)
{
    static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int off = offset < 0 ? -offset : offset;
    ajar_strbuf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02d%02d\r\n",
                       wd[ajar_date_weekday(d)], d.day, mon[d.month - 1], d.year, secs / 3600,
                       secs / 60 % 60, secs % 60, offset < 0 ? '-' : '+', off / 60, off % 60);
}

static void check_mailbox(const ajar_mailbox *mb, const char *which, int required,
                          ajar_errors *errs, int *bad)
{
    char field[16];
    int has = mb->address && *mb->address;
    if (!has) {
        if (required) {
            snprintf(field, sizeof field, "%s.address", which);
            ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0, "is required");
            *bad = 1;
        }
        return;
    }
    snprintf(field, sizeof field, "%s.name", which);
    if (ajar_fmt_check_text(mb->name, field, 0, errs) != AJAR_OK)
        *bad = 1;
    if (!ajar_fmt_address_valid(mb->address)) {
        snprintf(field, sizeof field, "%s.address", which);
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, field, 0, 0, 0,
                        "is not an address this program can write (name@host.example in "
                        "ASCII, without spaces, quotes, brackets or commas)");
        *bad = 1;
    }
}

ajar_status ajar_eml_write(ajar_strbuf *out, const ajar_eml *m, ajar_errors *errs)
{
    if (!out || !m)
        return ajar_errors_add(errs, AJAR_E_USAGE, NULL, NULL, 0, 0, 0,
                               "ajar_eml_write needs a buffer and a message");
    int bad = 0;
    check_mailbox(&m->from, "from", 1, errs, &bad);
    check_mailbox(&m->to, "to", 0, errs, &bad);
    const char *subject = m->subject ? m->subject : "";
    const char *body = m->body ? m->body : "";
    if (ajar_fmt_check_text(subject, "subject", 0, errs) != AJAR_OK)
        bad = 1;
    if (ajar_fmt_check_text(body, "body", AJAR_FMT_ALLOW_TAB | AJAR_FMT_ALLOW_LF, errs) != AJAR_OK)
        bad = 1;
    const char *domain = m->msgid_domain ? m->msgid_domain : DEFAULT_DOMAIN;
    if (!ajar_fmt_domain_valid(domain)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "msgid_domain", 0, 0, 0,
                        "is not a host name (dot-separated labels of ASCII letters, digits and "
                        "hyphens)");
        bad = 1;
    }
    ajar_date day = {1900, 1, 1};
    int secs = 0;
    if (m->utc_offset_min < -1439 || m->utc_offset_min > 1439) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "utc_offset_min", 0, 0, 0,
                        "%d minutes is not a UTC offset (-1439..1439)", m->utc_offset_min);
        bad = 1;
    } else if (!local_time(m->date, m->utc_offset_min, &day, &secs)) {
        ajar_errors_add(errs, AJAR_E_INVALID, NULL, "date", 0, 0, 0,
                        "%lld is outside the years 1900..9999", (long long)m->date);
        bad = 1;
    }
    if (bad)
        return AJAR_E_INVALID;

    ajar_strbuf b;
    ajar_strbuf_init(&b);
    write_date(&b, day, secs, m->utc_offset_min);
    hdr_mailbox(&b, "From", &m->from);
    int has_to = m->to.address && *m->to.address;
    if (has_to)
        hdr_mailbox(&b, "To", &m->to);
    hdr h;
    hdr_start(&h, &b, "Subject");
    if (*subject)
        hdr_text(&h, subject, 0);
    hdr_end(&h);

    char stamp[2][24], id[AJAR_FMT_ID_SIZE];
    snprintf(stamp[0], sizeof stamp[0], "%lld", (long long)m->date);
    snprintf(stamp[1], sizeof stamp[1], "%d", m->utc_offset_min);
    const char *parts[] = {
        "eml",   stamp[0],     stamp[1], m->from.address, has_to ? m->to.address : NULL,
        subject, m->msgid_seed};
    ajar_fmt_id(parts, sizeof parts / sizeof parts[0], id);
    ajar_strbuf_printf(&b, "Message-ID: <%s@%s>\r\n", id, domain);
    ajar_strbuf_puts(&b, "MIME-Version: 1.0\r\n"
                         "Content-Type: text/plain; charset=UTF-8\r\n"
                         "Content-Transfer-Encoding: quoted-printable\r\n"
                         "X-Unsent: 1\r\n"
                         "\r\n");
    qp_body(&b, body);
    return ajar_fmt_commit(out, &b, errs);
}
