"""Settings: the office's settings, stored inside the vault (never in QSettings), plus passphrase and backup.

Saving writes ``OfficeSettings`` with ``vault.save_settings()`` (one transaction, audited) and emits
``session.settings_changed`` so the window title, the Home page and the idle timer follow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, ngettext
from ecodesk.models import Language, OfficeSettings
from ecodesk.ui.kit.dialogs import ask_folder, ask_open_path, ask_save_path, show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session, follow_session
from ecodesk.ui.kit.widgets import MessageLine, heading_label
from ecodesk.ui.org.view import OrganizationBox
from ecodesk.ui.vault.change_passphrase import ChangePassphraseDialog

MAX_LOGO_BYTES = 1_000_000
LETTERHEAD_MAX = 500


class SettingsView(Retranslating, QWidget):
    status_message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stored: OfficeSettings | None = None
        self._logo: bytes | None = None
        self.heading = heading_label(parent=self)

        self.officer_name = QLineEdit()
        self.officer_title = QLineEdit()
        self.officer_title_fr = QLineEdit()  # each memo language keeps its own title
        self.officer_title_es = QLineEdit()
        self.office_code = QLineEdit()
        self.office_code.setMaxLength(5)
        self.office_code.textEdited.connect(lambda text: self.office_code.setText(text.upper()))
        self.duty_station = QLineEdit()
        self.organization = QLineEdit()
        self.organization_fr = QLineEdit()  # like the titles: one name per memo and report language
        self.organization_es = QLineEdit()
        self.letterhead = QPlainTextEdit()
        self.letterhead.setTabChangesFocus(True)
        self.letterhead.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(self.fontMetrics().height() * 3)
        self.logo_choose = QPushButton()
        self.logo_remove = QPushButton()
        self.logo_choose.clicked.connect(self._choose_logo)
        self.logo_remove.clicked.connect(self._remove_logo)
        self.memo_language = QComboBox()
        for lang in LANGUAGES:
            self.memo_language.addItem(LANGUAGE_NAMES[lang], lang)
        self.idle_minutes = _spin(1, 240)
        self.assessment_days = _spin(1, 365)
        self.filing_months = _spin(1, 60)
        self.due_soon_days = _spin(1, 60)

        self.officer_box, officer_form = _group()
        self.labels: dict[str, QLabel] = {}
        self._row(officer_form, "officer_name", self.officer_name)
        self._row(officer_form, "officer_title", self.officer_title)
        self._row(officer_form, "officer_title_fr", self.officer_title_fr)
        self._row(officer_form, "officer_title_es", self.officer_title_es)
        self.office_box, office_form = _group()
        self._row(office_form, "office_code", self.office_code)
        self._row(office_form, "duty_station", self.duty_station)
        self._row(office_form, "organization", self.organization)
        self._row(office_form, "organization_fr", self.organization_fr)
        self._row(office_form, "organization_es", self.organization_es)
        self.memo_box, memo_form = _group()
        self._row(memo_form, "letterhead", self.letterhead)
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview, 1)
        logo_layout.addWidget(self.logo_choose)
        logo_layout.addWidget(self.logo_remove)
        self._row(memo_form, "logo", logo_row)
        self._row(memo_form, "memo_language", self.memo_language)
        self.rules_box, rules_form = _group()
        self._row(rules_form, "assessment_days", self.assessment_days)
        self._row(rules_form, "filing_months", self.filing_months)
        self._row(rules_form, "due_soon_days", self.due_soon_days)
        self.security_box, security_form = _group()
        self._row(security_form, "idle_minutes", self.idle_minutes)
        self.change_passphrase_button = QPushButton()
        self.backup_button = QPushButton()
        self.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.backup_button.clicked.connect(self.back_up)
        self.folder_backup_button = QPushButton()
        self.folder_backup_button.clicked.connect(self.back_up_to_folder)
        vault_buttons = QHBoxLayout()
        vault_buttons.addWidget(self.change_passphrase_button)
        vault_buttons.addWidget(self.backup_button)
        vault_buttons.addWidget(self.folder_backup_button)
        vault_buttons.addStretch(1)
        security_form.addRow(vault_buttons)
        self.org_box = OrganizationBox(session)

        self.message = MessageLine()
        self.save_button = QPushButton()
        self.revert_button = QPushButton()
        self.save_button.clicked.connect(self.save_current)
        self.revert_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        content = QWidget()
        content.setMaximumWidth(self.fontMetrics().averageCharWidth() * 120)  # long lines are hard to scan
        column = QVBoxLayout(content)
        for box in (self.officer_box, self.office_box, self.memo_box, self.rules_box, self.security_box, self.org_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        for field in (self.officer_name, self.officer_title, self.officer_title_fr, self.officer_title_es,
                      self.office_code, self.duty_station, self.organization, self.organization_fr,
                      self.organization_es):  # fmt: skip
            field.textChanged.connect(self._update_buttons)
        self.letterhead.textChanged.connect(self._update_buttons)
        self.memo_language.currentIndexChanged.connect(self._update_buttons)
        for spin in (self.idle_minutes, self.assessment_days, self.filing_months, self.due_soon_days):
            spin.valueChanged.connect(self._update_buttons)

        follow_session(session, self.load, self.clear, self.retranslate_ui)

    def _row(self, form: QFormLayout, key: str, field: QWidget) -> None:
        label = QLabel()
        label.setBuddy(field)
        self.labels[key] = label
        form.addRow(label, field)

    # -- the page contract ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the settings stored in the vault (discarding edits)."""
        if not self.session.is_unlocked:
            return
        stored = self.session.vault.settings
        self._stored = stored
        self.officer_name.setText(stored.officer_name)
        self.officer_title.setText(stored.officer_title)
        self.officer_title_fr.setText(stored.officer_title_fr)
        self.officer_title_es.setText(stored.officer_title_es)
        self.office_code.setText(stored.office_code)
        self.duty_station.setText(stored.duty_station)
        self.organization.setText(stored.organization_name)
        self.organization_fr.setText(stored.organization_name_fr)
        self.organization_es.setText(stored.organization_name_es)
        self.letterhead.setPlainText(stored.letterhead)
        self._set_logo(stored.logo_png)
        self.memo_language.setCurrentIndex(max(0, self.memo_language.findData(str(stored.memo_language))))
        self.idle_minutes.setValue(stored.idle_lock_minutes)
        self.assessment_days.setValue(stored.assessment_days)
        self.filing_months.setValue(stored.filing_limit_months)
        self.due_soon_days.setValue(stored.due_soon_days)
        self.message.clear_message()
        self.setEnabled(True)
        self._update_buttons()

    def clear(self) -> None:
        self._stored = None
        for field in (self.officer_name, self.officer_title, self.officer_title_fr, self.officer_title_es,
                      self.office_code, self.duty_station, self.organization, self.organization_fr,
                      self.organization_es):  # fmt: skip
            field.clear()
        self.letterhead.clear()
        self._set_logo(None)
        self.message.clear_message()
        self.setEnabled(False)

    def edited(self) -> OfficeSettings:
        """The settings as shown in the form; ValidationError when a value is not acceptable."""
        base = self._stored or OfficeSettings()
        return OfficeSettings.model_validate(
            {
                **base.model_dump(),
                "officer_name": self.officer_name.text(),
                "officer_title": self.officer_title.text(),
                "officer_title_fr": self.officer_title_fr.text(),
                "officer_title_es": self.officer_title_es.text(),
                "office_code": self.office_code.text().strip().upper(),
                "duty_station": self.duty_station.text(),
                "organization_name": self.organization.text(),
                "organization_name_fr": self.organization_fr.text(),
                "organization_name_es": self.organization_es.text(),
                "letterhead": self.letterhead.toPlainText(),
                "logo_png": self._logo,
                "memo_language": Language(self.memo_language.currentData()),
                "idle_lock_minutes": self.idle_minutes.value(),
                "assessment_days": self.assessment_days.value(),
                "filing_limit_months": self.filing_months.value(),
                "due_soon_days": self.due_soon_days.value(),
            }
        )

    def has_unsaved_changes(self) -> bool:
        if self._stored is None:
            return False
        try:
            return self.edited() != self._stored
        except ValidationError:
            return True

    def save_current(self) -> bool:
        """Validate and store the settings in the vault; False (with a message) when they cannot be saved."""
        if not self.session.is_unlocked:
            return False
        try:
            settings = self.edited()
        except ValidationError as exc:
            self.message.show_error(self._validation_text(exc))
            return False
        if settings == self._stored:
            return True
        try:
            self.session.vault.save_settings(settings)
        except EcoDeskError as exc:
            self.message.show_error(str(exc))
            return False
        self._stored = settings
        self._update_buttons()
        self.message.show_info(_("Settings saved."))
        self.status_message.emit(_("Settings saved."))
        self.session.settings_changed.emit()
        return True

    def stash_drafts(self) -> None:
        """Settings edits are small; they are not kept across a lock (the form is reloaded)."""

    def _validation_text(self, exc: ValidationError) -> str:
        fields = {str(error["loc"][0]) for error in exc.errors() if error.get("loc")}
        if "office_code" in fields:
            self.office_code.setFocus()
            return _("The office code is 2 to 5 capital letters, for example DKR.")
        if "letterhead" in fields:
            return _("The letterhead text is too long (at most {n} characters).", n=LETTERHEAD_MAX)
        return _("Some settings are not valid. Check the highlighted values.")

    def _update_buttons(self) -> None:
        changed = self.has_unsaved_changes()
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    # -- logo ----------------------------------------------------------------------------------------------
    def _choose_logo(self) -> None:
        path = ask_open_path(self, _("Choose the letterhead logo"), str(Path.home()), _("PNG images (*.png)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError:
            show_error(self, _("The file could not be read."))
            return
        image = QImage()
        if len(data) > MAX_LOGO_BYTES or not image.loadFromData(QByteArray(data), "PNG"):
            show_error(self, _("Choose a PNG image smaller than 1 MB."))
            return
        self._set_logo(data)
        self._update_buttons()

    def _remove_logo(self) -> None:
        self._set_logo(None)
        self._update_buttons()

    def _set_logo(self, data: bytes | None) -> None:
        self._logo = data
        self.logo_remove.setEnabled(data is not None)
        if data is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(QByteArray(data), "PNG")
        height = self.fontMetrics().height() * 3
        self.logo_preview.setPixmap(pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))

    # -- passphrase and backup ---------------------------------------------------------------------------------
    def change_passphrase(self) -> None:
        if not self.session.is_unlocked:
            return
        if ChangePassphraseDialog(self.session, self).exec() == QDialog.DialogCode.Accepted:
            self.message.show_info(_("The passphrase was changed."))
            self.status_message.emit(_("The passphrase was changed."))

    def back_up(self) -> None:
        if not self.session.is_unlocked:
            return
        from ecodesk.ui.kit.tasks import run_task

        vault = self.session.vault
        suggested = Path.home() / f"ecodesk-{vault.settings.office_code}-{dt.date.today():%Y%m%d}.ecobackup"
        path = ask_save_path(self, _("Back up the vault"), str(suggested), _("EcoDesk backups (*.ecobackup)"))
        if not path:
            return
        if not path.endswith(".ecobackup"):
            path += ".ecobackup"
        try:
            run_task(self, _("Backing up the vault…"), vault.backup, Path(path))
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        except OSError:
            show_error(self, _("The backup could not be written there. Choose another folder."))
            return
        self.message.show_info(
            _(
                "The backup was written to {path}. It is encrypted: today's passphrase or the recovery key opens it.",
                path=path,
            )
        )
        self.status_message.emit(_("Backup written."))

    def back_up_to_folder(self) -> None:
        """Bring a backup folder (e.g. on an external drive) up to date: database plus new evidence files."""
        if not self.session.is_unlocked:
            return
        from ecodesk.ui.kit.tasks import run_task

        vault = self.session.vault
        path = ask_folder(self, _("Choose the backup folder"), str(Path.home()))
        if not path:
            return
        try:
            done = run_task(self, _("Backing up the vault…"), vault.backup_to_folder, Path(path))
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        except OSError:
            show_error(self, _("The backup could not be written there. Choose another folder."))
            return
        if done is None:
            return
        self.message.show_info(
            ngettext(
                "Backup folder {path} brought up to date: {copied} new evidence file copied, {kept} already there.",
                "Backup folder {path} brought up to date: {copied} new evidence files copied, {kept} already there.",
                done.evidence_copied, path=path, copied=done.evidence_copied, kept=done.evidence_already_there,
            )
        )
        self.status_message.emit(_("Backup written."))

    # -- language ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Settings"))
        self.officer_box.setTitle(_("Officer"))
        self.office_box.setTitle(_("Office"))
        self.memo_box.setTitle(_("Memos"))
        self.rules_box.setTitle(_("Deadlines"))
        self.security_box.setTitle(_("Security"))
        texts = {
            "officer_name": (_("Officer &name:"), _("Officer name")),
            "officer_title": (_("Officer &title (English memos):"), _("Officer title in English memos")),
            "officer_title_fr": (_("Title in &French memos:"), _("Officer title in French memos")),
            "officer_title_es": (_("Title in &Spanish memos:"), _("Officer title in Spanish memos")),
            "office_code": (_("Office &code:"), _("Office code")),
            "duty_station": (_("&Duty station:"), _("Duty station")),
            "organization": (_("O&rganization (English):"), _("Organization name in English memos and reports")),
            "organization_fr": (_("Organization in French:"), _("Organization name in French memos and reports")),
            "organization_es": (_("Organization in Spanish:"), _("Organization name in Spanish memos and reports")),
            "letterhead": (_("&Letterhead text:"), _("Letterhead text")),
            "logo": (_("Logo:"), _("Letterhead logo")),
            "memo_language": (_("Default memo &language:"), _("Default memo language")),
            "assessment_days": (_("Preliminary &assessment due within:"), _("Assessment due within, in days")),
            "filing_months": (_("Complaints &filed within:"), _("Filing limit, in months")),
            "due_soon_days": (_("Show as due &soon within:"), _("Due soon window, in days")),
            "idle_minutes": (_("Lock after &idle time:"), _("Lock after idle time, in minutes")),
        }
        fields: dict[str, QWidget] = {
            "officer_name": self.officer_name, "officer_title": self.officer_title,
            "officer_title_fr": self.officer_title_fr, "officer_title_es": self.officer_title_es,
            "office_code": self.office_code,
            "duty_station": self.duty_station, "organization": self.organization, "letterhead": self.letterhead,
            "organization_fr": self.organization_fr, "organization_es": self.organization_es,
            "logo": self.logo_preview, "memo_language": self.memo_language, "assessment_days": self.assessment_days,
            "filing_months": self.filing_months, "due_soon_days": self.due_soon_days, "idle_minutes": self.idle_minutes,
        }  # fmt: skip
        for key, (label, accessible) in texts.items():
            self.labels[key].setText(label)
            fields[key].setAccessibleName(accessible)
        self.office_code.setToolTip(_("2 to 5 capital letters; used in new references such as RET-2026-DKR-0001"))
        days, months, minutes = _(" days"), _(" months"), _(" minutes")
        self.assessment_days.setSuffix(days)
        self.due_soon_days.setSuffix(days)
        self.filing_months.setSuffix(months)
        self.idle_minutes.setSuffix(minutes)
        self.logo_choose.setText(_("C&hoose…"))
        self.logo_choose.setAccessibleName(_("Choose a logo"))
        self.logo_remove.setText(_("Remo&ve"))
        self.logo_remove.setAccessibleName(_("Remove the logo"))
        if self._logo is None:
            self.logo_preview.setText(_("No logo"))
        self.change_passphrase_button.setText(_("Change &passphrase…"))
        self.change_passphrase_button.setAccessibleName(_("Change passphrase"))
        self.backup_button.setText(_("&Back up vault…"))
        self.backup_button.setAccessibleName(_("Back up vault"))
        self.folder_backup_button.setText(_("Back up to a &folder…"))
        self.folder_backup_button.setAccessibleName(_("Back up to a folder"))
        self.folder_backup_button.setToolTip(
            _("Keeps a backup folder up to date: each time, only the new evidence files are copied.")
        )
        self.save_button.setText(_("&Save settings"))
        self.save_button.setAccessibleName(_("Save settings"))
        self.revert_button.setText(_("Re&vert"))
        self.revert_button.setAccessibleName(_("Revert the changes"))


def _spin(low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    return spin


def _group() -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox()
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return box, form
