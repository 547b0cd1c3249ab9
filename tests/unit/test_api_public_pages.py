"""The pages anyone may open: the upload page with its service standard, the public QR answer."""

from __future__ import annotations

import re

from api.app import SECURITY_HEADERS


def test_the_upload_page_states_the_service_standard_and_offers_only_what_each_change_needs(api_client,
                                                                                             api_services):
    r = api_client.get("/")
    assert r.status_code == 200 and "script-src 'self'" in SECURITY_HEADERS["Content-Security-Policy"]
    html = r.text
    assert api_services.settings.office_name in html
    for words in ("Persyaratan", "Prosedur", "Waktu penyelesaian", "Biaya", "Gratis", "paling lama 1 hari kerja",
                  "Buku nikah: halaman yang memuat nama", "20 MB"):
        assert words in html, words
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/upload.js" defer>']  # no inline script
    slots = dict(re.findall(r'<fieldset class="slot" data-slot="(\w+)" data-for="([\w ]+)"', html))
    assert slots == {"kk": "pendidikan status_perkawinan koreksi_biodata", "ijazah": "pendidikan koreksi_biodata",
                     "buku_nikah": "status_perkawinan"}
    assert re.search(r'<fieldset class="corrections" data-for="koreksi_biodata">', html)
    assert re.search(r'name="tanggal_lahir" data-requested type="date"\s+max="\d{4}-\d{2}-\d{2}"', html)
    assert re.search(r'name="nama_lengkap" data-requested type="text"\s+maxlength="100"', html)
    assert 'accept=".png,.jpg,.jpeg,.tif,.tiff,.webp,.pdf,' in html and 'capture="environment"' in html
    assert f'data-max-bytes="{api_services.settings.max_upload_bytes}"' in html
    script = api_client.get("/static/upload.js").text
    assert "xhr.upload.addEventListener('progress'" in script and "Idempotency-Key" in script


def test_the_office_name_and_the_promise_are_settings(api_client, api_services, monkeypatch):
    import dataclasses

    settings = dataclasses.replace(api_services.settings, office_name="Dinas Dukcapil Kabupaten Konawe",
                                   service_promise="paling lama 2 hari kerja")
    monkeypatch.setattr(api_services, "settings", settings)
    html = api_client.get("/").text
    assert "Dinas Dukcapil Kabupaten Konawe" in html and "Paling lama 2 hari kerja." in html


def test_an_unknown_document_gets_one_message_on_a_red_block(api_client, api_services):
    html = api_client.get("/v/no-such-document", headers={"Accept": "text/html"}).text
    assert re.search(r'<div class="verdict-block unknown" role="status" id="verdict">\s*<strong>TIDAK DIKENAL</strong>',
                     html)
    assert html.count("tidak tercatat sebagai terbitan kami") == 1 and "Dokumen tidak dikenal" not in html
    assert api_services.settings.office_name in html and "<table" not in html
    answer = api_client.get("/v/no-such-document").json()
    assert answer == {"status": "unknown", "verdict": "TIDAK DIKENAL", "office": api_services.settings.office_name,
                      "message": answer["message"]}
