#!/usr/bin/env python3
"""make_corpus.py — (re)writes the seed corpora and dictionaries of the fuzz targets.

Run from anywhere: python3 tests/fuzz/make_corpus.py. It writes
tests/fuzz/corpus/TARGET/seed-* (the files it owns; it first removes the old
seed-* files, and leaves every other file, such as regression inputs named
crash-*, alone) and tests/fuzz/TARGET.dict. Seeds: the example drafts, the
draft fixtures, the bad drafts battery, small edge cases, every template of
data/templates and the templates of the Mustache spec (with their first
partial after a NUL byte, as fuzz_tmpl reads it)."""
import glob
import json
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")


def rd(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def write_seeds(target, seeds):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "seed-*")):
        os.remove(old)
    for name, data in seeds:
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)


def write_dict(target, words):
    with open(os.path.join(ROOT, "tests", "fuzz", target + ".dict"), "w") as f:
        f.write("# libFuzzer dictionary, written by make_corpus.py\n")
        for w in sorted(set(words)):
            # "\xc2\x9b" in a word means those two bytes, not two characters
            raw = w.encode("latin-1") if all(ord(c) < 256 for c in w) else w.encode("utf-8")
            f.write('"%s"\n' % "".join(
                chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\' else "\\x%02x" % b
                for b in raw))


def drafts():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "examples", "*.json"))):
        out.append(("example-" + os.path.basename(p), rd(p)))
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "drafts", "*.json"))):
        out.append(("fixture-" + os.path.basename(p), rd(p)))
    return out


def edge_drafts():
    """Valid drafts that reach odd corners: every scenario and tone, empty
    answers, text at its limits, dates near the calendar's ends."""
    full = json.loads(rd("tests/fixtures/drafts/full.json"))
    out = []
    for sc in ["offer", "recruiter", "former-employer", "after-acceptance"]:
        for tone in ["warm", "formal", "brief"]:
            d = dict(full, scenario=sc, tone=tone)
            out.append(("%s-%s.json" % (sc, tone), json.dumps(d, ensure_ascii=False).encode()))
    empty = {"ajar": 1}
    out.append(("empty-answers.json", json.dumps(empty).encode()))
    nulls = {k: None for k in full if k != "ajar"}
    nulls["ajar"] = 1
    out.append(("null-answers.json", json.dumps(nulls).encode()))
    long = dict(full)
    long["me"] = dict(full["me"], name="Ł" * 500)
    long["offer"] = dict(full["offer"], company="W" * 500, role="界" * 500)
    long["resource"] = dict(full["resource"], insight=("word \t" * 1600 + "\n") * 1)
    out.append(("long-text.json", json.dumps(long, ensure_ascii=False).encode()))
    end = dict(full, **{"x-today": "9999-12-20"})
    end["offer"] = dict(full["offer"], made_on="9999-12-01", respond_by="9999-12-31",
                        decided_on="9999-12-30", send_at="9999-12-31 23:59")
    end["stay_in_touch"] = dict(full["stay_in_touch"], checkins_months=[1, 60, 120])
    out.append(("calendar-end.json", json.dumps(end, ensure_ascii=False).encode()))
    start = dict(full, **{"x-today": "0001-01-01"})
    start["offer"] = dict(full["offer"], made_on="0001-01-01", respond_by="0001-01-01",
                          decided_on="0001-01-01", send_at="0001-01-01 00:00")
    out.append(("calendar-start.json", json.dumps(start, ensure_ascii=False).encode()))
    many = dict(full)
    many["contacts"] = [dict(full["contacts"][i % 2], name="Person %d" % i,
                             made_offer=(i == 7)) for i in range(40)]
    out.append(("many-contacts.json", json.dumps(many, ensure_ascii=False).encode()))
    punct = dict(full)
    punct["me"] = dict(full["me"], name="=cmd|' /C calc'!A0 \"quoted\", comma; semi: colon")
    punct["offer"] = dict(full["offer"], role="Rôle: =?utf-8?q?x?= \\ <b>&amp;</b> # * _ [x](y)")
    punct["contacts"] = [dict(c, name="-" + c["name"] + ",\"x\"") for c in full["contacts"]]
    out.append(("punctuation.json", json.dumps(punct, ensure_ascii=False).encode()))
    return out


def small_json():
    return [("tiny-%d.json" % i, s.encode()) for i, s in enumerate([
        '{"ajar":1}', '{}', '[]', '""', '{"ajar":1,"x":[[[[{}]]]]}', '{"ajar":1,"x":"\\ud83d\\ude00"}',
        '{"ajar":1,"contacts":[{}],"positives":[""]}', '{"ajar":1,"steps":{"a":"done","b":"todo"}}',
        '{"ajar":1,"x":-0.0e-0,"y":1E+2,"z":123456789012345678}',
    ])]


def json_texts():
    """The JSON ajar reads (prompts, data) and texts at the reader's edges:
    escapes, surrogate pairs, numbers, nesting at the limit, duplicate keys
    in small and big objects, errors of every kind in one document."""
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "prompts", "*.json")) +
                    glob.glob(os.path.join(ROOT, "data", "*.json"))):
        out.append((os.path.relpath(p, ROOT).replace(os.sep, "-"), rd(p)))
    big = "{" + ",".join('"k%d":%d' % (i, i) for i in range(40)) + ',"k7":0}'
    texts = [
        '"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u4e2d \\uD83D\\uDE00 \\ud83d\\ude00"',
        '[0, -0, 1.5, -1.5e-3, 1E+2, 2147483647, 2147483648, -2147483649, 1e308, 1e-400,'
        ' 123456789012345678901234567890, 0.1000000000000000055511151231257827]',
        "[" * 64 + "]" * 64, '{"a":' * 64 + "1" + "}" * 64,
        '{"a": 1, "b": {"c": [1, {"c": 1, "c": 2}]}, "b": 2}', big,
        '{"x": "plain ascii run longer than eight bytes \\n then more é 中 😀 text"}',
        '{"a": 1e999, "a": 2}',
    ]
    out += [("edge-%d.json" % i, t.encode()) for i, t in enumerate(texts)]
    out.append(("edge-errors.json", b'[1 2, "\\u0000", "\x01", "\xff", [[[[[[[[[[]'))
    return out


def json_words():
    return ["{", "}", "[", "]", ":", ",", '"', '""', "\\", "\\u", "\\ud83d", "\\ude00",
            "\\u0000", "\\n", "\\/", "true", "false", "null", "-0", "0.5", "1e999", "1E+2",
            "-1e-400", "2147483648", " ", "\n", "\t", "\r", "\xef\xbb\xbf", "\xed\xa0\x80",
            "\xc0\xaf", "\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\x00", "\x1f", "\x7f"]


def path_scripts():
    """fuzz_draft's second mode: 0x01, then PATH=VALUE, -PATH and ?PATH lines."""
    scripts = [
        "contacts[+].name=Ana\ncontacts[-1].role=recruiter\n?contacts[-1]\n-contacts[0]\n",
        "stay_in_touch.checkins_months=[3,6,12]\nstay_in_touch.checkins_months[+]=24\n"
        "?stay_in_touch.checkins_months[-1]\n",
        "me.phone=5550100\nme.name=\"quoted\"\nme.email=null\nx={\"a\":[1,{\"b\":2}]}\n?x.a[1].b\n",
        "steps.offer=done\nsteps.x-y_z=skipped\nwizard.step=reason\n-steps.offer\n",
        "a.b.c.d.e.f.g=1\n?a.b.c\n-a.b\ncontacts[99999999999]=1\ncontacts[+][+]=1\n",
        "offer.send_at=2026-11-20 09:30\noffer.made_on=2026-02-29\najar=2\n",
    ]
    return [("paths-%d" % i, b"\x01" + s.encode()) for i, s in enumerate(scripts)]


def bad_drafts():
    return [("bad-" + os.path.basename(p), rd(p))
            for p in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "bad", "*.json")))]


def templates():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "data", "templates", "*.mustache"))):
        out.append(("data-" + os.path.basename(p), rd(p)))
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "mustache-spec", "*.json"))):
        spec = json.loads(rd(p))
        base = os.path.basename(p)[:-5]
        for i, t in enumerate(spec["tests"]):
            data = t["template"].encode()
            partials = list(t.get("partials", {}).values())
            if partials:
                data += b"\0" + partials[0].encode()
            out.append(("spec-%s-%02d.mustache" % (base, i), data))
    extra = [
        "{{>self}}{{>self}}", "{{#list}}{{#list}}{{#list}}{{.}}{{/list}}{{/list}}{{/list}}",
        "{{=<% %>=}}<%name%><%={{ }}=%>{{name}}", "{{#people}}{{>p}}{{/people}}\0{{name}}\n",
        "  {{#a}}\n{{#b}}{{c.d}}{{/b}}\n  {{/a}}\n", "{{{md}}}{{&md}}{{md}}{{!c}}",
        "{{^none}}empty{{/none}}{{#nested}}{{>self}}{{/nested}}", "{{a.b.c.list.0}}{{#zero}}z{{/zero}}",
        "x {{>o}} y\n\0one line\n",
    ]
    out += [("extra-%d.mustache" % i, s.encode()) for i, s in enumerate(extra)]
    return out


def edit_scripts():
    """fuzz_edit: a mode byte, then operations (see fuzz_edit.c): 0-3 + 4k insert k+1 bytes."""
    def ins(b):
        out = b""
        while b:
            chunk, b = b[:64], b[64:]
            out += bytes([(len(chunk) - 1) << 2]) + chunk
        return out
    cases = [
        (0x00, ins(b"Zo\xc3\xab \x1b[31mred\x1b[0m \xc2\x9b1m") + bytes([4, 4, 12, 13, 6, 7, 14])),
        (0x01, ins(b"line one\r\nline two\rthree\tfour\n") + bytes([10, 10, 11, 8, 9, 31, 15])),
        (0x03, ins(b"\xe7\x95\x8c\xe7\x95\x8c\xcc\x81 a\xcc\x81 \xf0\x9f\x87\xab\xf0\x9f\x87\xb7") + bytes([4, 4, 4, 12])),
        (0x85, ins(b"\xff\xfe\xc0\xaf\xed\xa0\x80 bad bytes") + bytes([5, 5, 14, 15])),
        (0x07, ins(b"x" * 600)),
        (0x09, ins(b"word " * 40) + bytes([10, 10, 11, 11, 6, 6])),
    ]
    return [("edit-%d" % i, bytes([m]) + ops) for i, (m, ops) in enumerate(cases)]


def field_fills():
    """fuzz_render's second mode: 0x01, then values for its FIELDS, NUL-separated."""
    sets = [
        ["Zoë Ångström", "Lumen Freight", "Platform Engineer", "Tomás Ferreira",
         "a role closer to home", "the team", "your time", "pipelines", "李娜", "Head of Platform",
         "A hybrid option\nwould help.", "zoe@example.org", "tomas@example.com"],
        ["=?utf-8?q?x?= \"Bob\" <b@x>", "Acme, Inc.", "Rôle: \\ ; , é" + "ü" * 200,
         "O'Brien-Smith", "because. Really!!", "# * _ [x](y) <b>", "  spaces  ", "a" * 499],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
         "recruiter", "brief", "counter-offer", "private", "email", "linkedin", "hr"],
        ["Ana", "X", "Y", "Z", "d", "p", "t", "ta", "B", "T", "tab\there\r\nline", "", "", "R",
         "W", "if remote", "p2", "ta2", "https://www.linkedin.com/in/x", "+1 555", "+1", "in/x",
         "after-acceptance", "formal", "other", "softened", "phone", "in-person", "executive",
         "9999-12-01", "9999-12-30", "9999-12-31", "9999-12-31 23:59", "9999-12-20"],
        ["🙂‍↔️ 👩🏽‍💻 🇫🇷", "ｆｕｌｌ", "e\u0301\u0301\u0301", "\u202eevil", "\ufeffbom"],
    ]
    return [("fields-%d" % i, b"\x01" + b"\0".join(v.encode() for v in vals))
            for i, vals in enumerate(sets)]


def draft_words():
    words = ['"ajar"', "1", "2", "null", "true", "false", "[]", "{}", '""', "\\u", "\\ud83d",
             "\\ude00", "\\u001b", "\\u009b", "\\n", "\\r\\n", "\\t", "1e400", "-0", "0.5",
             "[3, 6, 12]", "\xc2\x9b", "\x1b", "\xef\xbb\xbf", "\xc0\xaf", "\xed\xa0\x80",
             "2026-11-20", "2026-02-29", "9999-12-31", "0001-01-01", "2026-11-20 09:30", "@",
             "a@example.org", "x-today", "[+]", "[-1]", "[0]"]
    keys = ["scenario", "tone", "me", "name", "email", "phone", "linkedin", "offer", "company",
            "role", "made_on", "respond_by", "decided_on", "send_at", "medium", "reason", "kind",
            "detail", "share", "would_reconsider", "positives", "thanks", "for", "honour",
            "contacts", "title", "talked_about", "channel", "made_offer", "resource",
            "referrals", "why", "insight", "offer_introductions", "stay_in_touch",
            "future_interest", "checkins_months", "steps", "wizard", "step"]
    values = ["offer", "recruiter", "former-employer", "after-acceptance", "warm", "formal",
              "brief", "phone-then-email", "phone", "accepted-other", "counter-offer",
              "compensation", "benefits", "role-fit", "location", "commute", "flexibility",
              "family", "own-business", "timing", "career-direction", "other", "plain",
              "softened", "private", "hr", "hiring-manager", "interviewer", "colleague",
              "executive", "in-person", "todo", "done", "skipped"]
    return words + ['"%s":' % k for k in keys] + ['"%s"' % v for v in values]


def tmpl_words():
    return ["{{", "}}", "{{{", "}}}", "{{#", "{{/", "{{^", "{{>", "{{!", "{{&", "{{=", "=}}",
            "{{.}}", "{{>self}}", "{{>p}}", "{{>none}}", "{{>o}}", "<% %>", "\n", "\r\n", " ",
            "name", "list", "people", "a.b.c", "nested", "zero", "empty", "t", "f", "nil",
            "md", "text", "self", "\0"]


write_seeds("fuzz_draft", drafts() + edge_drafts() + small_json() + path_scripts() + bad_drafts())
write_seeds("fuzz_render", drafts() + edge_drafts() + field_fills())
write_seeds("fuzz_tmpl", templates())
write_seeds("fuzz_json", drafts() + small_json() + bad_drafts() + json_texts())
write_seeds("fuzz_edit", edit_scripts())
write_dict("fuzz_draft", draft_words())
write_dict("fuzz_render", draft_words())
write_dict("fuzz_tmpl", tmpl_words())
write_dict("fuzz_json", json_words())
write_dict("fuzz_edit", ["\x1b[", "\x1b]0;", "\x07", "\x1b\\", "\xc2\x9b", "\xc2\x9d", "\r\n", "\r",
                         "\n", "\t", " ", "\xcc\x81", "\xe7\x95\x8c", "\xf0\x9f\x87\xab",
                         "\xe2\x80\x8d", "\xef\xb8\x8f", "\xff", "\xc0\xaf", "\xed\xa0\x80",
                         "\x7f", "\x00"])
