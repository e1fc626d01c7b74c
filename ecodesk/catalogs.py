"""Maintenance of the translation catalogs (a developer tool; the test suite runs ``check``).

    python -m ecodesk.catalogs update   # add new messages (empty) to resources/locale/{fr,es}/<area>.po
    python -m ecodesk.catalogs check    # every message translated, placeholders intact; exit 1 otherwise

Messages are extracted from the source with Babel (``_``, ``N_``, ``gettext``, ``ngettext``). Each message
goes into the catalog of the area where it first appears: ``ecodesk/<area>/...`` → ``<area>.po``, modules
directly in ``ecodesk/`` → ``core.po``; GUI modules are grouped by owner (``UI_AREAS``).
"""

from __future__ import annotations

import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ecodesk.resources import resource_path

SOURCE_ROOT = Path(__file__).resolve().parent
TARGET_LANGUAGES = ("fr", "es")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
# GUI modules are split between owners: each group keeps its own catalog. Everything else: first folder.
UI_AREAS = {
    "packages_view": "ui-packages", "contacts_view": "ui-packages", "package_dialogs": "ui-packages",
    "memo_dialog": "ui-memo", "wizard": "ui-wizard", "reports_view": "ui-reports",
    "report_charts": "ui-reports", "report_period": "ui-reports",
    "cases_view": "ui-records", "advice_view": "ui-records", "record_model": "ui-records",
    "case_editor": "ui-records", "advice_editor": "ui-records", "editors": "ui-records",
    "record_editor": "ui-records", "record_sections": "ui-records", "record_history": "ui-records",
    "records_page": "ui-records", "evidence_panel": "ui-records",
    "org_view": "ui-org",
}
_PERCENT = re.compile(r"%\((\w+)\)[sdr]|%[sdr]")


@dataclass
class Message:
    msgid: str
    plural: str | None
    area: str
    locations: list[tuple[str, int]] = field(default_factory=list)


def extract() -> dict[str, Message]:
    found: dict[str, Message] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE_ROOT), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        if isinstance(message, tuple):
            msgid, plural = message[0], message[1]
        else:
            msgid, plural = message, None
        if not msgid:
            continue
        parts = Path(filename).parts
        area = parts[0] if len(parts) > 1 else "core"
        if area == "ui" and len(parts) > 1:
            area = UI_AREAS.get(Path(parts[1]).stem, "ui")
        entry = found.setdefault(msgid, Message(msgid, plural, area))
        entry.locations.append((f"ecodesk/{filename}", lineno))
    return found


def placeholders(text: str) -> set[str]:
    names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    return names | set(_PERCENT.findall(text))


def _load(lang: str) -> dict[str, Catalog]:
    catalogs = {}
    for path in sorted(resource_path("locale", lang).glob("*.po")):
        with path.open("rb") as fh:
            catalogs[path.stem] = read_po(fh, locale=lang)
    return catalogs


def check() -> list[str]:
    """Problems: untranslated, fuzzy, or with placeholders that differ from the English message."""
    problems = []
    messages = extract()
    for lang in TARGET_LANGUAGES:
        translations: dict[str, object] = {}
        for catalog in _load(lang).values():
            for entry in catalog:
                if entry.id:
                    key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
                    translations[key] = None if entry.fuzzy else entry.string
        for msgid, message in sorted(messages.items()):
            where = "{}:{}".format(*message.locations[0])
            translated = translations.get(msgid)
            strings = list(translated) if isinstance(translated, tuple | list) else [translated]
            if not all(strings):
                problems.append(f"{lang}: untranslated {msgid!r} ({where})")
                continue
            expected = placeholders(msgid) | (placeholders(message.plural) if message.plural else set())
            for text in strings:
                got = placeholders(str(text))
                if not got <= expected or (message.plural is None and got != expected):
                    problems.append(f"{lang}: placeholders {sorted(got)} != {sorted(expected)} in {msgid!r} ({where})")
                if "{" in str(text):
                    try:
                        str(text).format(**{name: "x" for name in expected})
                    except (KeyError, ValueError, IndexError):
                        problems.append(f"{lang}: broken format string in translation of {msgid!r} ({where})")
    return problems


def update() -> None:
    """Add new messages to their area's catalog; only catalogs that gain messages are rewritten."""
    messages = extract()
    for lang in TARGET_LANGUAGES:
        catalogs = _load(lang)
        known = {m.id if isinstance(m.id, str) else m.id[0] for c in catalogs.values() for m in c if m.id}
        changed: set[str] = set()
        for msgid, message in messages.items():
            if msgid in known:
                continue
            catalog = catalogs.setdefault(message.area, Catalog(locale=lang, project="EcoDesk", fuzzy=False))
            key: str | tuple[str, str] = (msgid, message.plural) if message.plural else msgid
            catalog.add(key, string=("", "") if message.plural else "", locations=message.locations[:1])
            changed.add(message.area)
        directory = resource_path("locale", lang)
        directory.mkdir(parents=True, exist_ok=True)
        for area in sorted(changed):
            catalog = catalogs[area]
            catalog.fuzzy = False
            with (directory / f"{area}.po").open("wb") as fh:
                write_po(fh, catalog, width=120, omit_header=False, sort_output=False, include_previous=False)
            print(f"{lang}/{area}.po: new messages to translate")


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        problems = check()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
