"""``ecodesk settings``: the same office settings as the GUI's Settings page, kept in the vault."""

from __future__ import annotations

import base64
import json
from pathlib import Path

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_show_and_set(cli_vault, tmp_path: Path) -> None:
    shown = json.loads(cli_vault("settings", "show", "--json").out)
    assert shown["office_code"] == "DKR" and shown["idle_lock_minutes"] == 5

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    result = cli_vault("settings", "set", "duty_station=Dakar", "idle_lock_minutes=12", "--logo", str(logo))
    assert result.code == 0, result.err
    shown = json.loads(cli_vault("settings", "show", "--json").out)
    assert shown["duty_station"] == "Dakar" and shown["idle_lock_minutes"] == 12
    assert base64.b64decode(shown["logo_png"]) == PNG
    assert "PNG image, 70 bytes" in cli_vault("settings", "show").out

    assert cli_vault("settings", "set", "--no-logo").code == 0
    assert json.loads(cli_vault("settings", "show", "--json").out)["logo_png"] is None


def test_bad_values_are_named_and_change_nothing(cli_vault, tmp_path: Path) -> None:
    result = cli_vault("settings", "set", "idle_lock_minutes=0")
    assert result.code == 2 and "idle_lock_minutes" in result.err
    result = cli_vault("settings", "set", "colour=blue")
    assert result.code == 2 and "Unknown setting colour" in result.err
    not_png = tmp_path / "logo.png"
    not_png.write_text("hello")
    assert cli_vault("settings", "set", "--logo", str(not_png)).code == 2
    assert json.loads(cli_vault("settings", "show", "--json").out)["idle_lock_minutes"] == 5
