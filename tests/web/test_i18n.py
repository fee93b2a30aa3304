"""Vietnamese by default, English on request, and an English catalogue that is complete
and compiled from its current source."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

import kehoach.web
from conftest import client_for

LOCALE = Path(kehoach.web.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"


def _po_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr, msgstr[n], flags."""
    entries: list[dict[str, str]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line[2:]
            elif line.startswith("#"):
                continue
            elif match := re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr) (\".*\")$", line
            ):
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _po_catalog(entries: list[dict[str, str]]) -> dict[object, str]:
    """What msgfmt puts in the .mo: every translated, non-fuzzy entry (and the header)."""
    catalog: dict[object, str] = {}
    for entry in entries:
        if "fuzzy" in entry["flags"]:
            continue
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            forms = sorted(k for k in entry if k.startswith("msgstr["))
            if all(entry[k] for k in forms):
                for k in forms:
                    catalog[(msgid, int(k[7:-1]))] = entry[k]
        elif entry["msgstr"]:
            catalog[msgid] = entry["msgstr"]
    return catalog


def test_pages_are_vietnamese_by_default(cast):
    html = client_for(cast.lan).get(reverse("kehoach:unit-list")).content.decode()
    assert '<html lang="vi">' in html
    assert ">Kế hoạch</a>" in html and ">Đơn vị</a>" in html and "Đăng xuất" in html


def test_the_language_switch_turns_the_menus_english_and_back(cast):
    client = client_for(cast.lan)
    units = reverse("kehoach:unit-list")
    switched = client.post(reverse("set_language"), {"language": "en", "next": units})
    assert switched.status_code == 302 and switched["Location"] == units

    html = client.get(units).content.decode()
    assert '<html lang="en">' in html
    for label in (">Plans</a>", ">Upload</a>", ">Units</a>", ">Log</a>", "Log out"):
        assert label in html
    assert "Administrator (department)" in html
    assert "Đăng xuất" not in html

    client.post(reverse("set_language"), {"language": "vi", "next": units})
    assert "Đăng xuất" in client.get(units).content.decode()


def test_the_login_page_switches_language_before_signing_in(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("kehoach:login")).content.decode()
    assert "User name" in html and "Password" in html and "Log in" in html


def test_every_message_of_the_english_catalogue_is_translated():
    entries = _po_entries(LOCALE / "django.po")
    assert len(entries) > 100
    untranslated = [
        e["msgid"]
        for e in entries[1:]
        if "fuzzy" in e["flags"] or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert untranslated == []
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in entries[0]["msgstr"]


def test_the_compiled_catalogue_matches_its_source():
    """django.mo holds exactly what django.po says: run msgfmt after editing the .po."""
    expected = _po_catalog(_po_entries(LOCALE / "django.po"))
    with (LOCALE / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    catalog = dict(compiled._catalog)  # type: ignore[attr-defined]
    # msgfmt rewrites the header (it drops the POT date); the messages must match exactly.
    header, _ = catalog.pop(""), expected.pop("")
    assert "nplurals=2" in header
    assert catalog == expected
