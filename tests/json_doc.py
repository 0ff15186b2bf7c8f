"""json_doc.py -- the JSON keys that docs/json.md documents.

Each output of tcplens --json has a section in docs/json.md ("## ..."),
with a table whose rows start "| `key` |", in output order.  The tests
check tcplens's objects against these lists, so the document cannot drift
from the program.
"""
import os


def documented_keys(tests_dir, heading):
    """The keys of the table in the docs/json.md section whose heading
    starts with `heading` (e.g. "## Connections")."""
    keys, inside = [], False
    with open(os.path.join(tests_dir, "..", "docs", "json.md")) as f:
        for line in f:
            if line.startswith("## "):
                inside = line.startswith(heading)
            elif inside and line.startswith("| `"):
                keys.append(line.split("`")[1])
    if not keys:
        raise SystemExit("docs/json.md has no key table under " + heading)
    return keys
