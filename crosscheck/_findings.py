"""The catalogue of finding codes: each code's severity and its Indonesian message.

Codes are stable: machines and tests rely on them. Messages speak to both the
applicant and the verifikator; they never contain the values themselves (those
are in `expected` / `found`).
"""

from __future__ import annotations

from core import Finding, Severity

CATALOGUE: dict[str, tuple[Severity, str]] = {
    # Input problems: the application cannot be processed as filed.
    "UNKNOWN_NIK": (Severity.ERROR, "NIK pemohon tidak terdaftar dalam data kependudukan."),
    "DOCUMENT_MISSING": (Severity.ERROR, "Dokumen yang diwajibkan untuk perubahan ini tidak diunggah."),
    "DOCUMENT_UNREADABLE": (Severity.ERROR, "Dokumen tidak dapat dibaca. Unggah pindaian yang lebih jelas."),
    "WRONG_DOCUMENT_TYPE": (Severity.ERROR, "Dokumen yang diunggah bukan jenis yang diminta. Periksa kembali berkas Anda."),
    "SUBJECT_NOT_IN_KK": (Severity.ERROR, "Pemohon tidak tercantum pada Kartu Keluarga yang diunggah. Unggah KK keluarga Anda sendiri."),
    # The system, not the application: the automatic check could not finish.
    "NOTHING_TO_CHANGE": (Severity.ERROR, "Data kependudukan sudah berisi nilai yang dimohonkan; tidak ada yang perlu diubah."),
    "PROCESSING_FAILED": (Severity.ERROR, "Pemeriksaan otomatis gagal karena gangguan sistem; verifikator memeriksa dokumen secara langsung."),
    # Mismatches: a human must look.
    "KK_NUMBER_MISMATCH": (Severity.MISMATCH, "Nomor KK pada pindaian berbeda dengan data kependudukan."),
    "NAME_MISMATCH": (Severity.MISMATCH, "Nama pada dokumen berbeda dengan data kependudukan."),
    "NAME_ABBREVIATED": (Severity.MISMATCH, "Nama pada dokumen memakai singkatan; pastikan orangnya sama."),
    "ADDRESS_MISMATCH": (Severity.MISMATCH, "Alamat pada Kartu Keluarga berbeda dengan data kependudukan."),
    "AKTA_NUMBER_MISMATCH": (Severity.MISMATCH, "Bulan atau tahun pada nomor akta nikah tidak sesuai dengan tanggal nikah."),
    "AKTA_NUMBER_FORMAT": (Severity.MISMATCH, "Nomor akta nikah tidak sesuai dengan format yang dikenal."),
    "BIRTH_DATE_MISMATCH": (Severity.MISMATCH, "Tanggal lahir pada dokumen berbeda dengan data kependudukan."),
    "BIRTH_PLACE_MISMATCH": (Severity.MISMATCH, "Tempat lahir pada dokumen berbeda dengan data kependudukan."),
    "PARENT_NAME_MISMATCH": (Severity.MISMATCH, "Nama orang tua pada ijazah tidak sesuai dengan nama ayah atau ibu dalam data kependudukan."),
    "NIK_MISMATCH": (Severity.MISMATCH, "NIK pada dokumen berbeda dengan data kependudukan."),
    "SUBJECT_NOT_SPOUSE": (Severity.MISMATCH, "Pemohon tidak tercantum sebagai suami atau istri pada buku nikah."),
    "ALREADY_MARRIED": (Severity.MISMATCH, "Pemohon sudah berstatus kawin dalam data kependudukan."),
    "REQUESTED_NOT_PROVEN": (Severity.MISMATCH, "Nilai yang dimohonkan tidak dibuktikan oleh dokumen yang diunggah."),
    "UNKNOWN_JENJANG": (Severity.MISMATCH, "Jenjang pendidikan pada ijazah tidak dikenali."),
    "FIELD_NOT_FOUND": (Severity.MISMATCH, "Data yang diperlukan tidak terbaca pada dokumen."),
    # Not read is not absent: what could not be read clearly goes to a verifikator, never to a rejection.
    "KK_NUMBER_UNCLEAR": (Severity.WARNING, "KK tidak terbaca jelas: nomor KK pada pindaian tidak terbaca pasti; "
                                            "verifikator mencocokkan nomor pada pindaian dengan data kependudukan."),
    "KK_NOT_READ": (Severity.MISMATCH, "KK tidak terbaca jelas: daftar anggota keluarga tidak terbaca lengkap, "
                                       "sehingga pemohon belum dapat ditemukan; verifikator memeriksa pindaian."),
    "DOCUMENT_NOT_READ": (Severity.ERROR, "Dokumen tidak terbaca jelas oleh sistem (jenis atau isinya); "
                                          "verifikator memeriksa berkas secara langsung."),
    # Routed to review without a contradiction.
    "LOW_CONFIDENCE": (Severity.WARNING, "Hasil pembacaan dokumen kurang meyakinkan; perlu diperiksa verifikator."),
    "PENDIDIKAN_LOWER": (Severity.WARNING, "Pendidikan yang dimohonkan lebih rendah dari pendidikan saat ini."),
    "MANUAL_REVIEW_REQUIRED": (Severity.INFO, "Koreksi biodata selalu diperiksa oleh verifikator."),
    # A corrected birth date or sex keeps its NIK (Permendagri 108/2019 Pasal 15(3)): review, not rejection.
    "NIK_STRUCTURE": (Severity.MISMATCH, "Struktur NIK tidak sesuai dengan tanggal lahir atau jenis kelamin; perlu diperiksa."),
    # The record's own family data: shown to the verifikator, they do not block an approval.
    "FAMILY_HEAD_COUNT": (Severity.WARNING, "Data keluarga tidak memiliki tepat satu kepala keluarga."),
    "FAMILY_SPOUSE_NOT_MARRIED": (Severity.WARNING, "Anggota keluarga berstatus suami/istri tetapi tidak berstatus kawin."),
    "FAMILY_PARENT_NAMES": (Severity.WARNING, "Nama orang tua seorang anak tidak sesuai dengan kepala keluarga atau pasangannya."),
    # A spouse found on a book of an era without NIKs by name and birth date (crosscheck/_spouse.py): shown, does not
    # block; on a newer book whose NIK was not read, the name and birth date that are the subject's: the evidence for
    # the verifikator, who reads the NIK on the scan (the unread NIK itself is FIELD_NOT_FOUND).
    "SPOUSE_FOUND_BY_NAME": (Severity.INFO, "Buku nikah dari masa sebelum NIK dicantumkan: pemohon dikenali dari nama "
                                            "dan tanggal lahir yang sama dengan data kependudukan."),
    "SPOUSE_NIK_NOT_READ": (Severity.INFO, "NIK pada buku nikah tidak terbaca; nama dan tanggal lahir yang tercantum "
                                           "sama dengan data pemohon. Verifikator mencocokkan NIK pada pindaian."),
    # The record pairs the subject with several members (two wives on one KK, a role or status entered wrongly) and the
    # book without NIKs names none of them clearly: no sure partner, a person decides (crosscheck/_spouse.py).
    "SPOUSE_AMBIGUOUS": (Severity.MISMATCH, "Data kependudukan mencatat lebih dari satu anggota keluarga yang dapat "
                                            "menjadi pasangan pemohon; verifikator memastikan siapa pasangan pada "
                                            "buku nikah."),
    # One letter of the KK header address differs (a likely misread): shown, does not block an approval.
    "ADDRESS_NEAR": (Severity.WARNING, "Satu huruf alamat pada Kartu Keluarga terbaca berbeda dengan data kependudukan."),
    # A name on the KK row or of the other spouse read unsure, its letters the record's, the same person's NIK
    # and birth date on the document the record's: shown, does not block an approval.
    "NAME_CORROBORATED": (Severity.WARNING, "Nama terbaca kurang jelas tetapi hurufnya sama dengan data kependudukan; "
                                            "NIK dan tanggal lahir orang itu pada dokumen yang sama sesuai."),
}


def finding(
    code: str,
    *,
    document: str | None = None,
    field: str | None = None,
    expected: str | None = None,
    found: str | None = None,
) -> Finding:
    severity, message = CATALOGUE[code]
    return Finding(code=code, severity=severity, message=message, document=document, field=field,
                   expected=expected, found=found)
