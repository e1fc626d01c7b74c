"""Building blocks every screen uses: widgets, message boxes, file dialogs, background work, the clipboard."""
