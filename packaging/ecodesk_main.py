"""Entry point of the bundled program: the same `ecodesk` command (no command starts the GUI)."""

import multiprocessing
import sys

from ecodesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
