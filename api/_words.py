"""Every word a person reads about an application, in one place: statuses, changes, documents, field
names, rejection reasons and what an applicant can do about a finding. Pages and templates take their
Indonesian from here, never from strings of their own."""

from __future__ import annotations

import difflib
import re
from html import escape

from markupsafe import Markup

STATUS = {
    "received": "Diterima, menunggu pemeriksaan",
    "processing": "Sedang diproses",
    "needs_review": "Menunggu verifikasi petugas",
    "approved": "Disetujui",
    "rejected": "Ditolak",
}
"""A status as the applicant and the verifikator read it."""

CHANGE = {
    "pendidikan": "Pendidikan",
    "status_perkawinan": "Status perkawinan",
    "koreksi_biodata": "Koreksi biodata",
}

DOCUMENT = {"kk": "Kartu Keluarga", "ijazah": "Ijazah", "buku_nikah": "Buku nikah"}

FIELD = {
    "nik": "NIK",
    "no_kk": "Nomor KK",
    "nama_lengkap": "nama lengkap",
    "jenis_kelamin": "jenis kelamin",
    "tempat_lahir": "tempat lahir",
    "tanggal_lahir": "tanggal lahir",
    "agama": "agama",
    "pendidikan": "pendidikan",
    "jenjang": "jenjang pendidikan",
    "jenis_pekerjaan": "pekerjaan",
    "golongan_darah": "golongan darah",
    "status_perkawinan": "status perkawinan",
    "status_hubungan": "status hubungan dalam keluarga",
    "kewarganegaraan": "kewarganegaraan",
    "tanggal_perkawinan": "tanggal perkawinan",
    "tanggal_nikah": "tanggal nikah",
    "no_akta_perkawinan": "nomor akta perkawinan",
    "nomor_akta": "nomor akta nikah",
    "nama_ayah": "nama ayah",
    "nama_ibu": "nama ibu",
    "nama_orang_tua": "nama orang tua",
    "alamat": "alamat",
    "rt": "RT",
    "rw": "RW",
    "desa_kelurahan": "desa/kelurahan",
    "kecamatan": "kecamatan",
    "kabupaten_kota": "kabupaten/kota",
    "provinsi": "provinsi",
    "kode_pos": "kode pos",
    "anggota": "daftar anggota keluarga",
    "nama_satuan_pendidikan": "nama sekolah/perguruan tinggi",
    "npsn": "NPSN",
    "nis": "NIS",
    "nisn": "NISN",
    "nim": "NIM",
    "program_studi": "program studi",
    "gelar": "gelar",
    "nomor_ijazah": "nomor ijazah",
    "tanggal_lulus": "tanggal lulus",
    "kua": "KUA",
    "pekerjaan": "pekerjaan",
    "wali": "wali nikah",
}
"""A field of the record or of a document, in words."""

_OWNER = {"suami": "suami", "istri": "istri", "anggota": "anggota keluarga"}


def field_name(field: str | None) -> str:
    """`suami.nik` -> "NIK suami", `anggota.nama_lengkap` -> "nama lengkap anggota keluarga",
    `suami.nik/istri.nik` -> "NIK suami atau NIK istri"; an unknown name is shown as written."""
    if not field:
        return ""
    parts = []
    for one in field.split("/"):
        owner, _, name = one.rpartition(".")
        words = FIELD.get(name, name.replace("_", " "))
        parts.append(f"{words} {_OWNER.get(owner, owner)}".strip() if owner else words)
    shown = " atau ".join(parts)
    return shown[:1].upper() + shown[1:]


REJECT_REASONS = {
    "tidak_sesuai": "Dokumen tidak sesuai dengan data kependudukan",
    "diubah": "Dokumen diduga diubah atau tidak asli",
    "bukan_pemohon": "Dokumen bukan milik pemohon",
    "tidak_terbaca": "Dokumen tidak terbaca atau tidak lengkap",
    "lainnya": "Alasan lain (tulis di catatan)",
}
"""The short list a verifikator picks a rejection reason from (free text is added to it)."""

APPLICANT_ACTIONS = {
    "DOCUMENT_UNREADABLE": "Unggah pindaian yang lebih jelas (PNG, JPEG, TIFF, WebP atau PDF).",
    "DOCUMENT_NOT_READ": "Tidak perlu tindakan: petugas memeriksa berkas Anda secara langsung.",
    "WRONG_DOCUMENT_TYPE": "Periksa kembali berkas Anda, lalu ajukan ulang dengan dokumen yang diminta.",
    "DOCUMENT_MISSING": "Ajukan ulang dengan melampirkan dokumen yang diwajibkan.",
    "SUBJECT_NOT_IN_KK": "Unggah Kartu Keluarga keluarga Anda sendiri yang terbaru.",
    "NOTHING_TO_CHANGE": "Data Anda sudah benar; tidak ada yang perlu diajukan.",
    "NAME_MISMATCH": "Jika nama pada dokumen memang berbeda, ajukan koreksi biodata atau bawa dokumen asli ke kantor Dinas.",
    "NAME_ABBREVIATED": "Tidak perlu tindakan: petugas memastikan orangnya sama.",
    "BIRTH_DATE_MISMATCH": "Jika tanggal lahir Anda keliru, ajukan koreksi biodata dengan dokumen pendukung.",
    "BIRTH_PLACE_MISMATCH": "Jika tempat lahir Anda keliru, ajukan koreksi biodata dengan dokumen pendukung.",
    "KK_NUMBER_MISMATCH": "Unggah Kartu Keluarga terbaru yang lebih jelas.",
    "KK_NOT_READ": "Tidak perlu tindakan: petugas memeriksa pindaian KK Anda.",
    "FIELD_NOT_FOUND": "Unggah pindaian yang lebih jelas dan lengkap (seluruh halaman terlihat).",
    "LOW_CONFIDENCE": "Tidak perlu tindakan: petugas memeriksa dokumen Anda.",
    "SUBJECT_NOT_SPOUSE": "Unggah buku nikah Anda sendiri (halaman yang memuat nama suami dan istri).",
    "ALREADY_MARRIED": "Tidak perlu tindakan: petugas memeriksa data perkawinan Anda.",
    "SPOUSE_AMBIGUOUS": "Tidak perlu tindakan: petugas memastikan pasangan Anda dalam data keluarga.",
    "REQUESTED_NOT_PROVEN": "Pastikan nilai yang dimohonkan tercantum pada dokumen yang diunggah.",
    "UNKNOWN_JENJANG": "Tidak perlu tindakan: petugas membaca jenjang pada ijazah Anda.",
    "MANUAL_REVIEW_REQUIRED": "Tidak perlu tindakan: petugas memeriksa permohonan Anda.",
    "PROCESSING_FAILED": "Tidak perlu tindakan: petugas memeriksa dokumen Anda secara langsung.",
}
"""What the applicant can do about a finding (a code not named here needs nothing from them)."""

NO_ACTION = "Tidak perlu tindakan dari Anda."
SEVERITY = {"error": "galat", "mismatch": "tidak cocok", "warning": "perlu dicek", "info": "informasi"}


def mask_nik(nik: str | None) -> str:
    """The first six digits (the region) and the last four; the rest hidden."""
    if not nik:
        return "-"
    return nik[:6] + "•" * max(0, len(nik) - 10) + nik[-4:] if len(nik) > 10 else nik


def mask_no_kk(no_kk: str | None) -> str | None:
    """A No. KK as pages and the QR answer show it: `7401••••••••0012`, the province and regency (four digits)
    and the last four; None when there is none."""
    if not no_kk:
        return None
    return no_kk[:4] + "•" * max(0, len(no_kk) - 8) + no_kk[-4:] if len(no_kk) > 8 else no_kk


def marked_difference(record: str | None, read: str | None) -> tuple[Markup, Markup]:
    """Both values as HTML, each character that differs from the other wrapped in <mark>."""
    a, b = record or "", read or ""
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        one, two = escape(a[i1:i2]), escape(b[j1:j2])
        if op == "equal":
            left.append(one)
            right.append(two)
        else:
            left.append(f"<mark>{one}</mark>" if one else "")
            right.append(f"<mark>{two}</mark>" if two else "")
    return Markup("".join(left)), Markup("".join(right))


def waiting(seconds: float) -> str:
    """How long an application has waited, in words ("2 hari 3 jam", "45 menit")."""
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, (minutes % 1440) // 60, minutes % 60
    if days:
        return f"{days} hari {hours} jam"
    if hours:
        return f"{hours} jam {mins} menit"
    return f"{mins} menit"


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date(iso: str | None) -> str:
    """`2026-12-06T…` -> `06-12-2026`."""
    m = _ISO_DAY.match(iso or "")
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else (iso or "-")


EVIDENCE = {
    "pendidikan": ("kk", "ijazah"),
    "status_perkawinan": ("kk", "buku_nikah"),
    "koreksi_biodata": ("kk", "ijazah"),
}
"""The documents each change asks for (`../shared/spec/documents.md`, "which document proves which change")."""

REQUIREMENTS = {
    "pendidikan": ("Kartu Keluarga (KK) terbaru milik keluarga Anda.",
                   "Ijazah terakhir atas nama Anda (pendidikan yang lebih tinggi dari yang tercatat)."),
    "status_perkawinan": ("Kartu Keluarga (KK) terbaru milik keluarga Anda.",
                          "Buku nikah: halaman yang memuat nama, NIK dan tanggal lahir suami dan istri, "
                          "tanggal nikah serta nomor akta nikah."),
    "koreksi_biodata": ("Kartu Keluarga (KK) terbaru milik keluarga Anda.",
                        "Ijazah atas nama Anda yang mencantumkan nama, tempat lahir atau tanggal lahir yang benar.",
                        "Data yang dikoreksi, ditulis persis seperti pada ijazah. Permohonan ini selalu diperiksa "
                        "petugas verifikasi."),
}
"""What an applicant needs for each change, as the upload page's service standard lists it."""

UPLOAD_SLOTS = {
    "kk": ("Kartu Keluarga", "Pindaian atau foto KK, seluruh halaman terlihat."),
    "ijazah": ("Ijazah", "Pindaian atau foto ijazah, seluruh halaman terlihat."),
    "buku_nikah": ("Buku nikah", "Halaman yang memuat data suami dan istri."),
}
"""Each upload slot: its label and a hint under it."""

CORRECTABLE = {
    "nama_lengkap": ("Nama lengkap yang benar", "text"),
    "tempat_lahir": ("Tempat lahir yang benar", "text"),
    "tanggal_lahir": ("Tanggal lahir yang benar", "date"),
}
"""The elements a koreksi_biodata may correct (`core.REQUESTABLE_FIELDS`) with the input each needs."""
