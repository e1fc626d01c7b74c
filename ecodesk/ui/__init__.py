"""The desktop application (PySide6). The only part of EcoDesk that imports Qt."""
