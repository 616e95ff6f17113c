#!/usr/bin/env python3
"""hotspots.py CALLGRIND.OUT [N] — the N functions (default 10) of a callgrind profile with the
most instructions, inclusive (the function and what it calls), from callgrind_annotate.

The frames every program has (the dynamic loader, libc's start-up, `main`) are left out, and a
function listed twice (callgrind_annotate names some files both absolute and relative) once.
"""
import re
import subprocess
import sys

SKIP = re.compile(r"\(below main\)|libc-start|libc_start|:main$|^\?\?\?:0x[0-9a-f]+$")
LINE = re.compile(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*?)(?: \[(.*)\])?$")


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", path], check=True,
                          capture_output=True, text=True).stdout
    seen, out = set(), []
    body = text.split("file:function", 1)[-1]
    for line in body.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        count, pct, where, obj = m.groups()
        func = where.rsplit(":", 1)[-1]
        if SKIP.search(where) or func in seen:
            continue
        seen.add(func)
        file = where.rsplit(":", 1)[0]
        if "/src/" in file or file.startswith("src/"):
            file = "src/" + file.split("src/", 1)[1]
        else:
            file = (obj or file).rsplit("/", 1)[-1]
        out.append(f"{count:>15} {pct:>6}%  {func}  ({file})")
        if len(out) == n:
            break
    print("\n".join(out))


if __name__ == "__main__":
    main()
