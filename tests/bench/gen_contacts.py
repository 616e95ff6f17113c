#!/usr/bin/env python3
"""gen_contacts.py N OUT — a draft like examples/offer-warm.json with N generated contacts.

Each contact has a name, role, title, email and talked_about (the first one made the offer).
The values are short (about 30 bytes a contact) and the file is written compactly, one contact
a line, so that 10,000 contacts stay under the 1 MiB draft limit (about 880 KiB); every size
uses the same values so instructions per contact compare across sizes. Note that ajar saves
drafts indented, which takes about 140 bytes a contact: a draft with 10,000 contacts loads and
exports, but `ajar set` refuses to save it (it would exceed 1 MiB).
"""
import json
import sys

ROLES = ["interviewer", "colleague", "hr", "recruiter", "executive", "other"]
TOPICS = ["CI", "on-call", "SLOs", "infra", "hiring"]


def contact(i):
    c = {
        "name": f"N{i}",
        "role": "hiring-manager" if i == 0 else ROLES[i % len(ROLES)],
        "title": "Eng",
        "email": f"n{i}@x.io",
        "talked_about": TOPICS[i % len(TOPICS)],
    }
    if i == 0:
        c["made_offer"] = True
    return c


def main():
    n = int(sys.argv[1])
    here = sys.path[0]
    with open(f"{here}/../../examples/offer-warm.json", encoding="utf-8") as f:
        draft = json.load(f)
    draft["contacts"] = ["@CONTACTS@"]
    head, tail = json.dumps(draft, ensure_ascii=False, indent=2).split('"@CONTACTS@"')
    body = ",\n    ".join(json.dumps(contact(i), ensure_ascii=False, separators=(",", ":"))
                      for i in range(n))
    text = head + body + tail + "\n"
    data = text.encode("utf-8")
    if len(data) > 1024 * 1024:
        sys.exit(f"gen_contacts: {n} contacts take {len(data)} bytes, over the 1 MiB limit")
    with open(sys.argv[2], "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
