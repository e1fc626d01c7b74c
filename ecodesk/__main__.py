"""``python -m ecodesk`` behaves exactly like the ``ecodesk`` command."""

import sys

from ecodesk.cli import main

sys.exit(main())
