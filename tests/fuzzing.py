"""Hostile workbooks: a valid workbook's XML parts mutated at random, the same way for the same seed.

Used by tests/workbook/test_fuzz.py (a quick fixed-seed run in the suite) and scripts/fuzz_workbooks.py (a long
run through the installed command).
"""

from __future__ import annotations

import random
import re
import zipfile
from io import BytesIO

# Things a hostile or broken file may hold, chosen to reach the reader's awkward paths.
_TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#xD800;",
    b"&bogus;",
    b'"',
    b"'",
    b"\x00",
    b"\xff\xfe",
    b"\xe2\x80",
    b"]]>",
    b"<![CDATA[x]]>",
    b"<!-- -->",
    b"<?xml version='1.0'?>",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b'<c r="XFD1048576" t="s"><v>999999</v></c>',
    b'<c r="A1" t="e"><v>#REF!</v></c>',
    b'<c r="B2" t="inlineStr"><is><t>inline</t></is></c>',
    b'<c r="C3" t="b"><v>2</v></c>',
    b'<c r="D4" s="9999"><v>1e308</v></c>',
    b'<c r="A0"><v>-1</v></c>',
    b'<row r="0"/>',
    b'<row r="-5"/>',
    b"<si><t>" + b"w" * 5000 + b"</t></si>",
    b"<v>NaN</v>",
    b"<v>-0</v>",
    b"<v>99999999999999999999</v>",
    b"<f>1/0</f>",
    b'<hyperlink ref="A1" r:id="rId999"/>',
    b'<mergeCell ref="A1:XFD1048576"/>',
    b'Target="../../../../etc/passwd"',
    b'TargetMode="External"',
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\t",
    "\u202e\u200b\U0001f600".encode(),
    b"file:///etc/passwd",
    b"javascript:alert(1)",
]
_NAME = re.compile(rb"<(/?)([A-Za-z:]+)")


def xml_parts(workbook: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(workbook)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def mutate(workbook: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A copy of `workbook` with one to three mutations of its XML parts, and what was done."""
    parts = xml_parts(workbook)
    names = sorted(name for name in parts if name.endswith((".xml", ".rels")))
    done = []
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(names)
        data, what = _mutate_part(parts[name], rng)
        parts[name] = data
        done.append(f"{name}: {what}")
    if rng.random() < 0.05:
        victim = rng.choice(names)
        del parts[victim]
        done.append(f"{victim}: removed")
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return output.getvalue(), "; ".join(done)


def _mutate_part(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if not data:
        return rng.choice(_TOKENS), "filled"
    kind = rng.choice(["insert", "delete", "duplicate", "flip", "truncate", "swap-names", "number", "repeat"])
    at = rng.randrange(len(data))
    if kind == "insert":
        token = rng.choice(_TOKENS)
        return data[:at] + token + data[at:], f"inserted {token[:30]!r} at {at}"
    if kind == "delete":
        end = min(len(data), at + rng.randint(1, 64))
        return data[:at] + data[end:], f"deleted {at}:{end}"
    if kind == "duplicate":
        end = min(len(data), at + rng.randint(1, 400))
        return data[:end] + data[at:end] + data[end:], f"duplicated {at}:{end}"
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :], f"flipped a bit at {at}"
    if kind == "truncate":
        return data[:at], f"truncated at {at}"
    if kind == "swap-names":
        names = sorted({match.group(2) for match in _NAME.finditer(data)})
        if len(names) < 2:
            return data, "unchanged"
        one, other = rng.sample(names, 2)
        return data.replace(b"<" + one, b"<\0").replace(b"<" + other, b"<" + one).replace(
            b"<\0", b"<" + other
        ), f"swapped <{one.decode()}> and <{other.decode()}>"
    if kind == "number":
        numbers = list(re.finditer(rb"\d+", data))
        if not numbers:
            return data, "unchanged"
        match = rng.choice(numbers)
        value = rng.choice([b"0", b"-1", b"4294967296", b"1048577", b"16385", b"99999999999999999999", b"1e400"])
        return data[: match.start()] + value + data[match.end() :], f"number at {match.start()} -> {value.decode()}"
    end = min(len(data), at + rng.randint(1, 40))
    return data[:end] + data[at:end] * rng.randint(2, 200) + data[end:], f"repeated {at}:{end}"
