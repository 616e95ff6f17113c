#!/usr/bin/env python3
"""check_prompts.py — checks the wizard's step files (prompts/*.json) against docs/prompts.md and docs/draft-format.md.

Usage: check_prompts.py [ROOT]

ROOT is the repository's top folder (by default the one this script lives
in). The draft fields are read from the field table of
docs/draft-format.md, the step and field members and the field types from
the tables of docs/prompts.md, so a change to either document is picked up
without editing this script. On top of the format, it checks the house
rules for the wizard's text:

  - the ten steps, in order, with their ids, titles and file names;
  - the first question of the first step asks for the candidate's name;
  - every draft field except `ajar`, `steps` and `wizard` is asked exactly once
    (the fields of one contact or referral inside the `item` list);
  - every choice id the format allows has a label, and no other id does;
  - lengths: rule 2-3 lines of at most 72 characters, labels 60, hints 76,
    choice labels and yes/no words 40, titles as docs/prompts.md says;
  - examples fit their field: a choice id, a real date, months 1-120.

Prints one line per problem ("prompts/02-honest.json: fields[1].hint: ...")
and exits 1 when there is any, 2 when the documents cannot be read, 0 when
all is well. Standard library only.
"""

import datetime
import json
import os
import re
import sys

# ------------------------------------------------------------ house rules --

# The steps of the wizard, in order: (id, title).
STEPS = [
    ("offer", "The offer"),
    ("prompt", "Be prompt"),
    ("honest", "Be honest"),
    ("positive", "Be positive"),
    ("appreciative", "Be appreciative"),
    ("personal", "Be personal"),
    ("inclusive", "Be inclusive"),
    ("resource", "Be a resource"),
    ("stay-in-touch", "Stay in touch"),
    ("review", "Review & export"),
]
FIRST_FIELD = "me.name"
NOT_ASKED = {"ajar", "steps", "wizard"}  # and everything under them

RULE_LINES = (2, 3)
RULE_LINE_MAX = 72
EXAMPLE_LINES_MAX = 4
EXAMPLE_LINE_MAX = 72
LABEL_MAX = 60
HINT_MAX = 76
FIELD_EXAMPLE_MAX = 76
CHOICE_LABEL_MAX = 40
ADVICE_PARAGRAPHS_MIN = 2
ADVICE_PARAGRAPH_MAX = 420

# Fields the wizard asks that are on their way into docs/draft-format.md
# from another branch (none now). While the table lacks one, it is taken to
# have this type and a note is printed; once the table has it, it wins.
PENDING_FIELDS = {}

# Draft types a question type may write beyond what docs/prompts.md lists.
EXTRA_WRITES = {}

# ---------------------------------------------------------- the documents --


class Unreadable(Exception):
    pass


def read_text(root, rel):
    try:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise Unreadable(f"{rel}: cannot read it ({e.strerror})")


def md_tables(text):
    """Every Markdown table of text: a list of (header cells, rows of cells)."""
    tables, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|\s*$", lines[i + 1]):
            head = split_row(lines[i])
            rows, i = [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(split_row(lines[i]))
                i += 1
            tables.append((head, rows))
        else:
            i += 1
    return tables


def split_row(line):
    # Cells are split on "|" outside backticks (``space < > , ; ...`` holds none).
    cells, cur, tick = [], "", False
    for ch in line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]:
        if ch == "`":
            tick = not tick
        if ch == "|" and not tick:
            cells.append(cur.strip())
            cur = ""
        else:
            cur += ch
    cells.append(cur.strip())
    return cells


def find_table(tables, first_header, source):
    for head, rows in tables:
        if head and head[0].strip("` ").lower() == first_header:
            return head, rows
    raise Unreadable(f"{source}: no table whose first column is '{first_header}'")


def unticked(cell):
    m = re.fullmatch(r"`([^`]+)`", cell.strip())
    return m.group(1) if m else None


def load_format(root):
    """The draft fields of docs/draft-format.md: {path: {"type": str, "choices": [ids] or None}}."""
    rel = "docs/draft-format.md"
    head, rows = find_table(md_tables(read_text(root, rel)), "field", rel)
    fields = {}
    for cells in rows:
        if len(cells) < 3:
            raise Unreadable(f"{rel}: a row of the field table has {len(cells)} cells: {cells}")
        path = unticked(cells[0])
        if not path:
            raise Unreadable(f"{rel}: the field {cells[0]!r} is not written as `path`")
        ftype = cells[1].strip()
        choices = None
        if ftype == "choice":
            choices = [t for t in re.findall(r"`([^`]+)`", cells[2]) if re.fullmatch(r"[a-z0-9-]+", t)]
            if not choices:
                raise Unreadable(f"{rel}: the choice field {path} lists no ids")
        fields[path] = {"type": ftype, "choices": choices}
    if not fields:
        raise Unreadable(f"{rel}: the field table is empty")
    notes = []
    for path, ftype in PENDING_FIELDS.items():
        if path not in fields:
            fields[path] = {"type": ftype, "choices": None}
            notes.append(f"note: {path} is not in {rel} yet; taken to be a {ftype} field")
    return fields, notes


def load_prompt_format(root):
    """From docs/prompts.md: the step members, the field members and the field types."""
    rel = "docs/prompts.md"
    tables = md_tables(read_text(root, rel))
    members = [(h, r) for h, r in tables if h and h[0].strip().lower() == "member"]
    if len(members) < 2:
        raise Unreadable(f"{rel}: expected a table of step members and one of field members")

    def member_table(rows):
        out = {}
        for cells in rows:  # "`yes`, `no`" names two members in one row
            for name in re.findall(r"`([^`]+)`", cells[0]):
                out[name] = {"required": cells[1].strip(), "meaning": cells[2] if len(cells) > 2 else ""}
        return out

    step_members = member_table(members[0][1])
    field_members = member_table(members[1][1])
    title_max = 24
    m = re.search(r"at most (\d+) characters", step_members.get("title", {}).get("meaning", ""))
    if m:
        title_max = int(m.group(1))

    head, rows = find_table(tables, "type", rel)
    types = {}
    for cells in rows:
        name = unticked(cells[0])
        if not name or len(cells) < 2:
            raise Unreadable(f"{rel}: a row of the field types table is not `type` | draft type: {cells}")
        types[name] = parse_draft_type(cells[1].strip())
    return step_members, field_members, types, title_max


def parse_draft_type(text):
    """"line or email" -> {"line", "email"}; "array of line" -> {"array of line"};
    "array of contact objects" -> {"array of object"} with the item's name kept."""
    m = re.fullmatch(r"array of (\w+) objects", text)
    if m:
        return {"kinds": {"array of object"}, "entry": m.group(1)}
    return {"kinds": {t.strip() for t in text.split(" or ")}, "entry": None}


# ---------------------------------------------------------------- checking --


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append(f"{where}: {message}")


def line_problems(p, where, value, what, max_chars, one_line=True):
    if not isinstance(value, str):
        p.add(where, f"{what} must be text")
        return False
    if not value.strip():
        p.add(where, f"{what} is empty")
        return False
    if one_line and "\n" in value:
        p.add(where, f"{what} must be one line")
    if re.search(r"[\x00-\x09\x0b-\x1f\x7f]", value):
        p.add(where, f"{what} holds a control character")
    for n, line in enumerate(value.split("\n"), 1):
        at = where if one_line else f"{where} line {n}"
        if len(line) > max_chars:
            p.add(at, f"{len(line)} characters, at most {max_chars}: {line!r}")
        if line != line.strip():
            p.add(at, f"space at the start or end: {line!r}")
    return True


def no_duplicate_keys(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError(f'the key "{k}" appears more than once')
        seen[k] = v
    return seen


def load_step(path, rel, p):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        p.add(rel, f"cannot read it ({e})")
        return None
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as e:
        p.add(f"{rel}:{e.lineno}:{e.colno}", f"not valid JSON: {e.msg}")
    except ValueError as e:
        p.add(rel, str(e))
    return None


def suits(qtype, ftype, types, path):
    """Whether a question of type qtype may write the draft field (type ftype)."""
    spec = types.get(qtype)
    if spec is None:
        return False
    kinds = set(spec["kinds"]) | EXTRA_WRITES.get(qtype, set())
    if spec["entry"]:  # contacts, referrals: a list of objects named after the entry
        return ftype in kinds and path.rsplit(".", 1)[-1] == spec["entry"] + "s"
    return ftype in kinds


def check_example(p, where, q, fspec):
    ex = q.get("example")
    if ex is None:
        return
    qtype = q.get("type")
    if not line_problems(p, where + ".example", ex, "the example", FIELD_EXAMPLE_MAX):
        return
    if qtype == "choice" and fspec.get("choices") and ex not in fspec["choices"]:
        p.add(where + ".example", f'"{ex}" is not one of the choices')
    elif qtype == "date" or fspec["type"] == "date":
        try:
            datetime.date.fromisoformat(ex)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ex):
                raise ValueError
        except ValueError:
            p.add(where + ".example", f'"{ex}" is not a YYYY-MM-DD date')
    elif fspec["type"] == "datetime":
        try:
            datetime.datetime.strptime(ex, "%Y-%m-%d %H:%M")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", ex):
                raise ValueError
        except ValueError:
            p.add(where + ".example", f'"{ex}" is not a YYYY-MM-DD HH:MM date and time')
    elif qtype == "months":
        parts = [s.strip() for s in ex.split(",")]
        if not all(re.fullmatch(r"\d{1,3}", s) and 1 <= int(s) <= 120 for s in parts):
            p.add(where + ".example", f'"{ex}" is not a list of months from 1 to 120')
    elif fspec["type"] == "email":
        if ex.count("@") != 1 or re.search(r"[\s<>,;\"()\[\]\\]", ex):
            p.add(where + ".example", f'"{ex}" is not an e-mail address')
    elif qtype == "yesno":
        p.add(where + ".example", "a yes/no question shows its words, not an example")


def check_question(p, where, q, prefix, fmt, fmembers, types, asked):
    """Checks one question; `prefix` is "" at the top and "contacts[]." inside an item."""
    if not isinstance(q, dict):
        p.add(where, "expected an object describing a question")
        return None
    for key in q:
        if key not in fmembers:
            p.add(f"{where}.{key}", "not a member of a field (see docs/prompts.md)")
    for key, spec in fmembers.items():
        if spec["required"] == "yes" and key not in q:
            p.add(where, f"the member {key} is missing")
    path, qtype = q.get("path"), q.get("type")
    if not isinstance(path, str) or not isinstance(qtype, str):
        return None
    full = prefix + path
    if qtype not in types:
        p.add(where + ".type", f'unknown type "{qtype}" (known: {", ".join(types)})')
    if "[" in path or (prefix and "." in path):
        p.add(where + ".path", f'"{path}" must name one field, without indexes')
    fspec = fmt.get(full)
    if fspec is None:
        p.add(where + ".path", f'"{full}" is not a field of docs/draft-format.md')
        return None
    if fspec["type"] == "object":
        p.add(where + ".path", f'"{full}" is a group of fields; ask its fields one by one')
    elif qtype in types and not suits(qtype, fspec["type"], types, full):
        p.add(where + ".type", f'a {qtype} question cannot answer "{full}" (type {fspec["type"]})')
    asked.setdefault(full, []).append(where)

    line_problems(p, where + ".label", q.get("label"), "the label", LABEL_MAX)
    if "hint" in q:
        line_problems(p, where + ".hint", q.get("hint"), "the hint", HINT_MAX)
    check_example(p, where, q, fspec)

    choices = q.get("choices")
    if qtype == "choice":
        allowed = fspec.get("choices") or []
        if not isinstance(choices, dict):
            p.add(where + ".choices", "expected an object with a label for every choice")
        else:
            for cid, label in choices.items():
                if cid not in allowed:
                    p.add(f"{where}.choices.{cid}", f'"{cid}" is not a choice of {full} (allowed: {", ".join(allowed)})')
                line_problems(p, f"{where}.choices.{cid}", label, "the label", CHOICE_LABEL_MAX)
            for cid in allowed:
                if cid not in choices:
                    p.add(where + ".choices", f'no label for the choice "{cid}"')
    elif choices is not None:
        p.add(where + ".choices", "only a choice question has choices")

    for word in ("yes", "no"):
        if word in q:
            if qtype != "yesno":
                p.add(f"{where}.{word}", "only a yes/no question has yes and no words")
            line_problems(p, f"{where}.{word}", q[word], f"the {word} word", CHOICE_LABEL_MAX)

    entry = types.get(qtype, {}).get("entry")
    item = q.get("item")
    if entry:
        if not isinstance(item, list) or not item:
            p.add(where + ".item", "expected the list of questions about one entry")
        else:
            for i, sub in enumerate(item):
                check_question(p, f"{where}.item[{i}]", sub, full + "[].", fmt, fmembers, types, asked)
        if "item_label" in q:
            line_problems(p, where + ".item_label", q["item_label"], "the item label", CHOICE_LABEL_MAX)
    else:
        if item is not None:
            p.add(where + ".item", f"only {' and '.join(t for t in types if types[t]['entry'])} questions have an item list")
        if "item_label" in q:
            p.add(where + ".item_label", "only a list of entries has an item label")
    return full


def check_step(p, rel, step, expect_id, expect_title, last, smembers, fmembers, fmt, types, title_max, asked):
    if not isinstance(step, dict):
        p.add(rel, "expected a JSON object describing one step")
        return []
    for key in step:
        if key not in smembers:
            p.add(f"{rel}: {key}", "not a member of a step (see docs/prompts.md)")
    for key, spec in smembers.items():
        if spec["required"] == "yes" and key not in step:
            p.add(rel, f"the member {key} is missing")

    sid = step.get("id")
    if sid != expect_id:
        p.add(f"{rel}: id", f'"{sid}", expected "{expect_id}" (the steps go {", ".join(s for s, _ in STEPS)})')
    if isinstance(sid, str) and not re.fullmatch(r"[a-z0-9-]+", sid):
        p.add(f"{rel}: id", f'"{sid}" is not lowercase letters, digits and dashes')
    title = step.get("title")
    if title != expect_title:
        p.add(f"{rel}: title", f'"{title}", expected "{expect_title}"')
    if isinstance(title, str) and len(title) > title_max:
        p.add(f"{rel}: title", f"{len(title)} characters, at most {title_max}")

    rule = step.get("rule")
    if line_problems(p, f"{rel}: rule", rule, "the rule", RULE_LINE_MAX, one_line=False):
        n = len(rule.split("\n"))
        if not RULE_LINES[0] <= n <= RULE_LINES[1]:
            p.add(f"{rel}: rule", f"{n} lines, expected {RULE_LINES[0]} or {RULE_LINES[1]}")
        if "\n\n" in rule:
            p.add(f"{rel}: rule", "an empty line")

    advice = step.get("advice")
    if advice is not None and line_problems(p, f"{rel}: advice", advice, "the advice", 10**6, one_line=False):
        paras = advice.split("\n\n")
        if len(paras) < ADVICE_PARAGRAPHS_MIN:
            p.add(f"{rel}: advice", f"{len(paras)} paragraph(s), expected at least {ADVICE_PARAGRAPHS_MIN}")
        for n, para in enumerate(paras, 1):
            if not para.strip() or "\n" in para:
                p.add(f"{rel}: advice paragraph {n}", "paragraphs are separated by exactly one empty line")
            if len(para) > ADVICE_PARAGRAPH_MAX:
                p.add(f"{rel}: advice paragraph {n}", f"{len(para)} characters, keep it under {ADVICE_PARAGRAPH_MAX}")

    example = step.get("example")
    if example is not None and line_problems(p, f"{rel}: example", example, "the example", EXAMPLE_LINE_MAX, one_line=False):
        if len(example.split("\n")) > EXAMPLE_LINES_MAX:
            p.add(f"{rel}: example", f"more than {EXAMPLE_LINES_MAX} lines")

    review = step.get("review", False)
    if not isinstance(review, bool):
        p.add(f"{rel}: review", "expected true or false")
    if bool(review) != last:
        p.add(f"{rel}: review", "only the last step is the review step" if review else "the last step must be the review step")

    fields = step.get("fields")
    if fields is None:
        fields = []
    if not isinstance(fields, list):
        p.add(f"{rel}: fields", "expected a list of questions")
        return []
    if review and fields:
        p.add(f"{rel}: fields", "the review step asks no questions")
    if not review and not fields:
        p.add(f"{rel}: fields", "a step needs at least one question")
    paths = []
    for i, q in enumerate(fields):
        paths.append(check_question(p, f"{rel}: fields[{i}]", q, "", fmt, fmembers, types, asked))
    return paths


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    try:
        fmt, notes = load_format(root)
        smembers, fmembers, types, title_max = load_prompt_format(root)
    except Unreadable as e:
        print(f"check_prompts: {e}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"check_prompts: {note}", file=sys.stderr)

    p = Problems()
    folder = os.path.join(root, "prompts")
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith("."))
    except OSError as e:
        print(f"check_prompts: prompts/: cannot list it ({e.strerror})", file=sys.stderr)
        return 2
    expected = [f"{i:02d}-{sid}.json" for i, (sid, _) in enumerate(STEPS)]
    for name in names:
        if name not in expected:
            p.add(f"prompts/{name}", f"not one of the step files ({', '.join(expected)})")
    asked, first_paths = {}, None
    for i, (sid, title) in enumerate(STEPS):
        rel = f"prompts/{expected[i]}"
        if expected[i] not in names:
            p.add(rel, "missing")
            continue
        step = load_step(os.path.join(folder, expected[i]), rel, p)
        if step is None:
            continue
        paths = check_step(p, rel, step, sid, title, i == len(STEPS) - 1,
                           smembers, fmembers, fmt, types, title_max, asked)
        if i == 0:
            first_paths = paths
    if first_paths is not None and (not first_paths or first_paths[0] != FIRST_FIELD):
        p.add(f"prompts/{expected[0]}: fields[0]",
              f"the first question must ask for {FIRST_FIELD}, not {first_paths[0] if first_paths else 'nothing'}")

    for path, where in sorted(asked.items()):
        if len(where) > 1:
            p.add(where[1], f'"{path}" is asked more than once (also at {where[0]})')
    for path, spec in fmt.items():
        if path.split(".")[0].split("[")[0] in NOT_ASKED or spec["type"] == "object":
            continue
        if path not in asked:
            p.add("prompts/", f'no step asks the draft field "{path}" ({spec["type"]})')

    for line in p.items:
        print(line)
    if p.items:
        print(f"check_prompts: {len(p.items)} problem(s) in the step files", file=sys.stderr)
        return 1
    print(f"check_prompts: {len(STEPS)} step files, {len(asked)} draft fields asked, all well")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
