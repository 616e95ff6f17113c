#!/usr/bin/env python3
"""parse_exports.py — reads an exported .eml, .csv, .ics or mailto file back with independent parsers and prints what it decodes as JSON.

Usage: parse_exports.py eml|csv|ics|mailto FILE

The output is one JSON object. Besides the decoded fields it always has:
  "parser":   which parser decoded the fields,
  "problems": a list of rule violations found by strict structural checks
              (line ends, line lengths, folding, encoding). Empty when the
              file is clean.
Exit status: 0 when the file was read (problems or not), 2 on usage errors.
Standard library only, except that iCalendar files are also read with the
`icalendar` package (Debian: python3-icalendar) when it can be imported; the
script's own unfolding parser is always run and must agree with it.
"""

import csv
import email.policy
import io
import json
import re
import sys
import urllib.parse
from email.parser import BytesParser

# ---------------------------------------------------------------- helpers --


def physical_lines(raw, problems, what):
    """Splits raw bytes on CRLF, recording bare CR or LF as problems."""
    if raw and not raw.endswith(b"\r\n"):
        problems.append(f"{what}: the last line does not end in CRLF")
    for i, b in enumerate(raw):
        if b == 0x0A and (i == 0 or raw[i - 1] != 0x0D):
            problems.append(f"{what}: bare LF at byte {i}")
            break
        if b == 0x0D and (i + 1 >= len(raw) or raw[i + 1] != 0x0A):
            problems.append(f"{what}: bare CR at byte {i}")
            break
    lines = raw.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def lf(text):
    """The text with CRLF line ends turned into LF (the writers' input form)."""
    return text.replace("\r\n", "\n")


# ------------------------------------------------------------------- eml --

ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")


def check_encoded_words(line, problems):
    import base64
    import binascii

    for m in ENCODED_WORD.finditer(line):
        word = m.group(0)
        if len(word) > 75:
            problems.append(f"encoded-word longer than 75 characters: {word!r}")
        if m.group(1).upper() != b"UTF-8":
            problems.append(f"encoded-word not in UTF-8: {word!r}")
        data = m.group(3)
        try:
            if m.group(2) in b"Bb":
                decoded = base64.b64decode(data, validate=True)
            else:
                decoded = binascii.a2b_qp(data.replace(b"_", b" "), header=False)
            decoded.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            problems.append(f"encoded-word does not hold whole UTF-8 characters: {word!r}")


ADJACENT_WORDS = re.compile(r"\?=[ \t]+=\?")


def raw_header(raw, name):
    """The unfolded value of the first header `name`, as written."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", errors="replace")
    value = None
    for line in re.sub(r"\r\n(?=[ \t])", "", head).split("\r\n"):
        key, sep, rest = line.partition(":")
        if sep and key.lower() == name.lower():
            value = rest.strip()
            break
    return value or ""


def rfc2047_display_name(value):
    """The display name of a header `phrase <addr>` decoded by the letter of
    RFC 2047 (email.header.decode_header drops white space between adjacent
    encoded-words), for comparison with the modern parser's reading."""
    import email.header

    m = re.fullmatch(r"(.*?)\s*<[^<>]*>", value)
    if not m:
        return ""
    text = []
    for part, charset in email.header.decode_header(m.group(1)):
        if isinstance(part, bytes):
            part = part.decode(charset or "ascii")
        text.append(part)
    return "".join(text)


def parse_eml(raw):
    problems = []
    if any(b >= 0x80 for b in raw):
        problems.append("message is not 7-bit")
    lines = physical_lines(raw, problems, "message")
    in_body = False
    for n, line in enumerate(lines, 1):
        if not in_body:
            if line == b"":
                in_body = True
                continue
            if len(line) > 78:
                problems.append(f"header line {n} is {len(line)} characters long (over 78)")
            if line[:1] in (b" ", b"\t") and line.strip() == b"":
                problems.append(f"header line {n} is only whitespace")
            check_encoded_words(line, problems)
        else:
            if len(line) > 76:
                problems.append(f"body line {n} is {len(line)} characters long (over 76)")
            if line.endswith((b" ", b"\t")):
                problems.append(f"body line {n} ends in unencoded whitespace")
            if re.search(rb"=(?![0-9A-F]{2}|$)", line):
                problems.append(f"body line {n} has a stray '='")
    if not in_body:
        problems.append("no blank line between headers and body")

    msg = BytesParser(policy=email.policy.default).parsebytes(raw)
    for d in msg.defects:
        problems.append(f"message defect: {type(d).__name__}: {d}")
    out = {"parser": "email.parser (policy.default)", "problems": problems, "disagreements": []}
    for name in ("From", "To"):
        h = msg[name]
        if h is None:
            out[name.lower()] = None
            continue
        for d in h.defects:
            problems.append(f"{name} defect: {type(d).__name__}: {d}")
        addrs = h.addresses
        if len(addrs) != 1:
            problems.append(f"{name} holds {len(addrs)} addresses")
            out[name.lower()] = None
            continue
        modern = addrs[0].display_name
        raw_value = raw_header(raw, name)
        rfc = rfc2047_display_name(raw_value)
        out[name.lower()] = {"name": rfc, "name_policy_default": modern,
                             "address": addrs[0].addr_spec}
        if modern != rfc:
            # CPython gh-128110: policy.default puts a space between adjacent
            # encoded-words of a display name, which RFC 2047 6.2 says to drop.
            if ADJACENT_WORDS.search(raw_value):
                out["disagreements"].append(
                    f"{name}: policy.default reads {modern!r}, RFC 2047 {rfc!r} (CPython gh-128110)")
            else:
                problems.append(f"{name}: policy.default reads {modern!r}, RFC 2047 {rfc!r}")
    subj = msg["Subject"]
    if subj is not None:
        for d in subj.defects:
            problems.append(f"Subject defect: {type(d).__name__}: {d}")
    out["subject"] = None if subj is None else str(subj)
    date = msg["Date"]
    out["date"] = None if date is None or date.datetime is None else date.datetime.isoformat()
    out["message_id"] = msg["Message-ID"] and str(msg["Message-ID"])
    out["mime_version"] = msg["MIME-Version"] and str(msg["MIME-Version"])
    out["content_type"] = msg.get_content_type()
    out["charset"] = msg.get_content_charset()
    out["transfer_encoding"] = msg["Content-Transfer-Encoding"] and str(msg["Content-Transfer-Encoding"])
    out["x_unsent"] = msg["X-Unsent"] and str(msg["X-Unsent"])
    out["headers"] = list(msg.keys())
    payload = msg.get_payload(decode=True)
    try:
        out["body"] = lf(payload.decode("utf-8"))
    except UnicodeDecodeError:
        problems.append("body is not UTF-8 once decoded")
        out["body"] = None
    return out


# ------------------------------------------------------------------- csv --


def parse_csv(raw):
    problems = []
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return {"parser": "csv", "problems": [f"not UTF-8: {e}"], "bom": bom, "rows": []}
    if text and not text.endswith("\r\n"):
        problems.append("the last record does not end in CRLF")
    # Outside quotes every line end must be CRLF (RFC 4180 2.1).
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\n" and (i == 0 or text[i - 1] != "\r"):
            problems.append(f"bare LF ends a record at character {i}")
            break
        elif not quoted and ch == "\r" and text[i + 1 : i + 2] != "\n":
            problems.append(f"bare CR outside quotes at character {i}")
            break
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    return {"parser": "csv", "problems": problems, "bom": bom, "rows": rows}


# ------------------------------------------------------------------- ics --

TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "CATEGORIES", "COMMENT", "LOCATION", "PRODID"}


def unescape_text(value, problems):
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            nxt = value[i + 1 : i + 2]
            if nxt in ("n", "N"):
                out.append("\n")
            elif nxt in ("\\", ";", ","):
                out.append(nxt)
            else:
                problems.append(f"bad escape \\{nxt!s} in {value!r}")
            i += 2
            continue
        if ch in ";,":
            problems.append(f"unescaped {ch!r} in TEXT {value!r}")
        out.append(ch)
        i += 1
    return "".join(out)


def split_text_list(value):
    """Splits a TEXT list at commas that are not escaped."""
    parts, cur, i = [], [], 0
    while i < len(value):
        if value[i] == "\\":
            cur.append(value[i : i + 2])
            i += 2
            continue
        if value[i] == ",":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(value[i])
        i += 1
    parts.append("".join(cur))
    return parts


def split_content_line(line):
    """NAME, {PARAM: VALUE}, VALUE from an unfolded content line."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        raise ValueError(f"no ':' in content line {line!r}")
    parts = head.split(";")
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        params[k.upper()] = v
    return parts[0].upper(), params, value


def ics_builtin(raw, problems):
    """The script's own strict reader: checks folding and returns components."""
    lines = physical_lines(raw, problems, "calendar")
    logical = []
    for n, line in enumerate(lines, 1):
        if len(line) > 75:
            problems.append(f"line {n} is {len(line)} octets long (over 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n} is not UTF-8 on its own (a fold splits a character?)")
        if line[:1] in (b" ", b"\t"):
            if not logical:
                problems.append("the first line is a continuation")
                continue
            logical[-1] += line[1:]
        else:
            logical.append(line)
        prev = lines[n - 2] if n >= 2 else b""
        if line[:1] == b" " and re.search(rb"(?<!\\)(\\\\)*\\$", prev):
            problems.append(f"line {n - 1} is folded inside an escape")
    root = {"name": "ROOT", "props": [], "subs": []}
    stack = [root]
    for raw_line in logical:
        try:
            text = raw_line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("a content line is not UTF-8")
            continue
        name, params, value = split_content_line(text)
        if name == "BEGIN":
            comp = {"name": value.upper(), "props": [], "subs": []}
            stack[-1]["subs"].append(comp)
            stack.append(comp)
        elif name == "END":
            if len(stack) == 1 or stack[-1]["name"] != value.upper():
                problems.append(f"END:{value} does not close {stack[-1]['name']}")
            else:
                stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    if len(stack) != 1:
        problems.append(f"{stack[-1]['name']} is never closed")
    return root


def duration_minutes(text):
    m = re.fullmatch(r"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", text)
    if not m or text.endswith("T") or text in ("P", "-P", "+P"):
        raise ValueError(f"bad duration {text!r}")
    w, d, h, mi, s = (int(x or 0) for x in m.groups()[1:])
    total = ((w * 7 + d) * 24 + h) * 60 + mi + s // 60
    return -total if m.group(1) == "-" else total


def builtin_items(root, problems):
    cals = [c for c in root["subs"] if c["name"] == "VCALENDAR"]
    if len(cals) != 1:
        problems.append(f"{len(cals)} VCALENDAR components")
        return {}, []
    cal = cals[0]
    calprops = {}
    for name, params, value in cal["props"]:
        calprops[name] = value
    for req in ("VERSION", "PRODID"):
        if req not in calprops:
            problems.append(f"VCALENDAR has no {req}")
    items = []
    for comp in cal["subs"]:
        item = {"kind": comp["name"], "alarms": []}
        for name, params, value in comp["props"]:
            key = name.lower()
            if name == "CATEGORIES":
                item["categories"] = item.get("categories", []) + [
                    unescape_text(v, problems) for v in split_text_list(value)
                ]
            elif name in TEXT_PROPS:
                item[key] = unescape_text(value, problems)
            elif name in ("DTSTART", "DTEND", "DUE"):
                if params.get("VALUE") != "DATE" or not re.fullmatch(r"\d{8}", value):
                    problems.append(f"{name} is not a DATE: {value!r}")
                item[key] = f"{value[:4]}-{value[4:6]}-{value[6:8]}"
            elif name == "DTSTAMP":
                if not re.fullmatch(r"\d{8}T\d{6}Z", value):
                    problems.append(f"DTSTAMP is not a UTC date-time: {value!r}")
                item[key] = value
            else:
                item[key] = value
        for req in ("UID", "DTSTAMP"):
            if req.lower() not in item:
                problems.append(f"{comp['name']} has no {req}")
        for sub in comp["subs"]:
            if sub["name"] != "VALARM":
                problems.append(f"unexpected {sub['name']} in {comp['name']}")
                continue
            alarm = {}
            for name, params, value in sub["props"]:
                if name == "TRIGGER":
                    alarm["trigger_minutes"] = duration_minutes(value)
                    alarm["related"] = params.get("RELATED", "START")
                elif name in TEXT_PROPS:
                    alarm[name.lower()] = unescape_text(value, problems)
                else:
                    alarm[name.lower()] = value
            for req in ("action", "trigger_minutes", "description"):
                if req not in alarm:
                    problems.append(f"VALARM has no {req.split('_')[0].upper()}")
            item["alarms"].append(alarm)
        items.append(item)
    return calprops, items


def icalendar_items(raw):
    import datetime

    import icalendar

    cal = icalendar.Calendar.from_ical(raw)
    calprops = {k: v.to_ical().decode("utf-8") for k, v in cal.items()}
    items = []
    for comp in cal.subcomponents:
        item = {"kind": comp.name, "alarms": []}
        for key, value in comp.items():
            if key == "CATEGORIES":
                vals = value if isinstance(value, list) else [value]
                cats = []
                for v in vals:
                    if hasattr(v, "cats"):
                        cats.extend(str(c) for c in v.cats)
                    else:
                        # icalendar 4 gives the raw list as one vText.
                        cats.extend(unescape_text(p, []) for p in split_text_list(v.to_ical().decode("utf-8")))
                item["categories"] = item.get("categories", []) + cats
            elif key in ("DTSTART", "DTEND", "DUE"):
                d = value.dt
                if isinstance(d, datetime.datetime):
                    raise ValueError(f"{key} is a date-time, not a date")
                item[key.lower()] = d.isoformat()
            elif key == "DTSTAMP":
                item["dtstamp"] = value.dt.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            else:
                item[key.lower()] = str(value)
        for sub in comp.subcomponents:
            alarm = {}
            for key, value in sub.items():
                if key == "TRIGGER":
                    td = value.dt
                    alarm["trigger_minutes"] = int(td.total_seconds() // 60)
                    alarm["related"] = value.params.get("RELATED", "START")
                else:
                    alarm[key.lower()] = str(value)
            item["alarms"].append(alarm)
        items.append(item)
    return calprops, items


def parse_ics(raw):
    """The builtin strict reader's view in "items"; icalendar's, when the
    package is there, in "icalendar" with any difference between the two in
    "disagreements" (not problems: icalendar 4 itself mis-reads some escapes,
    see KNOWN_ICALENDAR_BUGS)."""
    problems = []
    root = ics_builtin(raw, problems)
    calprops, items = builtin_items(root, problems)
    out = {"parser": "builtin", "problems": problems, "calendar": calprops, "items": items,
           "icalendar": None, "disagreements": []}
    try:
        import icalendar
    except ImportError:
        return out
    version = getattr(icalendar, "__version__", "?")
    try:
        ical_props, ical_items = icalendar_items(raw)
    except Exception as e:  # a parser's refusal is a finding, not a crash
        problems.append(f"icalendar {version} refused the file: {type(e).__name__}: {e}")
        return out
    out["parser"] = f"builtin + icalendar {version}"
    out["icalendar"] = {"version": version, "calendar": ical_props, "items": ical_items}
    if ical_items != items:
        out["disagreements"].append({"icalendar": ical_items, "builtin": items})
    return out


# icalendar 4.0.3 (Debian 12) unescapes TEXT with chained str.replace calls
# ("\\n" becomes a line break, not "\\" + "n") and splits CATEGORIES after
# unescaping (so "a\,b" is two categories). Files that contain such sequences
# are read correctly only by the builtin reader.
KNOWN_ICALENDAR_BUGS = ("backslash before n, comma or semicolon", "comma inside a category")


# ---------------------------------------------------------------- mailto --

URI_OK = re.compile(r"[A-Za-z0-9\-._~%@?&=:]*")


def parse_mailto(raw):
    problems = []
    uri = raw.decode("ascii", errors="replace").rstrip("\n")
    if not URI_OK.fullmatch(uri):
        problems.append("characters outside unreserved, '%' and the delimiters")
    if re.search(r"%(?![0-9A-F]{2})", uri):
        problems.append("a '%' that is not an upper-case percent-encoding")
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme != "mailto":
        problems.append(f"scheme is {parts.scheme!r}")
    out = {"parser": "urllib.parse", "problems": problems,
           "to": urllib.parse.unquote(parts.path, errors="strict")}
    for pair in parts.query.split("&") if parts.query else []:
        key, sep, value = pair.partition("=")
        if not sep:
            problems.append(f"hfield without '=': {pair!r}")
        text = urllib.parse.unquote(value, errors="strict")
        if key == "body":
            if re.search(r"(?<!\r)\n|\r(?!\n)", text):
                problems.append("body has a line end that is not CRLF")
            text = lf(text)
        out[key] = text
    return out


def main(argv):
    if len(argv) != 3 or argv[1] not in ("eml", "csv", "ics", "mailto"):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[2], "rb") as f:
        raw = f.read()
    out = {"eml": parse_eml, "csv": parse_csv, "ics": parse_ics, "mailto": parse_mailto}[argv[1]](raw)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
