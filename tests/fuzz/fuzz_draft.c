/* fuzz_draft.c — libFuzzer target: the draft loader on arbitrary bytes, and field paths set on a draft.
 *
 * Input starting with any byte but 0x01: the bytes are a draft file. When
 * ajar_draft_parse accepts them, the draft must validate, and its
 * serialisation must parse again and serialise to the very same bytes (what
 * ajar saves, it can load, and loading does not change it). Error messages
 * must hold no control character that could drive a terminal.
 *
 * Input starting with 0x01: the rest is lines "PATH=VALUE" applied with
 * ajar_draft_set / ajar_draft_value_from_text to a full draft (as `ajar set`
 * does), with lines "-PATH" removing and "?PATH" reading a field (at most 32
 * lines). After every change: whenever the draft validates and its
 * serialisation parses, that parse serialises to the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/draft.h"
#include "ajar/json.h"
#include "ajar/schema.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(const ajar_draft *d, int must_parse)
{
    char *text = ajar_draft_serialize(d);
    FUZZ_ASSERT(text, "serialize returned NULL");
    size_t len = strlen(text);
    ajar_errors errs = {0};
    ajar_draft *again = NULL;
    ajar_status st = ajar_draft_parse(text, len, "again.json", &again, &errs);
    fuzz_errors_safe(&errs);
    if (must_parse && st != AJAR_OK) {
        fprintf(stderr, "serialised draft does not parse back:\n%s\n", text);
        for (size_t i = 0; i < errs.count; i++)
            fprintf(stderr, "  %s\n", errs.items[i].message ? errs.items[i].message : "?");
        FUZZ_ASSERT(0, "load -> save -> load failed");
    }
    if (st == AJAR_OK) {
        char *text2 = ajar_draft_serialize(again);
        FUZZ_ASSERT(text2, "serialize returned NULL");
        if (strcmp(text, text2) != 0) {
            fprintf(stderr, "first:\n%s\nsecond:\n%s\n", text, text2);
            FUZZ_ASSERT(0, "serialize -> parse -> serialize changed the draft");
        }
        ajar_errors verrs = {0};
        FUZZ_ASSERT(ajar_draft_validate(again, "again.json", &verrs) == AJAR_OK,
                    "a reparsed draft does not validate");
        ajar_errors_clear(&verrs);
        free(text2);
    }
    ajar_draft_free(again);
    ajar_errors_clear(&errs);
    free(text);
}

static void fuzz_file(const uint8_t *data, size_t size)
{
    /* The loader wants text[len] == '\0' after the bytes, as a file read gives. */
    char *text = malloc(size + 1);
    FUZZ_ASSERT(text, "out of memory");
    memcpy(text, data, size);
    text[size] = '\0';
    ajar_errors errs = {0};
    ajar_draft *d = NULL;
    ajar_status st = ajar_draft_parse(text, size, "fuzz.json", &d, &errs);
    fuzz_errors_safe(&errs);
    if (st == AJAR_OK) {
        FUZZ_ASSERT(d, "AJAR_OK without a draft");
        FUZZ_ASSERT(errs.count == 0, "AJAR_OK with errors");
        ajar_errors verrs = {0};
        FUZZ_ASSERT(ajar_draft_validate(d, "fuzz.json", &verrs) == AJAR_OK,
                    "a parsed draft does not validate");
        ajar_errors_clear(&verrs);
        roundtrip(d, 1);
        ajar_draft *c = ajar_draft_clone(d);
        FUZZ_ASSERT(c, "clone failed");
        roundtrip(c, 1);
        ajar_draft_free(c);
    } else {
        FUZZ_ASSERT(!d, "a failed parse returned a draft");
        FUZZ_ASSERT(errs.count > 0, "a failed parse gave no error");
        for (size_t i = 0; i < errs.count; i++)
            FUZZ_ASSERT(errs.items[i].file && strcmp(errs.items[i].file, "fuzz.json") == 0,
                        "an error does not name the file");
    }
    ajar_draft_free(d);
    ajar_errors_clear(&errs);
    free(text);
}

static void fuzz_paths(const uint8_t *data, size_t size)
{
    ajar_draft *d = fuzz_full_draft();
    char *text = malloc(size + 1);
    FUZZ_ASSERT(d && text, "out of memory");
    memcpy(text, data, size);
    text[size] = '\0';
    int steps = 0;
    for (char *line = text; line && *line && steps < 32; steps++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        ajar_errors errs = {0};
        ajar_status st = AJAR_E_USAGE; /* did the draft change? */
        if (line[0] == '-') {
            st = ajar_draft_remove(d, line + 1, &errs);
        } else if (line[0] == '?') {
            const cJSON *v = NULL;
            if (ajar_draft_get(d, line + 1, &v, &errs) == AJAR_OK)
                FUZZ_ASSERT(v, "get: AJAR_OK without a value");
            (void)ajar_draft_string(d, line + 1);
            (void)ajar_draft_bool(d, line + 1, 0);
        } else {
            char *eq = strchr(line, '=');
            if (eq) {
                *eq = '\0';
                cJSON *value = ajar_draft_value_from_text(line, eq + 1);
                FUZZ_ASSERT(value, "value_from_text returned NULL");
                st = ajar_draft_set(d, line, value, &errs);
            }
        }
        fuzz_errors_safe(&errs);
        ajar_errors_clear(&errs);
        /* After each change, what a save would check: when the draft is valid
         * and its text loads, loading it changes nothing. */
        if (st == AJAR_OK && ajar_draft_validate(d, "set.json", &errs) == AJAR_OK)
            roundtrip(d, 0);
        ajar_errors_clear(&errs);
        (void)ajar_draft_steps_done(d);
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    ajar_draft_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 0x01)
        fuzz_paths(data + 1, size - 1);
    else
        fuzz_file(data, size);
    return 0;
}
