"""Page images for review: storing (a retry leaves one version), placing finding boxes, drawing them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from api import _review
from casework import MAX_WIDTH, Services, bootstrap, page_image, page_key, page_manifests, store_page_images
from core import DocumentType, Extraction, Finding, NotFound, Severity, load_settings
from ocr import GREY_LEVELS, Page, Reading, Transform, review_image
from storage import MemoryObjectStore


class _Reading:
    """Stands in for `ocr.Reading`: pages of given sizes, each a grey sheet with a dark bar."""

    def __init__(self, *sizes: tuple[int, int], shade: int = 0) -> None:
        self.transforms = tuple(Transform() for _ in sizes)
        self._sizes = sizes
        self._shade = shade

    def page_image(self, number: int) -> bytes:
        width, height = self._sizes[number - 1]
        image = np.full((height, width), 230, np.uint8)
        image[height // 2:height // 2 + 40, 100:900] = self._shade
        return cv2.imencode(".png", image)[1].tobytes()


@pytest.fixture
def svc(tmp_path):
    services = bootstrap(load_settings(environ={}, data_dir=tmp_path), store=MemoryObjectStore())
    services.store.ensure_bucket(services.settings.intake_bucket)
    return services


def _versions(svc: Services, key: str) -> int:
    store = svc.store
    assert isinstance(store, MemoryObjectStore)
    return len(store._buckets[svc.settings.intake_bucket].keys.get(key, {}))


def test_review_image_is_grayscale_scaled_to_the_max_width_and_never_up():
    colour = cv2.imencode(".png", np.zeros((3508, 2480, 3), np.uint8))[1].tobytes()
    stored = review_image(colour, max_width=MAX_WIDTH)
    image = cv2.imdecode(np.frombuffer(stored.png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert image.ndim == 2 and (image.shape[1], image.shape[0]) == stored.stored_size
    assert stored.page_size == (2480, 3508) and stored.stored_size[0] == MAX_WIDTH
    assert abs(stored.scale - MAX_WIDTH / 2480) < 1e-9
    small = review_image(cv2.imencode(".png", np.zeros((500, 800), np.uint8))[1].tobytes(), max_width=MAX_WIDTH)
    assert (small.scale, small.page_size, small.stored_size) == (1.0, (800, 500), (800, 500))
    ramp = cv2.imencode(".png", np.tile(np.arange(256, dtype=np.uint8), (10, 1)))[1].tobytes()
    levels = np.unique(cv2.imdecode(np.frombuffer(review_image(ramp, max_width=MAX_WIDTH).png, np.uint8),
                                    cv2.IMREAD_UNCHANGED))
    assert len(levels) == GREY_LEVELS and (levels[0], levels[-1]) == (0, 255)  # black and white kept exact


def test_a_readings_pixels_are_stored_as_its_png_would_be_without_encoding_the_page(svc, monkeypatch):
    page = np.full((3508, 2480), 230, np.uint8)
    page[1000:1040, 100:900] = 0
    png = cv2.imencode(".png", page)[1].tobytes()
    assert review_image(page, max_width=MAX_WIDTH) == review_image(png, max_width=MAX_WIDTH)
    colour = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    assert review_image(colour, max_width=MAX_WIDTH) == review_image(png, max_width=MAX_WIDTH)
    reading = Reading(Extraction(DocumentType.KK, 1, "ocr", {}), 1.0, (Transform(),), (Page(1, page, (), "ocr"),), b"")
    monkeypatch.setattr(Reading, "page_image", lambda *_: pytest.fail("the page was encoded as PNG"))
    manifest = store_page_images(svc, "app-1", "kk", reading)
    assert page_image(svc, "app-1", "kk", 1) == review_image(png, max_width=MAX_WIDTH).png
    assert manifest["pages"][0]["page_width"] == 2480


def test_pages_are_stored_and_a_retry_leaves_one_version(svc):
    manifest = store_page_images(svc, "app-1", "ijazah", _Reading((2480, 3508), (1000, 700)))
    assert [p["page"] for p in manifest["pages"]] == [1, 2]
    assert manifest["pages"][0]["width"] == MAX_WIDTH and manifest["pages"][1]["scale"] == 1.0
    first = svc.store.stat(svc.settings.intake_bucket, page_key("app-1", "ijazah", 1))
    assert first is not None
    assert page_manifests(svc, "app-1") == {"ijazah": manifest}

    store_page_images(svc, "app-1", "ijazah", _Reading((2480, 3508), (1000, 700)))  # same bytes: nothing new
    assert svc.store.stat(svc.settings.intake_bucket, page_key("app-1", "ijazah", 1)) == first
    store_page_images(svc, "app-1", "ijazah", _Reading((2480, 3508), (1000, 700), shade=90))  # other bytes
    replaced = svc.store.stat(svc.settings.intake_bucket, page_key("app-1", "ijazah", 1))
    assert replaced is not None and replaced.sha256 != first.sha256
    assert _versions(svc, page_key("app-1", "ijazah", 1)) == 1  # the replaced version was deleted
    assert page_image(svc, "app-1", "ijazah", 1) == svc.store.get(replaced)


def test_a_missing_page_is_not_found_with_an_indonesian_message(svc):
    store_page_images(svc, "app-1", "kk", _Reading((800, 600)))
    for doc, number in (("kk", 2), ("ijazah", 1), ("../kk", 1), ("kk", 0)):
        with pytest.raises(NotFound) as e:
            page_image(svc, "app-1", doc, number)
        assert e.value.message_id == "Gambar halaman dokumen tidak ditemukan."


_MANIFESTS = {"ijazah": {"pages": [{"page": 1, "width": 1600, "height": 1131, "scale": 0.5}]},
              "kk": {"pages": [{"page": 1, "width": 1000, "height": 700, "scale": 1.0}]}}
_EXTRACTIONS = {
    "ijazah": {"fields": {"nama_lengkap": {"value": "BUDIX", "page": 1, "bbox": [400, 600, 1200, 696]},
                          "jenjang": {"value": "S1", "page": 1, "bbox": [100, 100, 300, 140]},
                          "tanggal_lahir": {"value": None, "page": None, "bbox": None}}},
    "kk": {"fields": {}, "anggota": [
        {"nik": {"value": "7401050102030001", "page": 1, "bbox": [10, 10, 200, 30]}},
        {"nik": {"value": "7401050102030004", "page": 1, "bbox": [10, 40, 200, 60]}}]},
}


def _f(code: str, severity: Severity, document: str | None, field: str | None, **kw: str) -> Finding:
    return Finding(code=code, severity=severity, message=f"pesan {code}", document=document, field=field, **kw)


def test_finding_boxes_land_on_the_stored_image_and_unboxed_findings_are_skipped():
    findings = [
        _f("NAME_MISMATCH", Severity.MISMATCH, "ijazah", "nama_lengkap", found="BUDIX"),
        _f("FIELD_NOT_FOUND", Severity.WARNING, "ijazah", "tanggal_lahir"),
        _f("FAMILY_HEAD_COUNT", Severity.ERROR, "record", "status_hubungan"),
        _f("NIK_MISMATCH", Severity.MISMATCH, "kk", "anggota.nik", expected="7401050102030003",
           found="7401050102030004"),
        _f("REQUESTED_NOT_PROVEN", Severity.MISMATCH, "ijazah", "pendidikan"),
        _f("LOW_CONFIDENCE", Severity.WARNING, "ijazah", "nama_lengkap", found="BUDIX"),
    ]
    boxes = _review.finding_boxes(findings, _EXTRACTIONS, _MANIFESTS)
    placed = {b.finding: (b.document, b.x, b.y, b.width, b.height, b.severity) for b in boxes}
    assert placed == {
        # scaled by the stored image's 0.5 to (200, 300)-(600, 348), then a margin of a quarter of its height
        0: ("ijazah", 188, 288, 424, 72, "mismatch"),
        3: ("kk", 4, 34, 202, 32, "mismatch"),           # the KK row whose NIK the finding quotes; margin PAD
        4: ("ijazah", 44, 44, 112, 32, "mismatch"),      # pendidikan is proven by the printed jenjang
        5: ("ijazah", 188, 288, 424, 72, "warning"),
    }


def test_pages_html_draws_coloured_labelled_boxes():
    findings = (_f("NAME_MISMATCH", Severity.MISMATCH, "ijazah", "nama_lengkap", found="BUDIX"),
                _f("FAMILY_HEAD_COUNT", Severity.ERROR, "record", "status_hubungan"),
                _f("LOW_CONFIDENCE", Severity.WARNING, "ijazah", "jenjang", found="S1"))
    boxes = _review.finding_boxes(findings, _EXTRACTIONS, _MANIFESTS)
    html = _review.pages_html("app-9", _MANIFESTS, boxes)
    assert 'src="/api/applications/app-9/pages/ijazah/1.png"' in html
    assert 'viewBox="0 0 1600 1131"' in html
    assert ('<rect class="box mismatch" data-finding="app-9-0" x="188" y="288" width="424" height="72" '
            f'stroke="{_review.SEVERITY_COLOURS["mismatch"]}"') in html
    assert f'data-finding="app-9-2" x="44" y="44" width="112" height="32" stroke="{_review.SEVERITY_COLOURS["warning"]}"' \
        in html
    assert "<title>tidak cocok: pesan NAME_MISMATCH</title>" in html
    assert 'data-finding="app-9-1"' not in html  # record-level: table only
    without = _review.pages_html("app-9", {}, [])
    assert "Gambar halaman dokumen tidak tersedia" in without and "<rect" not in without
