"""Encrypted, signed case packages exchanged between offices and HQ (``.ecopkg``), identity cards (``.ecokey``),
acknowledgements and import conflicts. See docs/package-format.md."""
