/* dump.c — the screen as plain UTF-8 text, for key-script tests and bug reports. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ajar/store.h"
#include "ajar/utf8.h"
#include "tui.h"

int tui_dump_screen(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return 0;
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    if (rows < 0 || cols < 0 || cols > 10000) {
        fclose(f);
        free(buf);
        return 0;
    }
    char *line = malloc((size_t)cols * 16 + 2);
    for (int y = 0; line && y < rows; y++) {
        size_t w = 0, keep = 0;
        for (int x = 0; x < cols; x++) {
            cchar_t cc;
            wchar_t wch[CCHARW_MAX + 1] = {0};
            attr_t attrs;
            short pair;
            if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
                getcchar(&cc, wch, &attrs, &pair, NULL) == ERR || wch[0] == 0)
                wch[0] = L' ';
            for (int k = 0; k < CCHARW_MAX && wch[k]; k++)
                w += ajar_utf8_encode((uint32_t)wch[k], line + w);
            if (wch[0] != L' ')
                keep = w;
            /* a wide character fills the next cell too */
            if (ajar_cp_width((uint32_t)wch[0]) == 2)
                x++;
        }
        fwrite(line, 1, keep, f);
        fputc('\n', f);
    }
    free(line);
    fclose(f);
    ajar_errors errs = {0};
    int ok = buf && ajar_store_write_atomic(path, buf, len, &errs) == AJAR_OK;
    ajar_errors_clear(&errs);
    free(buf);
    return ok;
}
