"""A new office is told what to do first: empty states on Cases, Advice, Contacts and Packages, and Home's
first-run checklist that disappears when every step is done."""

from __future__ import annotations

from packages_support import make_case, new_vault

from ecodesk.i18n import set_language
from ecodesk.ui.exchange.contacts_view import ContactsView
from ecodesk.ui.exchange.packages_view import PackagesView
from ecodesk.ui.home_view import HomeView
from ecodesk.ui.records.advice_view import AdviceView
from ecodesk.ui.records.cases_view import CasesView


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_empty_cases_and_advice_say_what_to_do_first(qtbot, session, vault) -> None:
    cases = _shown(qtbot, CasesView(session))
    advice = _shown(qtbot, AdviceView(session))
    qtbot.waitUntil(lambda: cases.empty_state.isVisible() and advice.empty_state.isVisible())
    assert cases.empty_state.accessibleName().startswith("No cases yet: click New case (Ctrl+N)")
    assert "<i>New case</i>" in cases.empty_state.text()
    assert advice.empty_state.accessibleName().startswith("No advice requests yet: click New advice record")

    cases.search.setText("nothing like this")  # a search without results says so, not "no cases yet"
    qtbot.waitUntil(lambda: cases.empty_state.accessibleName().startswith("Nothing matches"))
    cases.search.clear()
    make_case(vault)
    session.records_changed.emit()
    qtbot.waitUntil(lambda: not cases.empty_state.isVisible())


def test_empty_states_follow_the_language(qtbot, session) -> None:
    cases = _shown(qtbot, CasesView(session))
    qtbot.waitUntil(cases.empty_state.isVisible)
    set_language("fr")
    cases.retranslate_ui()
    assert cases.empty_state.accessibleName().startswith("Aucun dossier pour l'instant")


def test_empty_contacts_and_packages_point_to_hq_first(qtbot, session, vault, tmp_path) -> None:
    contacts = _shown(qtbot, ContactsView(session))
    packages = _shown(qtbot, PackagesView(session))
    assert contacts.empty_state.isVisible()
    assert contacts.empty_state.accessibleName().startswith(
        "No contacts yet: add HQ's identity card with Add from card…"
    )
    assert packages.empty_state.accessibleName().startswith("No packages yet. First add HQ on the Contacts page")

    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    vault.contacts.add(hq.identity().public, name="HQ Geneva", role="hq")
    contacts.refresh()
    packages.refresh()
    assert not contacts.empty_state.isVisible()
    assert packages.empty_state.accessibleName().startswith("No packages yet: click Export…")


def _steps(home: HomeView) -> dict[str, bool]:
    return {step.key: step.done for step in home.checklist.steps}


def test_home_checklist_for_a_new_office_disappears_when_done(qtbot, session, vault, tmp_path) -> None:
    home = _shown(qtbot, HomeView(session))
    qtbot.waitUntil(lambda: bool(home.checklist.steps))
    assert home.checklist.isVisible()
    assert _steps(home) == {"settings": False, "contact": False, "verified": False, "case": False}
    assert home.checklist.title() == "Getting started: 0 of 4 steps done"
    pages = []
    home.checklist.go_to_page.connect(pages.append)
    home.checklist.buttons[1].click()
    assert pages == ["contacts"]

    vault.save_settings(vault.settings.model_copy(update={"officer_name": "Awa Diop", "duty_station": "Dakar"}))
    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    vault.contacts.add(hq.identity().public, name="HQ Geneva", role="hq")
    home.refresh()
    qtbot.waitUntil(lambda: _steps(home)["contact"])
    assert _steps(home) == {"settings": True, "contact": True, "verified": False, "case": False}
    assert home.checklist.isVisible() and not home.checklist.buttons[0].isEnabled()

    vault.contacts.trust("HQ Geneva", hq.identity().public.fingerprint)
    make_case(vault)
    home.refresh()
    qtbot.waitUntil(lambda: all(_steps(home).values()))
    assert not home.checklist.isVisible()
