"""The memo as a reader sees it: headings in the memo's language, names intact, marking, pages, metadata."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from memo_support import NAMES, normalized, pdf_text, tool
from pyhanko.pdf_utils.reader import PdfFileReader

from ecodesk.memo.render import render_memo
from ecodesk.memo.specimen import specimen_case, specimen_settings
from ecodesk.models import Determination, PrimaFacieAssessment

HEADINGS = {
    "en": [
        "INTEROFFICE MEMORANDUM",
        "1. BACKGROUND",
        "2. PROTECTED ACTIVITY",
        "3. DETRIMENTAL ACTION",
        "4. ANALYSIS OF THE PRIMA FACIE ELEMENTS",
        "4.3 Contributing factor",
        "5. CONCLUSION",
        "6. RECOMMENDATIONS",
        "ANNEX: LIST OF EVIDENCE",
        "Subject:",
    ],
    "fr": [
        "MÉMORANDUM INTÉRIEUR",
        "1. RAPPEL DES FAITS",
        "2. ACTIVITÉ PROTÉGÉE",
        "3. MESURE PRÉJUDICIABLE",
        "4. ANALYSE DES ÉLÉMENTS CONSTITUTIFS D'UNE PRÉSOMPTION DE REPRÉSAILLES",
        "5. CONCLUSION",
        "6. RECOMMANDATIONS",
        "ANNEXE : LISTE DES ÉLÉMENTS DE PREUVE",
        "Objet :",
    ],
    "es": [
        "MEMORANDO INTERNO",
        "1. ANTECEDENTES",
        "2. ACTIVIDAD PROTEGIDA",
        "3. MEDIDA PERJUDICIAL",
        "4. ANÁLISIS DE LOS ELEMENTOS DE UN CASO PRIMA FACIE DE REPRESALIAS",
        "5. CONCLUSIÓN",
        "6. RECOMENDACIONES",
        "ANEXO: RELACIÓN DE PRUEBAS",
        "Asunto:",
    ],
}
MARKS = {
    "en": ("STRICTLY CONFIDENTIAL", "DRAFT", "Page {page} of {pages}", "I recommend that the matter be referred"),
    "fr": (
        "STRICTEMENT CONFIDENTIEL",
        "PROJET",
        "Page {page} sur {pages}",
        "Je recommande que l'affaire soit renvoyée",
    ),
    "es": ("ESTRICTAMENTE CONFIDENCIAL", "BORRADOR", "Página {page} de {pages}", "Recomiendo que el asunto se remita"),
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_long_memo_has_its_headings_and_names_in_each_language(language: str, tmp_path: Path) -> None:
    memo = render_memo(
        specimen_case(paragraph_repeats=12), specimen_settings(language), language=language
    )
    text = pdf_text(memo.pdf, tmp_path)
    assert memo.pages >= 4  # the long narratives flowed over several pages
    for heading in HEADINGS[language]:
        assert normalized(heading) in text, heading
    for name in NAMES:
        assert normalized(name) in text, name
    confidential, _watermark, page_of, recommendation = MARKS[language]
    assert text.count(confidential) == 2 * memo.pages  # top and bottom of every page
    for page in range(1, memo.pages + 1):
        assert page_of.format(page=page, pages=memo.pages) in text
    assert recommendation in text


def _page_darkness(pdf: bytes, tmp_path: Path) -> list[float]:
    """Mean ink per page (0 = white), from a small greyscale rendering."""
    (tmp_path / "pages.pdf").write_bytes(pdf)
    subprocess.run(
        [tool("pdftoppm"), "-r", "12", "-gray", str(tmp_path / "pages.pdf"), str(tmp_path / "page")], check=True
    )
    out = []
    for image in sorted(tmp_path.glob("page*.pgm")):
        data = image.read_bytes()
        pixels = data[data.index(b"255\n") + 4 :]
        out.append(1 - sum(pixels) / (255 * len(pixels)))
        image.unlink()
    return out


def test_draft_watermark_on_every_page_until_signed(tmp_path: Path) -> None:
    draft = render_memo(specimen_case(), specimen_settings(), language="es")
    final = render_memo(specimen_case(), specimen_settings(), language="es", signed=True)
    assert "Borrador: sin firmar." in pdf_text(draft.pdf, tmp_path)
    assert "Firmado electrónicamente." in pdf_text(final.pdf, tmp_path)
    for with_mark, without in zip(
        _page_darkness(draft.pdf, tmp_path), _page_darkness(final.pdf, tmp_path), strict=True
    ):
        assert with_mark > without + 0.002  # the big grey word is there on each page of the draft only


def test_findings_cite_evidence_and_annex_lists_statuses(tmp_path: Path) -> None:
    # The final rendering: the watermark's letters would otherwise be mixed into the extracted lines.
    text = pdf_text(render_memo(specimen_case(), specimen_settings(), language="en", signed=True).pdf, tmp_path)
    assert "Evidence relied on: E-1, E-2, E-7 (see the annex)." in text
    assert "The internal oversight office confirmed this point on 12 March 2026." in text
    assert "The action followed the protected activity by 88 days." in text
    for status in ("Obtained", "Requested", "Not available"):
        assert status in text


def test_dates_are_written_the_way_each_language_writes_them(tmp_path: Path) -> None:
    import datetime as dt

    on = dt.date(2026, 3, 2)
    expected = {"en": "2 March 2026", "fr": "2 mars 2026", "es": "2 de marzo de 2026"}
    for language, date_text in expected.items():
        memo = render_memo(specimen_case(), specimen_settings(language), language=language, date=on)
        assert date_text in pdf_text(memo.pdf, tmp_path)


def test_undetermined_assessment_says_so(tmp_path: Path) -> None:
    case = specimen_case().model_copy(update={"assessment": PrimaFacieAssessment()})
    text = pdf_text(render_memo(case, specimen_settings(), language="en").pdf, tmp_path)
    # Points never assessed are shown as such, never as findings (issue #15, point 2).
    for point in ("mandate", "timeliness", "protected activity", "detrimental action", "contributing factor"):
        assert f"[{point} not yet assessed]" in text
    assert "[determination not yet made]" in text
    assert "Finding:" not in text and "Evidence relied on" not in text
    case = specimen_case().model_copy(
        update={"assessment": PrimaFacieAssessment(determination=Determination.no_prima_facie_case)}
    )
    text = pdf_text(render_memo(case, specimen_settings(), language="es").pdf, tmp_path)
    assert "no se ha establecido un caso prima facie" in text
    assert "Recomiendo que la denunciante reciba por escrito" in text  # Sra.: feminine forms
    assert "[plazo: aún sin evaluar]" in text


def test_metadata_carries_no_confidential_text() -> None:
    memo = render_memo(specimen_case(), specimen_settings(), language="fr")
    info = PdfFileReader(io.BytesIO(memo.pdf)).trailer["/Info"]
    values = " ".join(str(value) for value in info.values())
    assert str(info["/Title"]) == "Mémorandum"
    for secret in [*NAMES, "RET-2026-DKR-0007", "représailles", "Awa Diop", "Procurement"]:
        assert secret not in values


def test_every_font_is_embedded(tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    path.write_bytes(render_memo(specimen_case(), specimen_settings(), language="en").pdf)
    lines = subprocess.run(
        [tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    dejavu = [line for line in lines if "DejaVu" in line]
    assert len(dejavu) == 5
    for line in dejavu:
        assert "TrueType" in line and line.split()[-5:-2] == ["yes", "yes", "yes"], line  # embedded, subset, Unicode
    # reportlab lists its default Helvetica in the resources even though no text uses it.
    assert all("DejaVu" in line or line.startswith("Helvetica ") for line in lines)


def test_logo_from_settings_is_printed_and_a_broken_logo_is_left_out(tmp_path: Path) -> None:
    png = _tiny_png()
    with_logo = render_memo(specimen_case(), specimen_settings().model_copy(update={"logo_png": png}), language="en")
    broken = render_memo(
        specimen_case(), specimen_settings().model_copy(update={"logo_png": b"not a png"}), language="en"
    )
    assert b"/Subtype /Image" in with_logo.pdf
    assert b"/Subtype /Image" not in broken.pdf


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        render_memo(specimen_case(), specimen_settings(), language="de")


def test_recommended_measures_print_with_their_details(tmp_path: Path) -> None:
    from ecodesk.models.cases import ProtectiveMeasure, RecommendedMeasure

    case = specimen_case()
    details = RecommendedMeasure(kind=ProtectiveMeasure.temporary_reassignment, details="To the Logistics Unit.")
    case = case.model_copy(update={"assessment": case.assessment.model_copy(update={"measure_details": [details]})})
    text = pdf_text(render_memo(case, specimen_settings(), language="en", signed=True).pdf, tmp_path)
    assert "Temporary reassignment. To the Logistics Unit." in text
    assert "Suspension of the contested action" in text  # listed without details, still recommended


def test_an_entry_too_long_for_a_page_is_refused_without_quoting_it() -> None:
    from ecodesk.errors import EcoDeskError

    with pytest.raises(EcoDeskError) as caught:
        render_memo(specimen_case(), specimen_settings(), language="en", addressee="Head of Unit Ngozi " * 2000)
    assert "Ngozi" not in str(caught.value) and caught.value.__cause__ is None
    assert caught.value.__suppress_context__


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_case_just_received_still_gives_a_complete_memo(language: str, tmp_path: Path) -> None:
    import datetime as dt

    from ecodesk.models import RetaliationCase

    case = RetaliationCase(reference="RET-2026-DKR-0001", title="New", received_on=dt.date(2026, 4, 1))
    memo = render_memo(case, specimen_settings(language), language=language, signed=True)
    text = pdf_text(memo.pdf, tmp_path)
    expected = {
        "en": ["No protected activity has been recorded.", "No evidence has been recorded.", "withheld"],
        "fr": ["Aucune activité protégée n'a été consignée.", "Aucun élément de preuve n'a été consigné.", "divulguée"],
        "es": ["No se ha registrado ninguna actividad protegida.", "No se ha registrado ninguna prueba.", "reserva"],
    }[language]
    for sentence in expected:
        assert sentence in text
