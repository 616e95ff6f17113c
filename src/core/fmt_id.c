/* fmt_id.c — stable 128-bit identifiers (hex) for Message-ID and UID values, from their inputs. */
#include "ajar/formats.h"

#include <stdint.h>

#define FNV_PRIME 0x100000001b3ULL

/* Byte values that never occur in UTF-8, used to mark the end of a part and
 * a NULL part, so that part boundaries are part of what is hashed. */
#define END_OF_PART 0xFFu
#define NULL_PART 0xFEu

/* Two FNV-1a streams with different starting values. */
typedef struct id_state {
    uint64_t a;
    uint64_t b;
} id_state;

static void feed(id_state *st, unsigned char byte)
{
    st->a = (st->a ^ byte) * FNV_PRIME;
    st->b = (st->b ^ (unsigned char)(byte ^ 0x5Au)) * FNV_PRIME;
}

/* The SplitMix64 finaliser: spreads every input bit over the whole word. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

void ajar_fmt_id(const char *const *parts, size_t n, char out[AJAR_FMT_ID_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    id_state st = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
    for (size_t i = 0; i < n; i++) {
        if (!parts[i]) {
            feed(&st, NULL_PART);
        } else {
            for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
                feed(&st, *p);
        }
        feed(&st, END_OF_PART);
    }
    uint64_t words[2] = {mix(st.a ^ (uint64_t)n), mix(st.b + mix(st.a))};
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < 16; i++)
            out[w * 16 + i] = hex[(words[w] >> (60 - 4 * i)) & 0xF];
    out[32] = '\0';
}
