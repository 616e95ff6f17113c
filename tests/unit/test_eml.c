/* test_eml.c — the e-mail writer: exact headers and bodies, RFC 2047 words, quoted-printable,
 * refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/formats.h"

Suite *eml_suite(void);

#define FRI_0800_UTC ((time_t)1795161600) /* 2026-11-20 08:00:00 UTC, a Friday */

static ajar_eml sample(void)
{
    ajar_eml m = {0};
    m.from.name = "Ana Ruiz";
    m.from.address = "ana@example.com";
    m.to.name = "Bob";
    m.to.address = "bob@example.org";
    m.subject = "Thanks for the offer";
    m.body = "Hello Bob,\nthank you.\n";
    m.date = FRI_0800_UTC;
    m.utc_offset_min = 60;
    return m;
}

/* Writes m and returns the text (caller frees); fails the test on error. */
static char *write_ok(const ajar_eml *m)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_errors errs = {0};
    ajar_status st = ajar_eml_write(&b, m, &errs);
    ck_assert_msg(st == AJAR_OK, "ajar_eml_write failed: %s",
                  errs.count && errs.items[0].message ? errs.items[0].message : "?");
    ajar_errors_clear(&errs);
    return ajar_strbuf_take(&b);
}

/* The value of header `name` as written (folded lines included), or NULL. */
static char *header(const char *msg, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = msg; *p && !(p[0] == '\r' && p[1] == '\n');) {
        const char *eol = strstr(p, "\r\n");
        if (strncmp(p, name, n) == 0 && p[n] == ':') {
            const char *end = eol;
            while (end[2] == ' ' || end[2] == '\t')
                end = strstr(end + 2, "\r\n");
            size_t len = (size_t)(end - p) - n - 1;
            char *v = malloc(len + 1);
            memcpy(v, p + n + 1, len);
            v[len] = '\0';
            return v;
        }
        p = eol + 2;
    }
    return NULL;
}

/* The body: everything after the blank line. */
static const char *body_of(const char *msg)
{
    const char *p = strstr(msg, "\r\n\r\n");
    return p ? p + 4 : NULL;
}

/* Every line ends in CRLF, is 7-bit, and none is longer than max_header in
 * the headers or 76 in the body. */
static void assert_lines(const char *msg, size_t max_header)
{
    int body = 0;
    size_t n = 1;
    for (const char *p = msg; *p; n++) {
        const char *eol = strstr(p, "\r\n");
        ck_assert_msg(eol != NULL, "line %zu does not end in CRLF", n);
        size_t len = (size_t)(eol - p);
        for (size_t i = 0; i < len; i++) {
            ck_assert_msg((unsigned char)p[i] < 0x80, "line %zu has an 8-bit byte", n);
            ck_assert_msg(p[i] != '\r' && p[i] != '\n', "line %zu has a bare CR or LF", n);
        }
        if (len == 0 && !body)
            body = 1;
        else
            ck_assert_msg(len <= (body ? 76 : max_header), "line %zu is %zu long: %.*s", n, len,
                          (int)len, p);
        p = eol + 2;
    }
}

/* ---- whole messages ---------------------------------------------------------------- */

START_TEST(writes_a_plain_message_exactly)
{
    ajar_eml m = sample();
    char *s = write_ok(&m);
    ck_assert_str_eq(s, "Date: Fri, 20 Nov 2026 09:00:00 +0100\r\n"
                        "From: Ana Ruiz <ana@example.com>\r\n"
                        "To: Bob <bob@example.org>\r\n"
                        "Subject: Thanks for the offer\r\n"
                        "Message-ID: <ea530799ef8b6c5c218b6949a4896f30@ajar.invalid>\r\n"
                        "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: quoted-printable\r\n"
                        "X-Unsent: 1\r\n"
                        "\r\n"
                        "Hello Bob,\r\n"
                        "thank you.\r\n");
    free(s);
}
END_TEST

START_TEST(leaves_out_to_and_names_when_absent)
{
    ajar_eml m = sample();
    m.from.name = "";
    m.to.name = "ignored";
    m.to.address = NULL;
    m.subject = NULL;
    m.body = NULL;
    m.msgid_domain = "mail.example.com";
    char *s = write_ok(&m);
    ck_assert_ptr_null(strstr(s, "To:"));
    ck_assert_ptr_null(strstr(s, "ignored"));
    char *from = header(s, "From"), *subj = header(s, "Subject"), *id = header(s, "Message-ID");
    ck_assert_str_eq(from, " ana@example.com");
    ck_assert_str_eq(subj, "");
    ck_assert_ptr_nonnull(strstr(id, "@mail.example.com>"));
    ck_assert_str_eq(body_of(s), "");
    free(from);
    free(subj);
    free(id);
    free(s);
    m.to.address = "";
    s = write_ok(&m);
    ck_assert_ptr_null(strstr(s, "To:"));
    free(s);
}
END_TEST

START_TEST(appends_to_what_the_buffer_holds)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "X");
    ajar_eml m = sample();
    ck_assert_int_eq(ajar_eml_write(&b, &m, NULL), AJAR_OK);
    ck_assert_int_eq(b.data[0], 'X');
    ck_assert_int_eq(strncmp(b.data + 1, "Date: ", 6), 0);
    ajar_strbuf_free(&b);
}
END_TEST

/* ---- Date -------------------------------------------------------------------------- */

START_TEST(dates_are_local_time_with_the_offset)
{
    static const struct {
        time_t t;
        int offset;
        const char *want;
    } cases[] = {
        {FRI_0800_UTC, 60, " Fri, 20 Nov 2026 09:00:00 +0100"},
        {FRI_0800_UTC, 0, " Fri, 20 Nov 2026 08:00:00 +0000"},
        {FRI_0800_UTC, -330, " Fri, 20 Nov 2026 02:30:00 -0530"},
        {FRI_0800_UTC, -481, " Thu, 19 Nov 2026 23:59:00 -0801"},
        {FRI_0800_UTC, 960, " Sat, 21 Nov 2026 00:00:00 +1600"},
        {FRI_0800_UTC + 59, 1439, " Sat, 21 Nov 2026 07:59:59 +2359"},
        {FRI_0800_UTC, -1439, " Thu, 19 Nov 2026 08:01:00 -2359"},
        {(time_t)1709208000, 0, " Thu, 29 Feb 2024 12:00:00 +0000"},
        {(time_t)0, 0, " Thu, 01 Jan 1970 00:00:00 +0000"},
        {(time_t)-1, 0, " Wed, 31 Dec 1969 23:59:59 +0000"},
        {(time_t)-2208988800LL, 0, " Mon, 01 Jan 1900 00:00:00 +0000"},
        {(time_t)253402300799LL, 0, " Fri, 31 Dec 9999 23:59:59 +0000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_eml m = sample();
        m.date = cases[i].t;
        m.utc_offset_min = cases[i].offset;
        char *s = write_ok(&m);
        char *d = header(s, "Date");
        ck_assert_str_eq(d, cases[i].want);
        free(d);
        free(s);
    }
}
END_TEST

START_TEST(dates_outside_1900_to_9999_are_refused)
{
    static const struct {
        time_t t;
        int offset;
    } bad[] = {
        {(time_t)-2208988801LL, 0},
        {(time_t)-2208988800LL, -1},
        {(time_t)253402300800LL, 0},
        {(time_t)253402300799LL, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ajar_eml m = sample();
        m.date = bad[i].t;
        m.utc_offset_min = bad[i].offset;
        ajar_errors errs = {0};
        ajar_strbuf b;
        ajar_strbuf_init(&b);
        ck_assert_int_eq(ajar_eml_write(&b, &m, &errs), AJAR_E_INVALID);
        ck_assert_uint_eq(b.len, 0);
        ck_assert_str_eq(errs.items[0].field, "date");
        ajar_errors_clear(&errs);
    }
}
END_TEST

/* ---- Message-ID -------------------------------------------------------------------- */

START_TEST(message_id_is_reproducible_and_follows_its_inputs)
{
    ajar_eml m = sample();
    char *a = write_ok(&m), *b = write_ok(&m);
    ck_assert_str_eq(a, b);
    char *id0 = header(a, "Message-ID");
    free(a);
    free(b);
    ck_assert_uint_eq(strlen(id0), 1 + 1 + 32 + 1 + strlen("ajar.invalid") + 1);

    const char *seen[6] = {id0};
    for (int k = 1; k < 6; k++) {
        m = sample();
        if (k == 1)
            m.subject = "Thanks for the offer!";
        if (k == 2)
            m.date++;
        if (k == 3)
            m.to.address = "bobby@example.org";
        if (k == 4)
            m.msgid_seed = "draft-7";
        if (k == 5)
            m.utc_offset_min = 0;
        char *s = write_ok(&m);
        char *id = header(s, "Message-ID");
        free(s);
        for (int j = 0; j < k; j++)
            ck_assert_str_ne(id, seen[j]);
        seen[k] = id;
    }
    /* The body and the names are not part of it. */
    m = sample();
    m.body = "other";
    m.from.name = "Ana";
    char *s = write_ok(&m);
    char *id = header(s, "Message-ID");
    ck_assert_str_eq(id, id0);
    free(id);
    free(s);
    for (int k = 0; k < 6; k++)
        free((char *)seen[k]);
}
END_TEST

/* ---- names and subjects ------------------------------------------------------------ */

START_TEST(non_ascii_names_are_encoded_words)
{
    static const struct {
        const char *name;
        const char *want;
    } cases[] = {
        {"Zoë Ångström", " =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <ana@example.com>"},
        {"Zoë", " =?UTF-8?Q?Zo=C3=AB?= <ana@example.com>"},
        {"李娜", " =?UTF-8?B?5p2O5aic?= <ana@example.com>"},
        {"ليلى حداد", " =?UTF-8?B?2YTZitmE2Ykg2K3Yr9in2K8=?= <ana@example.com>"},
        {"נועה כהן", " =?UTF-8?B?16DXldei15Qg15vXlNef?= <ana@example.com>"},
        /* specials and look-alikes of encoded-words are encoded too */
        {"Ruiz, Ana", " =?UTF-8?Q?Ruiz=2C_Ana?= <ana@example.com>"},
        {"Dr. Ana", " =?UTF-8?Q?Dr=2E_Ana?= <ana@example.com>"},
        {"\"Ana\"", " =?UTF-8?B?IkFuYSI=?= <ana@example.com>"},
        {"=?x?=", " =?UTF-8?B?PT94Pz0=?= <ana@example.com>"},
        /* spaces are trimmed and runs of them made one */
        {" Ana ", " Ana <ana@example.com>"},
        {"  Zoë   Ångström ", " =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <ana@example.com>"},
        {"   ", " ana@example.com"},
        /* atoms are written as they are */
        {"Ana O'Neil-Ruiz", " Ana O'Neil-Ruiz <ana@example.com>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_eml m = sample();
        m.from.name = cases[i].name;
        char *s = write_ok(&m);
        char *from = header(s, "From");
        ck_assert_str_eq(from, cases[i].want);
        free(from);
        free(s);
    }
}
END_TEST

START_TEST(subjects_fold_and_encode)
{
    static const struct {
        const char *subject;
        const char *want;
    } cases[] = {
        {"Re: your offer (v2) = great; thanks!", " Re: your offer (v2) = great; thanks!"},
        {"Merci, Zoë", " =?UTF-8?B?TWVyY2ksIFpvw6s=?="},
        {"a  b", " =?UTF-8?Q?a__b?="},
        {"trailing ", " =?UTF-8?Q?trailing_?="},
        {"about =?utf-8?q?x?=", " =?UTF-8?B?YWJvdXQgPT91dGYtOD9xP3g/PQ==?="},
        /* plain words fold at spaces before column 78 */
        {"Thank you for the offer to join Lumen Freight as a Senior Pipeline Engineer in Lisbon",
         " Thank you for the offer to join Lumen Freight as a Senior Pipeline\r\n"
         " Engineer in Lisbon"},
        /* encoded-words split between whole characters, each at most 75 long */
        {"李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜李娜",
         " =?UTF-8?B?5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic?=\r\n"
         " =?UTF-8?B?5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O?=\r\n"
         " =?UTF-8?B?5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic5p2O5aic?="},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_eml m = sample();
        m.subject = cases[i].subject;
        char *s = write_ok(&m);
        char *subj = header(s, "Subject");
        ck_assert_str_eq(subj, cases[i].want);
        assert_lines(s, 78);
        free(subj);
        free(s);
    }
}
END_TEST

START_TEST(long_names_split_after_spaces)
{
    ajar_eml m = sample();
    m.from.name = "Zoë Ångström-Løvland de la Cruz y Bjørnstjerne, Senior Pipeline Engineering "
                  "Manager";
    char *s = write_ok(&m);
    char *from = header(s, "From");
    ck_assert_str_eq(from,
                     " =?UTF-8?Q?Zo=C3=AB_=C3=85ngstr=C3=B6m-L=C3=B8vland_de_la_Cruz_y_?=\r\n"
                     " =?UTF-8?Q?Bj=C3=B8rnstjerne=2C_Senior_Pipeline_Engineering_Manager?=\r\n"
                     " <ana@example.com>");
    free(from);
    free(s);
    /* no short word is left at the end of a line */
    m.from.name = "Zoë";
    m.to.name = "ليلى حداد — مديرة التوظيف في شركة لومن للشحن";
    s = write_ok(&m);
    char *to = header(s, "To");
    ck_assert_str_eq(to, " =?UTF-8?B?2YTZitmE2Ykg2K3Yr9in2K8g4oCUINmF2K/Zitix2Kkg?=\r\n"
                         " =?UTF-8?B?2KfZhNiq2YjYuNmK2YEg2YHZiiDYtNix2YPYqSDZhNmI2YXZhiA=?=\r\n"
                         " =?UTF-8?B?2YTZhNi02K3Zhg==?= <bob@example.org>");
    free(to);
    free(s);
}
END_TEST

START_TEST(long_headers_stay_within_78_columns)
{
    ajar_eml m = sample();
    m.from.name = "Zoë Ångström-Løvland de la Cruz y Bjørnstjerne, Senior Pipeline Engineering "
                  "Manager for the Iberian Peninsula";
    m.to.name = "ليلى حداد — مديرة التوظيف في شركة لومن للشحن، فرع الشرق الأوسط وشمال أفريقيا";
    m.to.address = "leila.haddad.recruiting@very-long-subdomain.lumen-freight.example.com";
    m.subject =
        "Re: Offer — Senior Pipeline Engineer (Lisbon) — a thank-you, with the warmest "
        "regards from Zoë, and a note for נועה and 李娜 too: let us stay in touch! 🙂";
    char *s = write_ok(&m);
    assert_lines(s, 78);
    free(s);
    /* one unbreakable word longer than a line is encoded so it can be split */
    char word[200];
    memset(word, 'x', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    m.subject = word;
    m.from.name = word;
    s = write_ok(&m);
    assert_lines(s, 78);
    char *subj = header(s, "Subject");
    ck_assert_int_eq(strncmp(subj, " =?UTF-8?", 9), 0);
    free(subj);
    free(s);
    /* an address too long for one line still keeps the line within 998 */
    char addr[260];
    memset(addr, 'a', 64);
    addr[64] = '@';
    for (int i = 65; i < 253; i++)
        addr[i] = i % 20 == 0 ? '.' : 'b';
    addr[253] = '\0';
    ck_assert(ajar_fmt_address_valid(addr));
    m.to.address = addr;
    s = write_ok(&m);
    assert_lines(s, 998);
    free(s);
}
END_TEST

/* ---- body: quoted-printable -------------------------------------------------------- */

START_TEST(body_is_quoted_printable_exactly)
{
    static const struct {
        const char *body;
        const char *want;
    } cases[] = {
        {"", ""},
        {"\n", "\r\n"},
        {"a\n\nb\n", "a\r\n\r\nb\r\n"},
        {"no final newline", "no final newline=\r\n"},
        {"crlf\r\nin\r\n", "crlf\r\nin\r\n"},
        {"1 + 1 = 2\n", "1 + 1 =3D 2\r\n"},
        {"trailing space \ntab\t\n", "trailing space=20\r\ntab=09\r\n"},
        {"  \n", " =20\r\n"},
        {"a\tb c\n", "a\tb c\r\n"},
        {"From the start\nnot From here\n", "=46rom the start\r\nnot From here\r\n"},
        {"Zoë 李娜\n", "Zo=C3=AB =E6=9D=8E=E5=A8=9C\r\n"},
        {"🙂\n", "=F0=9F=99=82\r\n"},
        {"~!@#$%^&*()_+{}|:\"<>?`-[]\\;',./\n", "~!@#$%^&*()_+{}|:\"<>?`-[]\\;',./\r\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ajar_eml m = sample();
        m.body = cases[i].body;
        char *s = write_ok(&m);
        ck_assert_str_eq(body_of(s), cases[i].want);
        free(s);
    }
}
END_TEST

START_TEST(soft_breaks_keep_lines_at_76_and_characters_whole)
{
    char body[256], want[256];
    /* 76 characters fit on the last line; 77 need a soft break after 75. */
    memset(body, 'a', 76);
    strcpy(body + 76, "\n");
    ajar_eml m = sample();
    m.body = body;
    char *s = write_ok(&m);
    memset(want, 'a', 76);
    strcpy(want + 76, "\r\n");
    ck_assert_str_eq(body_of(s), want);
    free(s);

    memset(body, 'a', 77);
    strcpy(body + 77, "\n");
    s = write_ok(&m);
    memset(want, 'a', 75);
    strcpy(want + 75, "=\r\naa\r\n");
    ck_assert_str_eq(body_of(s), want);
    free(s);

    /* "é" (=C3=A9) never straddles a soft break */
    memset(body, 'a', 72);
    strcpy(body + 72, "éé\n");
    s = write_ok(&m);
    memset(want, 'a', 72);
    strcpy(want + 72, "=\r\n=C3=A9=C3=A9\r\n");
    ck_assert_str_eq(body_of(s), want);
    free(s);

    /* an encoded "=" is not split either, and a final space stays encoded */
    memset(body, 'a', 73);
    strcpy(body + 73, "= \n");
    s = write_ok(&m);
    memset(want, 'a', 73);
    strcpy(want + 73, "=\r\n=3D=20\r\n");
    ck_assert_str_eq(body_of(s), want);
    free(s);

    /* a long mixed line: every line at most 76, the whole at most 78 */
    m.body = "Zoë Ångström, 李娜, ليلى حداد and נועה כהן: thank you all for your time, your "
             "warmth and your patience during these weeks of interviews. 🙂 = happy   \n";
    s = write_ok(&m);
    assert_lines(s, 78);
    free(s);
}
END_TEST

/* ---- refusals ---------------------------------------------------------------------- */

/* Writing m fails with `code`, names `field` first, and leaves out as it was. */
static void assert_refused(const ajar_eml *m, ajar_status code, const char *field)
{
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ajar_strbuf_puts(&b, "keep");
    ajar_errors errs = {0};
    ck_assert_int_eq(ajar_eml_write(&b, m, &errs), code);
    ck_assert_str_eq(b.data, "keep");
    ck_assert_uint_ge(errs.count, 1);
    if (field)
        ck_assert_str_eq(errs.items[0].field, field);
    ck_assert_ptr_nonnull(errs.items[0].message);
    ajar_errors_clear(&errs);
    ajar_strbuf_free(&b);
}

START_TEST(header_injection_is_impossible)
{
    static const char *const bad_text[] = {
        "Hi\r\nBcc: eve@example.net",
        "Hi\nBcc: eve@example.net",
        "Hi\rthere",
        "tab\there",
        "nul-like \x01",
        "del \x7f",
        "c1 \xc2\x85",
        "bad \xff utf-8",
        "overlong \xc0\xaf",
    };
    for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
        ajar_eml m = sample();
        m.subject = bad_text[i];
        assert_refused(&m, AJAR_E_INVALID, "subject");
        m = sample();
        m.from.name = bad_text[i];
        assert_refused(&m, AJAR_E_INVALID, "from.name");
        m = sample();
        m.to.name = bad_text[i];
        assert_refused(&m, AJAR_E_INVALID, "to.name");
    }
}
END_TEST

START_TEST(bad_addresses_are_refused)
{
    static const char *const bad[] = {
        "ana",
        "@example.com",
        "ana@",
        "ana@@example.com",
        "a@b@c",
        "ana @example.com",
        "ana@exa mple",
        "<ana@example.com>",
        "ana@example>",
        "a,b@example.com",
        "a;b@example.com",
        "\"ana\"@example.com",
        "a(b)@x.com",
        "ana@[127.0.0.1]",
        ".ana@x.com",
        "ana.@x.com",
        "a..na@x.com",
        "ana@x..com",
        "ana@.x.com",
        "zoë@example.com",
        "ana@exämple.com",
        "ana\r\n@x.com",
        "ana@x.com\r\nBcc: e@v.il",
        "a\\b@x.com",
        "a:b@x.com",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(!ajar_fmt_address_valid(bad[i]), "accepted %s", bad[i]);
        ajar_eml m = sample();
        m.from.address = bad[i];
        assert_refused(&m, AJAR_E_INVALID, "from.address");
        m = sample();
        m.to.address = bad[i];
        assert_refused(&m, AJAR_E_INVALID, "to.address");
    }
    ajar_eml m = sample();
    m.from.address = NULL;
    assert_refused(&m, AJAR_E_INVALID, "from.address");
    m.from.address = "";
    assert_refused(&m, AJAR_E_INVALID, "from.address");
}
END_TEST

START_TEST(bad_bodies_offsets_and_domains_are_refused)
{
    static const char *const bad_body[] = {"lone\rCR",    "end CR\r",           "bell \a",
                                           "esc \x1b[1m", "bad \xe6\x9d utf-8", "c1 \xc2\x9b"};
    for (size_t i = 0; i < sizeof bad_body / sizeof bad_body[0]; i++) {
        ajar_eml m = sample();
        m.body = bad_body[i];
        assert_refused(&m, AJAR_E_INVALID, "body");
    }
    ajar_eml m = sample();
    m.utc_offset_min = 1440;
    assert_refused(&m, AJAR_E_INVALID, "utc_offset_min");
    m.utc_offset_min = -1440;
    assert_refused(&m, AJAR_E_INVALID, "utc_offset_min");
    static const char *const bad_domain[] = {"", "a b", "x@y", "x.", "a..b", "ajar.invalid>"};
    for (size_t i = 0; i < sizeof bad_domain / sizeof bad_domain[0]; i++) {
        m = sample();
        m.msgid_domain = bad_domain[i];
        assert_refused(&m, AJAR_E_INVALID, "msgid_domain");
    }
    assert_refused(NULL, AJAR_E_USAGE, NULL);
    ck_assert_int_eq(ajar_eml_write(NULL, &m, NULL), AJAR_E_USAGE);
}
END_TEST

START_TEST(every_problem_is_reported_at_once)
{
    ajar_eml m = sample();
    m.from.name = "a\nb";
    m.from.address = "nope";
    m.to.address = "also nope";
    m.subject = "x\ty";
    m.body = "\x01";
    m.utc_offset_min = 5000;
    ajar_errors errs = {0};
    ajar_strbuf b;
    ajar_strbuf_init(&b);
    ck_assert_int_eq(ajar_eml_write(&b, &m, &errs), AJAR_E_INVALID);
    ck_assert_uint_eq(errs.count, 6);
    static const char *const fields[] = {"from.name", "from.address", "to.address",
                                         "subject",   "body",         "utc_offset_min"};
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(errs.items[i].field, fields[i]);
    char *msg = ajar_error_format(&errs.items[0]);
    ck_assert_str_eq(msg, "from.name: contains the control character U+000A at character 2; "
                          "this must be a single line of text");
    free(msg);
    ck_assert_ptr_null(b.data);
    ajar_errors_clear(&errs);
}
END_TEST

Suite *eml_suite(void)
{
    Suite *s = suite_create("eml");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, writes_a_plain_message_exactly);
    tcase_add_test(tc, leaves_out_to_and_names_when_absent);
    tcase_add_test(tc, appends_to_what_the_buffer_holds);
    tcase_add_test(tc, dates_are_local_time_with_the_offset);
    tcase_add_test(tc, dates_outside_1900_to_9999_are_refused);
    tcase_add_test(tc, message_id_is_reproducible_and_follows_its_inputs);
    tcase_add_test(tc, non_ascii_names_are_encoded_words);
    tcase_add_test(tc, subjects_fold_and_encode);
    tcase_add_test(tc, long_names_split_after_spaces);
    tcase_add_test(tc, long_headers_stay_within_78_columns);
    tcase_add_test(tc, body_is_quoted_printable_exactly);
    tcase_add_test(tc, soft_breaks_keep_lines_at_76_and_characters_whole);
    tcase_add_test(tc, header_injection_is_impossible);
    tcase_add_test(tc, bad_addresses_are_refused);
    tcase_add_test(tc, bad_bodies_offsets_and_domains_are_refused);
    tcase_add_test(tc, every_problem_is_reported_at_once);
    suite_add_tcase(s, tc);
    return s;
}
