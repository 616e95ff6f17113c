#!/usr/bin/env bash
# update.sh — writes the golden screens and files of the e2e tests again from a run, after a
# deliberate change to the wizard. Read every changed screen (git diff tests/e2e) before committing:
# a golden file is only as good as the review it got.
# Usage: tests/e2e/update.sh [NAME...]   (AJAR_BIN as for run.sh)
exec "$(dirname "$0")/run.sh" --update "$@"
