/* fuzz_json.c — libFuzzer target: the strict JSON reader on arbitrary bytes, against cJSON's own parser.
 *
 * The input is a JSON text. Whatever ajar_json_parse accepts, cJSON accepts
 * too, and the two trees are the same: types, member names, strings,
 * numbers (valuedouble bit for bit, valueint), children in order, and the
 * reader's tree keeps cJSON's links (each child's prev the one before it,
 * the first child's prev the last). ajar_json_print of the tree reads back
 * to an equal tree. A refused text gives no tree and exactly one error that
 * names the file: a syntax error with a line and column inside the text,
 * any other without a position; messages hold no control character. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajar/json.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Fails unless a (ajar's) and b match; numbers bit for bit when `exact`,
 * else by value (printing writes -0 as 0). Checks a's links on the way. */
static void assert_same_tree(const cJSON *a, const cJSON *b, int exact)
{
    FUZZ_ASSERT(a->type == b->type, "types differ");
    FUZZ_ASSERT(same_string(a->string, b->string), "member names differ");
    FUZZ_ASSERT(same_string(a->valuestring, b->valuestring), "strings differ");
    FUZZ_ASSERT(exact ? memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble) == 0
                      : a->valuedouble == b->valuedouble,
                "numbers differ");
    FUZZ_ASSERT(a->valueint == b->valueint, "valueint differs");
    const cJSON *x = a->child, *y = b->child, *last = NULL;
    for (; x && y; x = x->next, y = y->next) {
        FUZZ_ASSERT(x == a->child || x->prev == last, "a child's prev is not the one before it");
        assert_same_tree(x, y, exact);
        last = x;
    }
    FUZZ_ASSERT(!x && !y, "numbers of children differ");
    FUZZ_ASSERT(!a->child || a->child->prev == last, "the first child's prev is not the last");
}

static void check_accepted(const char *text, size_t len, const cJSON *v)
{
    cJSON *theirs = cJSON_ParseWithLengthOpts(text, len + 1, NULL, 1);
    FUZZ_ASSERT(theirs, "accepted a text cJSON refuses");
    assert_same_tree(v, theirs, 1);
    cJSON_Delete(theirs);
    char *printed = ajar_json_print(v);
    FUZZ_ASSERT(printed, "print returned NULL");
    cJSON *again = NULL;
    ajar_errors errs = {0};
    FUZZ_ASSERT(ajar_json_parse(printed, strlen(printed), "again.json", &again, &errs) == AJAR_OK,
                "a printed tree does not read back");
    assert_same_tree(again, v, 0);
    cJSON_Delete(again);
    free(printed);
}

static void check_refused(const char *text, size_t len, const ajar_errors *errs)
{
    FUZZ_ASSERT(errs->count == 1, "a refused text gives not exactly one error");
    const ajar_error *e = &errs->items[0];
    FUZZ_ASSERT(e->file && strcmp(e->file, "fuzz.json") == 0, "the error does not name the file");
    fuzz_errors_safe(errs);
    if (e->code != AJAR_E_SYNTAX) {
        FUZZ_ASSERT(e->line == 0 && e->column == 0, "an error that is not syntax has a position");
        return;
    }
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    FUZZ_ASSERT(e->line >= 1 && e->line <= lines && e->column >= 1, "position outside the text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader wants text[len] == '\0' after the bytes, as a file read gives. */
    char *text = malloc(size + 1);
    FUZZ_ASSERT(text, "out of memory");
    memcpy(text, data, size);
    text[size] = '\0';
    ajar_errors errs = {0};
    cJSON *v = (cJSON *)&errs; /* overwritten either way */
    ajar_status st = ajar_json_parse(text, size, "fuzz.json", &v, &errs);
    if (st == AJAR_OK) {
        FUZZ_ASSERT(v && errs.count == 0, "AJAR_OK without a tree, or with errors");
        check_accepted(text, size, v);
    } else {
        FUZZ_ASSERT(!v, "a refused text gave a tree");
        check_refused(text, size, &errs);
    }
    cJSON_Delete(v);
    ajar_errors_clear(&errs);
    free(text);
    return 0;
}
