"""The UI language, switched at run time, and the few preferences kept outside the vault.

``apply_language("fr")`` switches EcoDesk's own catalogs (``ecodesk.i18n``) and installs Qt's translations of
its stock texts (the ``qtbase_<lang>.qm`` files shipped with PySide6). Installing or removing a Qt translator
makes Qt send ``LanguageChange`` to every widget, which re-applies its texts in ``retranslate_ui()``.

Only the window geometry and the UI language live in ``QSettings`` (a plain file): everything an officer
configures for the office is stored inside the encrypted vault.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

from ecodesk.i18n import LANGUAGES, get_language, normalize_language, set_language

LANGUAGE_KEY = "ui/language"
GEOMETRY_KEY = "window/geometry"
WINDOW_STATE_KEY = "window/state"
ALLOWED_KEYS = (LANGUAGE_KEY, GEOMETRY_KEY, WINDOW_STATE_KEY)

_qt_translator: QTranslator | None = None


def ui_settings() -> QSettings:
    """The per-user preferences file (INI format on every platform, so tests can redirect it with setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "EcoDesk", "EcoDesk")


def remembered_language() -> str | None:
    value = ui_settings().value(LANGUAGE_KEY)
    return str(value) if value in LANGUAGES else None


def initial_language(requested: str | None = None) -> str:
    """``--lang`` when given, else the language chosen last time, else the system's (English if unsupported)."""
    if requested:
        return normalize_language(requested)
    return remembered_language() or normalize_language(QLocale.system().name())


def apply_language(lang: str, *, remember: bool = True) -> str:
    """Switch every visible text to ``lang`` now; returns the language applied (one of LANGUAGES)."""
    global _qt_translator
    lang = normalize_language(lang)
    set_language(lang)
    QLocale.setDefault(QLocale(lang))
    app = QCoreApplication.instance()
    if app is not None:
        changed = False
        if _qt_translator is not None:
            QCoreApplication.removeTranslator(_qt_translator)
            _qt_translator = None
            changed = True
        if lang != "en":
            translator = QTranslator()
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{lang}", folder) and QCoreApplication.installTranslator(translator):
                _qt_translator = translator
                changed = True
        if not changed:
            # No Qt translator moved (e.g. English to English, or a missing .qm file): still tell the widgets.
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    if remember:
        ui_settings().setValue(LANGUAGE_KEY, lang)
    return lang


def current_language() -> str:
    return get_language()
