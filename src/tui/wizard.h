/* wizard.h — the one entry point main.c needs to start the wizard. */
#ifndef AJAR_TUI_WIZARD_H
#define AJAR_TUI_WIZARD_H

/* Runs the wizard on the draft at draft_path (created, with scenario
 * "offer", when it does not exist), or with draft_path NULL from the start
 * screen, which lists the saved drafts and starts new ones. Prints problems that stop it before
 * the screen opens on stderr. Returns the exit status: 0 after a normal
 * quit, 1 when the draft or ajar's data cannot be used, 2 for a bad
 * environment (AJAR_TODAY, AJAR_SCRIPT), 128+N after signal N. */
int tui_run(const char *draft_path);

#endif
