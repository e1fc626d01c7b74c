"""Printing a PDF held in memory (a memo, a case summary): each page of the QtPdf document is rendered and sent to
the printer; no file is written."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ecodesk.i18n import _
from ecodesk.ui.kit import dialogs

PRINT_DPI_LIMIT = 300  # pages are rasterized for the printer; more would only cost memory


def ask_printer(parent: QWidget, doc_name: str) -> QPrinter | None:
    """The printer the user chose in Qt's print dialog, or None. ``doc_name`` shows in the print queue: keep it
    free of anything confidential."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_document(document: QPdfDocument, printer: QPrinter, parent: QWidget) -> int:
    """Send every page of ``document`` to ``printer``; the number of pages printed (0 if it could not start)."""
    if document.status() != QPdfDocument.Status.Ready:
        return 0
    printer.setFullPage(True)  # the PDF has its own margins: print it 1:1 on the sheet, not shrunk again
    painter = QPainter()
    if not painter.begin(printer):
        dialogs.show_error(parent, _("The printer could not be started. Check the printer, then try again."))
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), scaled), image)
            printed += 1
    finally:
        painter.end()
    return printed


def show_pdf(document: QPdfDocument, buffer: QBuffer, pdf: bytes) -> QByteArray:
    """Load ``pdf`` into ``document`` from memory (no file is written); keep the returned bytes while shown."""
    document.close()
    buffer.close()
    data = QByteArray(pdf)
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return data


def forget_pdf(document: QPdfDocument, buffer: QBuffer) -> QByteArray:
    """Drop the document and its bytes (on lock): nothing of the PDF stays in the dialog."""
    document.close()
    buffer.close()
    buffer.setData(QByteArray())
    return QByteArray()
