#!/bin/bash
# update.sh — writes the golden outputs of every example again, after a deliberate change to
# templates or exporters. Review the diff (git diff tests/golden) before committing it.
set -euo pipefail
AJAR_REPO=$(cd "$(dirname "$0")/../.." && pwd)
AJAR=${AJAR_BIN:-$AJAR_REPO/build/ajar}
export AJAR_DATA_DIR=$AJAR_REPO XDG_CONFIG_HOME=/nonexistent
# shellcheck source=outputs.sh
. "$AJAR_REPO/tests/golden/outputs.sh"
for f in "$AJAR_REPO"/examples/*.json; do
    example=$(basename "$f" .json)
    rm -rf "${AJAR_REPO:?}/tests/golden/$example"
    golden_render "$example" "$AJAR_REPO/tests/golden/$example"
    echo "updated tests/golden/$example"
done
