"""EcoDesk: secure, offline case handling for ethics offices.

The package outside ``ecodesk.ui`` is the Qt-free core: models, storage, crypto and the services that the
command line and the desktop application both call.
"""

__version__ = "0.1.0"


def build_id() -> str | None:
    """The build identifier a bundle was made from (``ecodesk/_build.py``, written by packaging/ecodesk.spec);
    None in a source checkout."""
    import importlib

    try:
        return str(importlib.import_module("ecodesk._build").BUILD)
    except ImportError:
        return None
