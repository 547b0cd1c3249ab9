"""The QR code on the issued KK, drawn as vector shapes (no image, no clock: deterministic bytes)."""

from __future__ import annotations

from collections.abc import Sequence

import qrcode
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas


def draw_qr(c: Canvas, data: str, *, x: float, y: float, size: float) -> None:
    """The QR code as vector modules, each run of dark modules in a row one filled outline.

    The outline has a fifth point in the middle of its top edge: PDF readers that take four-point
    rectangles for table rules (pdfminer, hence ocr's text-layer path) then see a drawing, not a
    ruled grid that would swallow the footer.
    """
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    quiet = 2
    cell = size / (len(matrix) + 2 * quiet)
    c.setFillColor(white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(black)
    path = c.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (quiet + r) * cell
        for start, end in _dark_runs(row):
            left, right = x + (quiet + start) * cell, x + (quiet + end) * cell
            path.moveTo(left, top)
            path.lineTo((left + right) / 2, top)
            for px, py in ((right, top), (right, top - cell), (left, top - cell)):
                path.lineTo(px, py)
            path.close()
    c.drawPath(path, stroke=0, fill=1)


def _dark_runs(row: Sequence[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for col, dark in enumerate(row):
        if dark and runs and runs[-1][1] == col:
            runs[-1] = (runs[-1][0], col + 1)
        elif dark:
            runs.append((col, col + 1))
    return runs
