"""EcoDesk: secure, offline case handling for ethics offices.

The package outside ``ecodesk.ui`` is the Qt-free core: models, storage, crypto and the services that the
command line and the desktop application both call.
"""

__version__ = "0.1.0"
