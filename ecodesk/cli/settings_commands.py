"""``ecodesk settings``: the office's settings kept in the vault (the same ones as the GUI's Settings page).

    ecodesk settings show [--json]
    ecodesk settings set officer_name="Awa Diop" duty_station=Dakar idle_lock_minutes=10 [--logo FILE | --no-logo]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.models import OfficeSettings
from ecodesk.records.intake import validate

ORDER = 15
SETTABLE = tuple(name for name in OfficeSettings.model_fields if name != "logo_png")


def register(subparsers: Subparsers) -> None:
    settings = subparsers.add_parser("settings", help=_("show or change the office's settings (kept in the vault)"))
    actions = settings.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    show = actions.add_parser("show", help=_("show the office's settings"))
    add_json_option(show)
    show.set_defaults(func=cmd_show)
    change = actions.add_parser("set", help=_("change settings, given as NAME=VALUE"))
    change.add_argument(
        "values",
        nargs="*",
        metavar="NAME=VALUE",
        help=_("settings to change; names: {names}", names=", ".join(SETTABLE)),
    )
    logo = change.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="FILE", help=_("the letterhead logo (a PNG image)"))
    logo.add_argument("--no-logo", action="store_true", help=_("remove the letterhead logo"))
    add_json_option(change)
    change.set_defaults(func=cmd_set)


def _rows(settings: OfficeSettings) -> list[list[str]]:
    rows = []
    for name, value in settings.model_dump().items():
        if name == "logo_png":
            shown = _("PNG image, {size} bytes", size=len(value)) if value else _("none")
        else:
            shown = str(value)
        rows.append([name, shown])
    return rows


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        settings = vault.settings
    if args.json:
        print_json(settings)
    else:
        print_table(_rows(settings), [_("Setting"), _("Value")])
    return 0


def _parse(values: list[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for item in values:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in SETTABLE:
            names = ", ".join(SETTABLE)
            raise InvalidInput(N_("Unknown setting {name}. Settings: {names}."), name=name[:40], names=names)
        changes[name] = value
    return changes


def cmd_set(args: argparse.Namespace) -> int:
    changes = _parse(args.values)
    if args.logo:
        data = read_input(args.logo)
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) > 1_000_000:
            raise InvalidInput(N_("The logo must be a PNG image smaller than 1 MB."))
        changes["logo_png"] = data
    elif args.no_logo:
        changes["logo_png"] = None
    if not changes:
        raise InvalidInput(N_("Give at least one setting to change, as NAME=VALUE."))
    with open_vault(args) as vault:
        current = vault.settings
        updated = validate(OfficeSettings, {**current.model_dump(), **changes})
        if updated != current:
            vault.save_settings(updated)
    if args.json:
        print_json(updated)
    else:
        sys.stdout.write(_("Settings saved.") + "\n")
    return 0
