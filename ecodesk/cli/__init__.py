"""The ``ecodesk`` command line. With no command it starts the desktop application.

Each module of this package that defines ``register(subparsers)`` adds its commands (``ORDER`` sorts them in
the help). Expected failures print ``error: ...`` (translated) on stderr and exit with the error's code; no
traceback is ever shown for them.

Everything written to stdout and stderr passes through ``VisibleOutput``: control characters (except tab and line
feed) and bidi controls that came from outside (a package sender, a record title, a file name) are printed as
visible escapes, never obeyed by the terminal. Binary output (``sys.stdout.buffer``) is not touched.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import NoReturn, TextIO

from ecodesk import __version__, build_id
from ecodesk.display import visible
from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGES, N_, _, normalize_language, set_language


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message}\n")
        sys.stderr.write(_("Run '{command} --help' for the usage.", command=self.prog) + "\n")
        raise SystemExit(2)


class _VersionAction(argparse.Action):
    """Prints the version line unwrapped (argparse's own action wraps it), computed only when asked."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(version_text() + "\n")
        parser.exit()


def _translate_argparse() -> None:
    """argparse's own words (usage, options, its error messages) through our catalogs."""
    from ecodesk.i18n import ngettext

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _command_modules() -> list[ModuleType]:
    modules = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            modules.append(module)
    modules.sort(key=lambda m: getattr(m, "ORDER", 100))
    return modules


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="ecodesk",
        description=_(
            "EcoDesk: secure, offline case handling for ethics offices. Without a command, "
            "the desktop application starts."
        ),
    )
    parser.add_argument("--version", action=_VersionAction, help=_("show the version and exit"))
    parser.add_argument(
        "--vault", metavar="DIR", help=_("the vault folder (default: $ECODESK_VAULT, else your user data folder)")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages: en, fr or es"))
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=_("read the passphrase from FILE (else $ECODESK_PASSPHRASE, else a prompt)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=ArgumentParser)
    for module in _command_modules():
        module.register(subparsers)
    return parser


def version_text() -> str:
    """Version, build, and the versions of SQLCipher, Qt and Python (Qt from package metadata: not loaded)."""
    import platform
    from importlib import metadata

    from ecodesk.storage.database import sqlcipher_version

    build = build_id() or "development"
    try:
        qt = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        qt = "-"
    return (f"ecodesk {__version__} (build {build}; SQLCipher {sqlcipher_version()}; Qt {qt}; "
            f"Python {platform.python_version()})")


def _peek_language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in ("--vault", "--passphrase-file")):
            break  # the command: a --lang after it is the command's own (``memo REF --lang fr``: the memo's)
    return os.environ.get("ECODESK_LANG", "en")


class VisibleOutput:
    """A text stream that writes control and bidi-control characters as visible escapes (see the module)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text, multiline=True))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:  # flush, buffer, isatty, fileno, encoding...
        return getattr(self.stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleOutput(stdout), VisibleOutput(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(normalize_language(_peek_language(argv)))
    _translate_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return start_gui(args)
        return int(args.func(args) or 0)
    except EcoDeskError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("error: " + _("Interrupted; nothing was changed by the unfinished step.") + "\n")
        return 130
    except BrokenPipeError:
        return 0


def start_gui(args: argparse.Namespace) -> int:
    try:
        from ecodesk.ui.app import run
    except ImportError as exc:
        if "PySide6" not in str(exc) and "Qt" not in str(exc):
            raise
        raise EcoDeskError(N_("The desktop application needs PySide6: pip install 'ecodesk[gui]'.")) from exc
    from pathlib import Path

    from ecodesk.paths import default_vault_path

    return int(run(vault_path=Path(args.vault) if args.vault else default_vault_path(), language=args.lang))
