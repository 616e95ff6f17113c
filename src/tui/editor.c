/* editor.c — Ctrl-E: write a long answer in the user's own $EDITOR, then bring it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ajar/store.h"
#include "app.h"

void editor_edit(app *a, form *f)
{
    field_state *st = &f->fields[f->focus];
    const char *tmpdir = getenv("TMPDIR");
    char *path = ajar_asprintf("%s/ajar-answer-XXXXXX.txt", tmpdir && tmpdir[0] ? tmpdir : "/tmp");
    int fd = path ? mkstemps(path, 4) : -1; /* mode 0600: the answer is private */
    if (fd < 0) {
        app_status(a, 1, "Cannot make a file for the editor.");
        free(path);
        return;
    }
    const char *text = st->edit.text ? st->edit.text : "";
    size_t len = strlen(text);
    int ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
    close(fd);
    const char *editor = getenv("VISUAL");
    if (!editor || !editor[0])
        editor = getenv("EDITOR");
    if (!editor || !editor[0])
        editor = "vi";
    def_prog_mode();
    endwin();
    int status = -1;
    pid_t pid = ok ? fork() : -1;
    if (pid == 0) {
        /* through the shell, so EDITOR may carry options ("code --wait") */
        execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0)
            ;
    reset_prog_mode();
    refresh();
    char *back = NULL;
    size_t blen = 0;
    ajar_errors errs = {0};
    if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        ajar_store_read_file(path, 1024 * 1024, &back, &blen, &errs) == AJAR_OK) {
        while (blen > 0 && back[blen - 1] == '\n')
            back[--blen] = '\0';
        ajar_edit_set(&st->edit, back);
        st->dirty = 1;
        app_status(a, 0, "Text taken from the editor; Enter keeps it, Esc undoes it.");
    } else {
        app_status(a, 1, "The editor (%s) did not finish normally; the answer is unchanged.",
                   editor);
    }
    ajar_errors_clear(&errs);
    free(back);
    unlink(path);
    free(path);
}
