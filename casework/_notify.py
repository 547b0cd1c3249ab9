"""Optional e-mail to the applicant when their application is decided.

At filing the applicant may give an address (`file_with_access(email=)`, kept by `registry.ApplicantAccess`).
`notify_decision` tells them, in Indonesian, what became of it: approved (once the signed KK is archived),
rejected (with the reason), or waiting for a verifikator. It is called after the decision is committed and
never fails its caller: no address, no SMTP server (`smtp_host` unset), or a server that refuses or does
not answer all end in a log line that names only the application id and the error's kind (no address, no
NIK, no name).

    Mailer           one method: send(message); `SmtpMailer` is the real one (smtplib, STARTTLS when offered)
    check_email(s)   an address as given at filing, or `InputError` (422) with an Indonesian message
"""

from __future__ import annotations

import logging
import re
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from core import CapilError, InputError, Settings, Status

from ._services import Services

log = logging.getLogger(__name__)

SMTP_TIMEOUT_S = 15
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class SmtpMailer:
    """Plain SMTP to `host:port`, upgraded with STARTTLS when the server offers it."""

    host: str
    port: int
    sender: str

    def send(self, message: EmailMessage) -> None:
        message["From"] = self.sender
        # our name in EHLO from the sender's domain: smtplib would look up this host's FQDN, which can stall
        domain = self.sender.rpartition("@")[2] or "localhost"
        with smtplib.SMTP(self.host, self.port, local_hostname=domain, timeout=SMTP_TIMEOUT_S) as smtp:
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls()
                smtp.ehlo()
            smtp.send_message(message)


def mailer_for(settings: Settings) -> Mailer | None:
    """The office's mailer, or None when no SMTP server is configured (notices are off)."""
    if not settings.smtp_host:
        return None
    return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.smtp_from or f"capil@{settings.smtp_host}")


def check_email(value: str | None) -> str | None:
    """The address as given at filing, trimmed; None when none was given; `InputError` when it is no address."""
    address = (value or "").strip()
    if not address:
        return None
    if len(address) > 254 or not _EMAIL.match(address):
        raise InputError("the e-mail address is not valid", message_id="Alamat e-mail tidak sah.")
    return address


_SUBJECTS = {
    Status.APPROVED: "Permohonan {code} disetujui: KK baru siap diunduh",
    Status.REJECTED: "Permohonan {code} ditolak",
    Status.NEEDS_REVIEW: "Permohonan {code} sedang diperiksa petugas",
}


def _body(status: Status, *, code: str, office: str, note: str | None) -> str:
    if status == Status.APPROVED:
        what = ("Permohonan Anda telah disetujui. Data kependudukan Anda sudah diubah dan Kartu Keluarga baru "
                "yang bertanda tangan elektronik dapat diunduh melalui tautan status yang Anda simpan saat "
                "mengirim permohonan.")
    elif status == Status.REJECTED:
        what = "Permohonan Anda ditolak." + (f"\n\nAlasan: {note}" if note else "") + (
            "\n\nRincian dan langkah yang dapat Anda lakukan ada pada halaman status permohonan "
            "(tautan yang Anda simpan saat mengirim permohonan).")
    else:
        what = ("Dokumen Anda perlu diperiksa oleh petugas verifikasi. Anda tidak perlu datang ke kantor; "
                "kami mengabarkan hasilnya melalui e-mail ini dan halaman status permohonan.")
    return (f"Yth. Pemohon,\n\n{what}\n\nKode pelacakan: {code}\n\nSalam,\n{office}\n\n"
            "E-mail ini dikirim otomatis; mohon tidak membalasnya.\n")


def decision_notice(svc: Services, application_id: str) -> EmailMessage | None:
    """The notice for the application as it stands, or None when there is nothing to tell or no address."""
    address = svc.access.email(application_id)
    if address is None:
        return None
    app = svc.applications.get(application_id)
    if app.status not in _SUBJECTS or (app.status == Status.APPROVED and app.document is None):
        return None  # still processing, or approved but not yet signed and archived
    code = svc.access.tracking_code(application_id) or application_id
    message = EmailMessage()
    message["To"] = address
    message["Subject"] = _SUBJECTS[app.status].format(code=code)
    message.set_content(_body(app.status, code=code, office=svc.settings.office_name, note=app.decision_note))
    return message


def notify_decision(svc: Services, application_id: str, *, mailer: Mailer | None = None) -> bool:
    """Tell the applicant what became of their application, if they gave an address and mail is on.
    True when a notice was handed to the SMTP server. Never raises."""
    try:
        mailer = mailer or mailer_for(svc.settings)
        if mailer is None:
            return False
        message = decision_notice(svc, application_id)
        if message is None:
            return False
        mailer.send(message)
    except (OSError, smtplib.SMTPException, CapilError) as e:
        log.warning("application %s: decision notice not sent (%s)", application_id, type(e).__name__)
        return False
    except Exception as e:  # a notice must never undo or hold up a decision
        log.error("application %s: decision notice failed (%s)", application_id, type(e).__name__)
        return False
    log.info("application %s: decision notice sent", application_id)
    return True


def notify_in_background(svc: Services, application_id: str) -> threading.Thread | None:
    """`notify_decision` on a daemon thread, so a slow SMTP server never holds up the request that decided."""
    if not svc.settings.smtp_host:
        return None
    thread = threading.Thread(target=notify_decision, args=(svc, application_id), daemon=True,
                              name=f"notify-{application_id}")
    thread.start()
    return thread
