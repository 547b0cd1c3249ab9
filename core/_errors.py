"""The error tree. Every error Capil raises on purpose is a `CapilError`.

    CapilError                      exit 1, HTTP 500
    ├── InputError                  exit 2, HTTP 400/422: the caller sent something we cannot use
    │   ├── UnsupportedFile         not a PNG/JPEG/TIFF/WebP/PDF, or empty
    │   ├── FileTooLarge            bytes, pixels or pages over the limit (HTTP 413)
    │   │   └── ResourceLimitExceeded   reading it went over the reader's memory, CPU or time limit
    │   ├── UnreadableDocument      decodes, but no document could be read from it
    │   ├── DocumentTypeMismatch    declared type differs from what the file looks like
    │   └── InvalidPopulation       population file refused; `problems` lists every JSON path
    ├── NotFound                    exit 3, HTTP 404
    │   ├── UnknownPerson           no person with that NIK
    │   ├── UnknownApplication      no application with that id
    │   └── NoArchivedDocument      the application has no signed document (yet)
    ├── Conflict                    exit 4, HTTP 409: the request is valid but not now
    ├── IntegrityAlarm              exit 5, HTTP 500: stored bytes or a signature failed verification
    ├── ServiceUnavailable          exit 6, HTTP 503, retryable: a service we depend on did not answer
    └── ConfigurationError          exit 7, HTTP 500: settings or local installation are wrong

Each class carries `code` (stable, for machines), `exit_code` (CLI), `http_status`
and `retryable`. `message` is English for operators and logs; `message_id` is
Indonesian for applicants and verifikators. Neither may contain a NIK, a name or
document text: errors end up in logs.
"""

from __future__ import annotations


class CapilError(Exception):
    code = "INTERNAL_ERROR"
    exit_code = 1
    http_status = 500
    retryable = False
    message_id = "Terjadi kesalahan pada sistem. Silakan coba lagi atau hubungi petugas."

    def __init__(self, message: str, *, message_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if message_id is not None:
            self.message_id = message_id


class InputError(CapilError):
    code = "INVALID_INPUT"
    exit_code = 2
    http_status = 422
    message_id = "Data yang dikirim tidak dapat diproses."


class UnsupportedFile(InputError):
    code = "UNSUPPORTED_FILE"
    http_status = 415
    message_id = "Jenis berkas tidak didukung. Unggah PNG, JPEG, TIFF, WebP atau PDF."


class FileTooLarge(InputError):
    code = "FILE_TOO_LARGE"
    http_status = 413
    message_id = "Berkas terlalu besar. Unggah pindaian dengan ukuran atau jumlah halaman lebih kecil."


class ResourceLimitExceeded(FileTooLarge):
    """Reading the file went over a limit of the caged reader (`ocr.Cage`): `limit` says which.

    `memory`: the address-space cap (a decompression or pixel bomb); `cpu`: CPU seconds for one read;
    `time`: wall-clock seconds for one read. Not retryable: the same file hits the same limit.
    """

    code = "RESOURCE_LIMIT_EXCEEDED"
    message_id = ("Berkas terlalu besar untuk diproses: membacanya melampaui batas memori atau waktu. Unggah "
                  "pindaian biasa (200–300 dpi, paling banyak 10 halaman).")

    def __init__(self, message: str, *, limit: str, message_id: str | None = None) -> None:
        super().__init__(message, message_id=message_id)
        self.limit = limit


class UnreadableDocument(InputError):
    code = "UNREADABLE_DOCUMENT"
    message_id = "Dokumen tidak dapat dibaca. Unggah pindaian yang lebih jelas."


class DocumentTypeMismatch(InputError):
    code = "DOCUMENT_TYPE_MISMATCH"
    message_id = "Jenis dokumen tidak sesuai dengan yang diminta."


class InvalidPopulation(InputError):
    code = "INVALID_POPULATION"
    message_id = "Berkas data penduduk ditolak karena ada nilai yang tidak sah."

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"population file refused: {len(problems)} problem(s): " + "; ".join(problems[:5]))


class NotFound(CapilError):
    code = "NOT_FOUND"
    exit_code = 3
    http_status = 404
    message_id = "Data tidak ditemukan."


class UnknownPerson(NotFound):
    code = "UNKNOWN_NIK"
    message_id = "NIK tidak terdaftar dalam data kependudukan."


class UnknownApplication(NotFound):
    code = "UNKNOWN_APPLICATION"
    message_id = "Permohonan tidak ditemukan."


class NoArchivedDocument(NotFound):
    code = "NO_ARCHIVED_DOCUMENT"
    message_id = "Permohonan ini belum memiliki dokumen yang ditandatangani."


class Conflict(CapilError):
    code = "CONFLICT"
    exit_code = 4
    http_status = 409
    message_id = "Permintaan tidak dapat diproses pada status saat ini."


class IntegrityAlarm(CapilError):
    code = "INTEGRITY_ALARM"
    exit_code = 5
    http_status = 500
    message_id = "Dokumen arsip gagal diverifikasi. Petugas telah diberi tahu."


class ServiceUnavailable(CapilError):
    code = "SERVICE_UNAVAILABLE"
    exit_code = 6
    http_status = 503
    retryable = True
    message_id = "Layanan sedang tidak tersedia. Silakan coba beberapa saat lagi."


class ConfigurationError(CapilError):
    code = "CONFIGURATION_ERROR"
    exit_code = 7
    http_status = 500
