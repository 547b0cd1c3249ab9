"""Password hashes (scrypt, stdlib) and random secrets kept only as their sha256.

A password hash is one string that carries everything needed to check it again:

    scrypt$<n>$<r>$<p>$<salt, base64>$<derived key, base64>

with a random 16-byte salt per hash. The parameters are one of OWASP's scrypt equivalents
(N=2^15, r=8, p=3: 32 MiB and about a third of a second per check); a hash made with weaker
parameters still verifies and `needs_rehash` says to replace it at the next login. Only a few
checks run at once (`_KDF_SLOTS`), so a burst of logins cannot exhaust memory.

Session ids, API tokens and applicants' status tokens are 256-bit random strings: a sha256 of
one is as good as a password hash of it, and it can be looked up by equality.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import threading

N, R, P = 2**15, 8, 3
"""Current scrypt parameters (CPU/memory cost, block size, parallelization)."""
_DKLEN = 32
_SALT_BYTES = 16
_MAXMEM = 256 * 1024 * 1024
_KDF_SLOTS = threading.BoundedSemaphore(4)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _KDF_SLOTS:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_DKLEN)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A new hash of `password` with a fresh salt and the current parameters."""
    salt = secrets.token_bytes(_SALT_BYTES)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_scrypt(password, salt, N, R, P))}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        return n, r, p, base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches `stored` (constant-time comparison of the derived keys)."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), expected)


def needs_rehash(stored: str) -> bool:
    """A hash made with other parameters than the current ones."""
    parsed = _parse(stored)
    return parsed is None or parsed[:3] != (N, R, P)


@functools.cache
def dummy_hash() -> str:
    """Checked against when a login names no account, so that it costs as much as a real one."""
    return hash_password(secrets.token_urlsafe(16))


def password_problem(password: str, *, name: str) -> str | None:
    """Why a password may not be used, or None."""
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password must have at most {MAX_PASSWORD} characters"
    if password.strip().lower() == name.lower():
        return "the password must not be the user name"
    return None


def new_secret(prefix: str) -> str:
    """A random 256-bit secret, URL-safe, with a prefix that says what it is for."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The sha256 (hex) under which a secret is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
