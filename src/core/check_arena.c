/* check_arena.c — the checker's memory: a few large blocks handed out in pieces and freed together. */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

/* A block: its header, then `size` bytes of which `used` are handed out. */
typedef struct check_block {
    struct check_block *older;
    size_t size, used;
    max_align_t data[];
} check_block;

/* Smallest block allocated (bytes). */
#define CHECK_BLOCK_MIN 4096

static size_t align_up(size_t n)
{
    return (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
}

/* A new block with room for at least `size` bytes, twice as large as the
 * one before it (the first: a.first_size). */
static check_block *add_block(check_arena *a, size_t size)
{
    size_t want = a->newest && a->newest->size < SIZE_MAX / 4 ? 2 * a->newest->size : a->first_size;
    if (want < CHECK_BLOCK_MIN)
        want = CHECK_BLOCK_MIN;
    if (want < size)
        want = size;
    want = align_up(want);
    check_block *b = malloc(sizeof *b + want);
    if (!b)
        return NULL;
    b->older = a->newest;
    b->size = want;
    b->used = 0;
    a->newest = b;
    return b;
}

void *check_arena_alloc(check_arena *a, size_t size)
{
    size = align_up(size ? size : 1);
    check_block *b = a->newest;
    if (!b || b->size - b->used < size) {
        if (size > SIZE_MAX / 2 || !(b = add_block(a, size)))
            return NULL;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

char *check_arena_strdup(check_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = check_arena_alloc(a, n);
    return p ? memcpy(p, s, n) : NULL;
}

void check_arena_free(check_arena *a)
{
    check_block *b = a->newest;
    while (b) {
        check_block *older = b->older;
        free(b);
        b = older;
    }
    a->newest = NULL;
    a->first_size = 0;
}
