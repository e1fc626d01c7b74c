"""Office settings, stored inside the vault (never in plaintext settings files)."""

from __future__ import annotations

from pydantic import Field

from ecodesk.models.common import Base64Data, Language, ShortLines, ShortText, StrictModel


class OfficeSettings(StrictModel):
    officer_name: ShortText = ""
    officer_title: ShortText = "Regional Ethics and Integrity Officer"  # the title in English memos
    officer_title_fr: ShortText = "Responsable de la déontologie et de l'intégrité, bureau régional"
    officer_title_es: ShortText = "Responsable Regional de Ética e Integridad"
    office_code: ShortText = Field(default="HQ", pattern=r"^[A-Z]{2,5}$")
    duty_station: ShortText = ""
    organization_name: ShortText = "Ethics Office"  # in English memos and reports
    organization_name_fr: ShortText = "Bureau de la déontologie"
    organization_name_es: ShortText = "Oficina de Ética"
    letterhead: ShortLines = ""
    logo_png: Base64Data | None = None
    memo_language: Language = Language.en
    idle_lock_minutes: int = Field(default=5, ge=1, le=240)
    assessment_days: int = Field(default=30, ge=1, le=365)
    filing_limit_months: int = Field(default=6, ge=1, le=60)
    due_soon_days: int = Field(default=7, ge=1, le=60)

    def title_in(self, language: str) -> str:
        """The officer's title as printed in a memo in ``language`` (each language keeps its own)."""
        by_language = {"fr": self.officer_title_fr, "es": self.officer_title_es}
        return by_language.get(language) or self.officer_title

    def organization_in(self, language: str) -> str:
        """The organization's name as printed in a memo or report in ``language`` (each language keeps its own)."""
        by_language = {"fr": self.organization_name_fr, "es": self.organization_name_es}
        return by_language.get(language) or self.organization_name
