"""The verifikator's view of one application: its page images with a box over every field a finding names.

`finding_boxes` is pure: from the application's stored extractions (field `page` and `bbox`, in
normalized page pixels) and the page-image manifests (`casework.page_manifests`: `scale` per page), it
places each finding on the stored PNG. Findings without a box (a field not read, a record-level
finding) stay in the table only. `pages_html` draws the pages: an <img> with an SVG over it whose
viewBox is the stored image's pixel size, so the boxes follow the image at any displayed size (styles in
`static/capil.css`, the row/box highlighting in `static/review.js`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from typing import Any

from casework import Services, page_manifests
from core import CapilError, Finding

log = logging.getLogger(__name__)

SEVERITY_COLOURS = {"error": "#7b1fa2", "mismatch": "#d50000", "warning": "#ef6c00", "info": "#1565c0"}
SEVERITY_LABELS = {"error": "galat", "mismatch": "tidak cocok", "warning": "perlu dicek", "info": "informasi"}
PAD = 6
"""Least margin (stored image px) between a field's words and its outline."""
_ALIASES = {("ijazah", "pendidikan"): "jenjang"}
"""A finding's field that the document prints under another name."""


@dataclass(frozen=True)
class Box:
    """One finding drawn on one stored page image, in that image's pixels."""

    finding: int
    """Index of the finding in the application's findings (the table row with the same `data-finding`)."""
    document: str
    page: int
    x: int
    y: int
    width: int
    height: int
    severity: str
    message: str


def page_manifests_of(svc: Services, applications: list[Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per application id, its page-image manifests. When storage fails the page still shows the
    findings (as a table) and says that the images are unavailable."""
    out = {}
    for a in applications:
        try:
            out[a.id] = page_manifests(svc, a.id)
        except CapilError as e:
            log.warning("application %s: page images unavailable (%s)", a.id, e.code)
    return out


def finding_boxes(findings: tuple[Finding, ...] | list[Finding], extractions: dict[str, Any],
                  manifests: dict[str, dict[str, Any]]) -> list[Box]:
    """Every finding whose field was read with a box on a stored page, placed on that page's PNG."""
    boxes = []
    for index, f in enumerate(findings):
        if not f.document or not f.field or f.document not in extractions:
            continue
        value = _field_value(extractions[f.document], f)
        if value is None:
            continue
        page = next((p for p in manifests.get(f.document, {}).get("pages", []) if p["page"] == value["page"]), None)
        if page is None:
            continue
        x0, y0, x1, y1 = (float(v) * float(page["scale"]) for v in value["bbox"])
        pad = max(PAD, (y1 - y0) * 0.25)  # the outline goes around the words, not across them
        x0, y0, x1, y1 = max(0.0, x0 - pad), max(0.0, y0 - pad), x1 + pad, y1 + pad
        x1, y1 = min(float(page["width"]), x1), min(float(page["height"]), y1)
        if x1 <= x0 or y1 <= y0:
            continue
        boxes.append(Box(index, f.document, int(page["page"]), round(x0), round(y0), max(1, round(x1 - x0)),
                         max(1, round(y1 - y0)), str(f.severity), f.message))
    return boxes


def _field_value(extraction: dict[str, Any], f: Finding) -> dict[str, Any] | None:
    """The read value (with `page` and `bbox`) a finding is about, or None when it has no box."""
    assert f.field is not None and f.document is not None
    fields = extraction.get("fields") or {}
    for name in f.field.split("/"):
        name = _ALIASES.get((f.document, name), name)
        if name.startswith("anggota."):
            value = _member_value(extraction.get("anggota") or [], name.removeprefix("anggota."), f)
        else:
            value = fields.get(name)
        if value and value.get("bbox") and value.get("page"):
            return dict(value)
    return None


def _member_value(rows: list[dict[str, Any]], name: str, f: Finding) -> dict[str, Any] | None:
    """A KK member row's value: the row whose value is the one the finding quotes (found, else expected)."""
    for wanted in (f.found, f.expected):
        if wanted:
            row = next((r for r in rows if (r.get(name) or {}).get("value") == wanted), None)
            if row is not None:
                return dict(row[name])
    return None


def pages_html(application_id: str, manifests: dict[str, dict[str, Any]], boxes: list[Box]) -> str:
    """The page images of one application, each with its boxes."""
    figures = []
    for document, manifest in manifests.items():
        for page in manifest.get("pages", []):
            number = int(page["page"])
            width, height = int(page["width"]), int(page["height"])
            rects = "".join(_rect(application_id, b) for b in boxes if b.document == document and b.page == number)
            src = f"/api/applications/{escape(application_id)}/pages/{escape(document)}/{number}.png"
            figures.append(
                f'<figure class="scan" data-document="{escape(document)}" data-page="{number}">'
                f"<figcaption>{escape(_DOCUMENT_NAMES.get(document, document))}, halaman {number}"
                f'<a href="{src}" target="_blank" rel="noopener">Buka ukuran penuh</a></figcaption>'
                f'<div class="scan-frame" style="aspect-ratio:{width}/{height}">'
                f'<img src="{src}" width="{width}" height="{height}" alt="Pindaian {escape(document)} halaman {number}">'
                f'<svg viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="group" '
                f'aria-label="Temuan pada halaman ini">{rects}</svg></div></figure>'
            )
    if not figures:
        return '<p class="noscan">Gambar halaman dokumen tidak tersedia untuk permohonan ini.</p>'
    return f'<div class="scans">{"".join(figures)}</div>'


_DOCUMENT_NAMES = {"kk": "Kartu Keluarga", "ijazah": "Ijazah", "buku_nikah": "Buku nikah"}


def _rect(application_id: str, b: Box) -> str:
    colour = SEVERITY_COLOURS.get(b.severity, "#d50000")
    label = f"{SEVERITY_LABELS.get(b.severity, b.severity)}: {b.message}"
    return (f'<rect class="box {escape(b.severity)}" data-finding="{escape(application_id)}-{b.finding}" '
            f'x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}" stroke="{colour}" '
            f'aria-label="{escape(label)}"><title>{escape(label)}</title></rect>')
