"""Maintenance of the translation catalogs (a developer tool; the test suite runs ``check``).

    python -m ecodesk.catalogs update   # add new messages (empty) to resources/locale/{fr,es}/<area>.po
    python -m ecodesk.catalogs check    # every message translated, placeholders intact; exit 1 otherwise

Messages are extracted from the source with Babel (``_``, ``N_``, ``gettext``, ``ngettext``). Each message
goes into the catalog of the area where it first appears: ``ecodesk/<area>/...`` → ``<area>.po``, modules
directly in ``ecodesk/`` → ``core.po``. The GUI follows the same rule one level down: ``ecodesk/ui/<area>/...``
→ ``ui-<area>.po``, modules directly in ``ecodesk/ui/`` → ``ui.po``.
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
        if area == "ui" and len(parts) > 2:
            area = f"ui-{parts[1]}"
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
    """Problems: untranslated, fuzzy, placeholders that differ from the English message, plural messages
    (ngettext) without the plural forms their catalog's Plural-Forms header asks for."""
    problems = []
    messages = extract()
    for lang in TARGET_LANGUAGES:
        translations: dict[str, object] = {}
        forms_wanted: dict[str, int] = {}  # message → plural forms its catalog's Plural-Forms header asks for
        for name, catalog in _load(lang).items():
            header = dict(catalog.mime_headers).get("Plural-Forms", "")
            if "nplurals=" not in header:
                problems.append(f"{lang}: {name}.po has no Plural-Forms header")
            for entry in catalog:
                if entry.id:
                    key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
                    translations[key] = None if entry.fuzzy else entry.string
                    forms_wanted[key] = catalog.num_plurals
        for msgid, message in sorted(messages.items()):
            where = "{}:{}".format(*message.locations[0])
            translated = translations.get(msgid)
            strings = list(translated) if isinstance(translated, tuple | list) else [translated]
            if not all(strings):
                problems.append(f"{lang}: untranslated {msgid!r} ({where})")
                continue
            if message.plural and not isinstance(translated, tuple | list):
                problems.append(f"{lang}: {msgid!r} is a plural message (ngettext) without plural forms ({where})")
            elif message.plural and len(strings) != forms_wanted[msgid]:
                wanted = forms_wanted[msgid]
                problems.append(f"{lang}: {msgid!r} has {len(strings)} plural forms, not {wanted} ({where})")
            elif not message.plural and isinstance(translated, tuple | list):
                problems.append(f"{lang}: {msgid!r} has plural forms but is not a plural message ({where})")
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
    """Add new messages to their area's catalog and move translated ones whose source moved to another area (with
    their translation); only catalogs that change are rewritten."""
    messages = extract()
    for lang in TARGET_LANGUAGES:
        catalogs = _load(lang)
        changed = _move_to_owner(catalogs, messages, lang)
        known = {m.id if isinstance(m.id, str) else m.id[0] for c in catalogs.values() for m in c if m.id}
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
            print(f"{lang}/{area}.po: updated")


def _move_to_owner(catalogs: dict[str, Catalog], messages: dict[str, Message], lang: str) -> set[str]:
    """Move each entry into the catalog of the area its message now comes from; the names of changed catalogs."""
    changed: set[str] = set()
    for name, catalog in list(catalogs.items()):
        for entry in list(catalog):
            key = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            message = messages.get(key) if key else None
            if message is None or message.area == name:
                continue
            target = catalogs.setdefault(message.area, Catalog(locale=lang, project="EcoDesk", fuzzy=False))
            if target.get(entry.id) is None:
                entry.locations = message.locations[:1]
                target[entry.id] = entry
            catalog.delete(entry.id)
            changed |= {name, message.area}
    return changed


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
