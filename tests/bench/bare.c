/* bare.c — the yardstick of the start-up benchmark: the least a curses program does to show a
 * frame and wait for a key (setlocale, initscr, a box, one line of text, getch, endwin).
 * Built by tests/bench/run.sh with the same compiler and flags as ajar, -O2, against ncursesw. */
#include <curses.h>
#include <locale.h>

int main(void)
{
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    box(stdscr, 0, 0);
    mvaddstr(1, 2, "bare ncurses: press any key to quit");
    refresh();
    getch();
    endwin();
    return 0;
}
