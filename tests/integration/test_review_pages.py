"""Page images through the real pipeline: stored beside the uploads, served to staff, boxed on the review page."""

from __future__ import annotations

from html.parser import HTMLParser

import cv2
import numpy as np
import pytesseract
import pytest

from casework import MAX_WIDTH, page_key, page_manifests
from flows import process_application
from tests.fixtures.accounts import log_in
from tests.integration.review_support import file_misspelled_application

pytestmark = [pytest.mark.integration, pytest.mark.slow]


class _Rects(HTMLParser):
    """The finding boxes (`<rect data-finding>`) and clickable rows of a review page."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: dict[str, dict[str, str]] = {}
        self.rows: set[str] = set()
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "rect" and "data-finding" in a:
            self.rects[a["data-finding"]] = a
        elif tag == "tr" and "data-finding" in a:
            self.rows.add(a["data-finding"])
        elif tag == "img":
            self.images.append(a["src"])


def test_page_images_are_stored_served_and_the_mismatch_is_boxed(pipeline, client):
    app_id, misspelled = file_misspelled_application(pipeline)
    assert process_application(app_id) == "needs_review"
    app = pipeline.applications.get(app_id)
    index = next(i for i, f in enumerate(app.findings) if f.code == "NAME_MISMATCH" and f.document == "ijazah")
    assert app.findings[index].found == misspelled

    # stored in the intake bucket beside the uploads, one manifest per document
    manifests = page_manifests(pipeline, app_id)
    assert set(manifests) == {"kk", "ijazah"}
    for doc in ("kk", "ijazah"):
        stored = pipeline.store.stat(pipeline.settings.intake_bucket, page_key(app_id, doc, 1))
        assert stored is not None and stored.sha256 == manifests[doc]["pages"][0]["sha256"]
    page = manifests["ijazah"]["pages"][0]

    # served to staff: a PNG of the manifest's size, the read audited with the reader
    assert client.get(f"/api/applications/{app_id}/pages/ijazah/1.png").status_code == 401
    log_in(client, pipeline, "verifikator-2", role="verifikator")
    r = client.get(f"/api/applications/{app_id}/pages/ijazah/1.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    image = cv2.imdecode(np.frombuffer(r.content, np.uint8), cv2.IMREAD_UNCHANGED)
    assert image is not None and image.ndim == 2  # grayscale
    assert (image.shape[1], image.shape[0]) == (page["width"], page["height"])
    assert page["width"] <= MAX_WIDTH < page["page_width"]
    last = pipeline.audit.entries(actor="verifikator-2")[-1]
    assert (last["action"], last["subject"], last["details"]) == (
        "application.page_image", app_id, {"document": "ijazah", "page": 1})

    for path, code in ((f"{app_id}/pages/ijazah/2.png", "NOT_FOUND"), (f"{app_id}/pages/buku_nikah/1.png", "NOT_FOUND"),
                       (f"{app_id}/pages/ijazah/x.png", "NOT_FOUND"), ("tidak-ada/pages/kk/1.png", "UNKNOWN_APPLICATION")):
        missing = client.get(f"/api/applications/{path}")
        assert (missing.status_code, missing.json()["code"]) == (404, code), path
        assert missing.json()["message"] in ("Gambar halaman dokumen tidak ditemukan.", "Permohonan tidak ditemukan.")

    # the review page draws a box over the misspelled name, inside the image, on ink
    html = client.get(f"/review/{app_id}").text
    parsed = _Rects()
    parsed.feed(html)
    assert f"/api/applications/{app_id}/pages/ijazah/1.png" in parsed.images
    rect = parsed.rects[f"{app_id}-{index}"]
    assert f"{app_id}-{index}" in parsed.rows
    assert app.findings[index].message in rect["aria-label"]
    x, y, w, h = (int(rect[k]) for k in ("x", "y", "width", "height"))
    assert x >= 0 and y >= 0 and w > 10 and h > 5
    assert x + w <= page["width"] and y + h <= page["height"]
    ink = image[y:y + h, x:x + w] < 128
    assert ink.mean() > 0.02, "the box is over blank paper, not over the printed name"
    # and what the verifikator sees in the box reads as the misspelled name (Tesseract on the served image)
    pad = h // 2
    seen = pytesseract.image_to_string(image[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad],
                                       lang="ind", config="--psm 7")
    assert " ".join(seen.upper().split()) == misspelled, seen
    # a finding without a box (e.g. one about the record) has no clickable row
    boxed = {k for k in parsed.rects if k.startswith(app_id)}
    assert parsed.rows == boxed
