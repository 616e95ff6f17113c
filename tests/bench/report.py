#!/usr/bin/env python3
"""report.py RESULTS TABLE DETAILS — the tables of `make bench` from what run.sh measured.

RESULTS holds lines KEY<TAB>VALUE<TAB>NOTE (an empty VALUE: not measured, NOTE says why).
Writes the summary table (benchmark, measured, target, result) to TABLE and the raw numbers to
DETAILS, prints both (the details first), and exits 1 when a target is not met.
The formulas are those of docs/performance.md.
"""
import sys
import time

STARTUP_TARGET = 1.25   # ajar's instructions at most 1.25 times the bare program's
KEY_TARGET = 150_000    # instructions per typed character, under
PER_CONTACT = 200_000   # instructions per contact, at most
RATIO_TARGET = 11.0     # Ir(1,000) / Ir(100), at most
SIZES = [10, 100, 1000, 10000]
OPS = [
    ("export-txt", "export --what all --format txt"),
    ("export-json", "export --what all --format json"),
    ("validate", "validate (load)"),
    ("set", "set me.name=X (load + save)"),
]
REFERENCE = {"dialog": "≈ 1.48× (issue)", "whiptail": "≈ 1.40× (issue)"}


def read(path):
    values, notes, raw = {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, value, note = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            values[key] = int(value) if value.isdigit() else None
            notes[key] = note
            raw[key] = value
    return values, notes, raw


def num(n):
    return f"{n:,.0f}"


def main():
    values, notes, raw = read(sys.argv[1])
    rows, details = [], []
    failed = False

    def row(name, measured, target, ok):
        nonlocal failed
        if ok is None:
            result = "info"
        else:
            result = "PASS" if ok else "FAIL"
            failed |= not ok
        rows.append((name, measured, target, result))

    # ---- start-up
    bare = values.get("startup.bare")
    if bare:
        details.append("Start-up in tmux 100x30, TERM=xterm-256color: instructions from exec to "
                       "quit (median of the runs)")
        for p in ["bare", "ajar", "dialog", "whiptail"]:
            key = f"startup.{p}"
            if key not in values:
                continue
            v = values[key]
            if v is None:
                details.append(f"  {p:<9} {notes[key]}")
                row(f"start-up: {p} ÷ bare", notes[key], REFERENCE.get(p, ""), None)
                continue
            details.append(f"  {p:<9} {num(v):>14}  {v / bare:5.2f}×   ({notes[key]})")
            if p == "ajar":
                row("start-up: ajar ÷ bare ncurses", f"{v / bare:.2f}× ({num(v)} ÷ {num(bare)})",
                    f"≤ {STARTUP_TARGET:.2f}×", v / bare <= STARTUP_TARGET)
            elif p != "bare":
                row(f"start-up: {p} ÷ bare (reference)", f"{v / bare:.2f}× ({num(v)})",
                    REFERENCE[p], None)
        idle = values.get("startup.ajar-idle")
        if idle:
            details.append(f"  ajar, 2 s before quitting {num(idle):>14}  {idle / bare:5.2f}×   "
                           f"(the deferred tone check done; {notes['startup.ajar-idle']})")
            row("start-up: ajar left 2 s, tone check done (info)",
                f"{idle / bare:.2f}× ({num(idle)})", "reported", None)
        wbare, wajar = values.get("startup-wide.bare"), values.get("startup-wide.ajar")
        if wbare and wajar:
            details.append(f"  at 160x40, the preview in the first frame: bare {num(wbare)}, "
                           f"ajar {num(wajar)} ({wajar / wbare:.2f}×; "
                           f"{notes['startup-wide.ajar']})")
            row("start-up at 160×40, preview shown: ajar ÷ bare (info)",
                f"{wajar / wbare:.2f}× ({num(wajar)} ÷ {num(wbare)})", "reported", None)

    # ---- keystroke
    k0, k200 = values.get("keystroke.0"), values.get("keystroke.200")
    if k0 and k200:
        per = (k200 - k0) / 200
        details.append("Keystroke (key scripts at 160x40, the preview beside the questions)")
        details.append(f"  no characters   {num(k0):>14}")
        details.append(f"  200 characters  {num(k200):>14}")
        details.append(f"  per character   {num(per):>14}   (Ir(200) - Ir(0)) / 200")
        k1 = values.get("keystroke.1")
        if k1:
            details.append(f"  one character   {num(k1):>14}   Ir(1) - Ir(0) = {num(k1 - k0)}: a "
                           "character and the save of the answer when the script ends, which "
                           "Ir(200) - Ir(0) includes once")
        row("keystroke: Ir per typed character", num(per), f"< {num(KEY_TARGET)}",
            per < KEY_TARGET)

    # ---- scale
    if any(k.startswith("scale.") for k in values):
        details.append("Scale: whole-process instructions, generated drafts "
                       "(a '≥' count was stopped by the time limit: a lower bound)")
        sizes = "".join(f"{n:>19,}" for n in SIZES)
        details.append(f"  {'contacts':<12}{sizes}")
        byte_line = "".join(f"{values.get(f'scale.bytes.{n}') or 0:>19,}" for n in SIZES)
        details.append(f"  {'draft bytes':<12}{byte_line}")
        for op, label in OPS:
            if f"scale.{op}.10" not in values:
                continue
            ir, low = {}, {}
            cells = []
            for n in SIZES:
                key = f"scale.{op}.{n}"
                v = values.get(key)
                if v is None:
                    cells.append(f"{'n/a':>19}")
                    continue
                ir[n] = v
                low[n] = notes[key].startswith("stopped")
                cells.append(f"{('≥ ' if low[n] else '') + num(v):>19}")
            details.append(f"  {op:<12}{''.join(cells)}")
            base = ir.get(10)
            if base is None or low.get(10):
                continue
            per = {n: ((ir[n] - base) / (n - 10), low[n]) for n in SIZES[1:] if n in ir}
            details.append(f"  {'  per contact':<12}{'':>19}" + "".join(
                f"{(('≥ ' if per[n][1] else '') + num(per[n][0])) if n in per else 'n/a':>19}"
                for n in SIZES[1:]))
            times = "".join(f"{notes[f'scale.{op}.{n}'] if n in ir else 'n/a':>19}" for n in SIZES)
            details.append(f"  {'  time':<12}{times}")
            for n in SIZES:
                if values.get(f"scale.{op}.{n}") is None and f"scale.{op}.{n}" in notes:
                    details.append(f"    {n:,} contacts left out: {notes[f'scale.{op}.{n}']}")
            if per:
                # the worst size; a count stopped by the time limit is a lower bound, and fails
                worst = max(per, key=lambda n: per[n][0])
                w, w_low = per[worst]
                stopped = [n for n in per if per[n][1]]
                ok = w <= PER_CONTACT and not stopped
                shown = f"{'≥ ' if w_low else ''}{num(w)} (worst: {worst:,} contacts)"
                for n in stopped:
                    if n != worst:
                        shown += f"; {n:,}: stopped, ≥ {num(per[n][0])}"
                row(f"scale: {label}, Ir per contact", shown, f"≤ {num(PER_CONTACT)}", ok)
            if 100 in ir and 1000 in ir and not low[100]:
                ratio = ir[1000] / ir[100]
                marginal = (ir[1000] - base) / (ir[100] - base) if ir[100] > base else 0
                details.append(f"    Ir(1,000) / Ir(100) = {ratio:.2f}; without the 10-contact "
                               f"baseline (Ir(1,000) - Ir(10)) / (Ir(100) - Ir(10)) = "
                               f"{marginal:.2f} (11.00 is exactly linear)")
                row(f"scale: {label}, Ir(1,000) ÷ Ir(100)",
                    f"{'≥ ' if low[1000] else ''}{ratio:.2f}", f"≤ {RATIO_TARGET:.0f}",
                    ratio <= RATIO_TARGET)

    # ---- memory
    mem = {p: values.get(f"memory.{p}") for p in ["bare", "ajar", "dialog", "whiptail"]}
    if mem["ajar"] and mem["bare"]:
        details.append("Memory: peak resident size from start to quit, tmux 100x30 "
                       "(/usr/bin/time -v, median)")
        for p, v in mem.items():
            if v:
                details.append(f"  {p:<9} {v / 1024:8.1f} MiB  ({notes[f'memory.{p}']})")
        row("memory: ajar peak RSS (beside bare)",
            f"{mem['ajar'] / 1024:.1f} MiB (bare {mem['bare'] / 1024:.1f} MiB, "
            f"{mem['ajar'] / mem['bare']:.2f}×)", "reported", None)

    # ---- output
    widths = [max(len(r[i]) for r in rows + [("benchmark", "measured", "target", "result")])
              for i in range(4)]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    table = [line(("benchmark", "measured", "target", "result")),
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    table += [line(r) for r in rows]
    secs = values.get("meta.seconds") or 0
    footer = (f"measured {time.strftime('%Y-%m-%d')} on commit {raw.get('meta.commit', '?')}, "
              f"{values.get('meta.runs')} runs per start-up and memory figure, "
              f"benchmark time {secs // 60} min {secs % 60} s")
    text = "\n".join(table) + "\n\n" + footer + "\n"
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        f.write("\n".join(details) + "\n")
    print()
    print("\n".join(details))
    print()
    print(text, end="")
    print(f"(written to {sys.argv[2]}; raw numbers in {sys.argv[3]})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
