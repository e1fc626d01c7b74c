"""F1 opens the help on the topic of the page shown, in the current language, from the shipped resources."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from app_support import isolated_settings, open_window, stand_in_pages  # noqa: F401  (fixtures)
from PySide6.QtCore import QUrl

from ecodesk.resources import resource_path
from ecodesk.ui.kit.help_browser import TOPIC_NAMES, HelpDialog, topic_html
from ecodesk.ui.main_window import PAGES, MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings", "stand_in_pages")

HEADINGS = {
    "en": {"cases": "Cases and advice", "packages": "Packages and HQ", "reports": "Reports",
           "overview": "Getting started",
           "settings": "Settings and security", "programme": "Ethics programme: YDI and training"},
    "fr": {"cases": "Dossiers et avis", "packages": "Paquets et siège", "reports": "Rapports",
           "overview": "Premiers pas",
           "settings": "Paramètres et sécurité", "programme": "Programme de déontologie : DAI et formation"},
    "es": {"cases": "Casos y asesoramiento", "packages": "Paquetes y sede", "reports": "Informes",
           "overview": "Primeros pasos", "settings": "Configuración y seguridad",
           "programme": "Programa de ética: DAI y formación"},
}  # fmt: skip
PAGE_TOPIC = {"home": "overview", "cases": "cases", "advice": "cases", "packages": "packages", "reports": "reports",
              "contacts": "packages", "settings": "settings", "programme": "programme"}  # fmt: skip


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    yield from open_window(qtbot, created.vault)


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_f1_opens_the_topic_of_the_page_shown_in_the_current_language(qtbot, window: MainWindow, lang: str) -> None:
    if lang != "en":
        window.language_actions[lang].trigger()
        qtbot.waitUntil(lambda: window.language_actions[lang].isChecked())
    for spec in PAGES:
        window.show_page(spec.key)
        window.help_action.trigger()
        dialog = window.help_dialog
        assert dialog.isVisible() and dialog.topic == PAGE_TOPIC[spec.key], spec.key
        assert dialog.browser.toPlainText().startswith(HEADINGS[lang][PAGE_TOPIC[spec.key]]), spec.key
        dialog.close()


def test_links_between_topics_stay_in_the_help(qtbot) -> None:
    dialog = HelpDialog("overview")
    qtbot.addWidget(dialog)
    dialog._follow(QUrl("wizard.html"))
    assert dialog.topic == "wizard" and dialog.contents.currentRow() == TOPIC_NAMES.index("wizard")
    assert "Finish" in dialog.browser.toPlainText()


def test_f1_in_the_memo_and_wizard_dialogs_opens_their_topic(qtbot, session, vault) -> None:
    from packages_support import make_case
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence, QShortcut

    from ecodesk.ui.memo.dialog import MemoDialog
    from ecodesk.ui.wizard.wizard import AssessmentWizard

    case = make_case(vault)
    for dialog, topic in ((MemoDialog(session, case.reference or ""), "memos"),
                          (AssessmentWizard(session, case.reference), "wizard")):  # fmt: skip
        qtbot.addWidget(dialog)
        dialog.show()
        shortcuts = [s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence(Qt.Key.Key_F1)]
        assert len(shortcuts) == 1 and shortcuts[0].context() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcuts[0].activated.emit()  # what F1 does while the dialog has the focus (no window focus offscreen)
        assert dialog.help_dialog.topic == topic
        dialog.help_dialog.close()
        dialog.reject()


def test_every_topic_exists_in_every_language_translated_and_its_links_resolve() -> None:
    for topic in TOPIC_NAMES:
        english = topic_html(topic, "en")
        for lang in ("fr", "es"):
            assert resource_path("help", lang, f"{topic}.html").is_file(), (lang, topic)
            page = topic_html(topic, lang)
            assert page != english
            assert len(re.findall(r"<p>|<li>", page)) == len(re.findall(r"<p>|<li>", english)), (lang, topic)
        for lang in ("en", "fr", "es"):
            for link in re.findall(r'href="([^"]+)"', topic_html(topic, lang)):
                assert link.removesuffix(".html") in TOPIC_NAMES, (lang, topic, link)
    assert {"wizard", "memos", "packages", "reports"} <= set(TOPIC_NAMES)
