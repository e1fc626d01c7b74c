"""Where a user's vault lives: ``--vault``, else ``ECODESK_VAULT``, else the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path


def default_vault_path() -> Path:
    override = os.environ.get("ECODESK_VAULT")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("EcoDesk", appauthor=False)) / "vault"
