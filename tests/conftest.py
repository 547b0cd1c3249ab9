"""Fixtures shared by the whole suite. Real parts are started once per session, on free ports."""

import functools
import hashlib
from collections.abc import Iterator

import pytest

pytest_plugins = [
    "tests.fixtures.api",
    "tests.fixtures.pki",
    "tests.fixtures.postgres",
    "tests.fixtures.seaweed",
    "tests.fixtures.stack",
]


@pytest.fixture(scope="session", autouse=True)
def scrypt_once_per_input() -> Iterator[None]:
    """`hashlib.scrypt` computed once per input for the session: a password hashed when a test makes an
    account is checked at its login from the same derivation (about a third of a second of CPU each at
    the production parameters, which stay as they are). scrypt is a pure function of its arguments, so
    every hash and every check gives exactly the bytes it would; a wrong password or a new salt is a new
    input and is derived for real."""
    real = hashlib.scrypt
    derived = functools.cache(real)

    def scrypt(password: bytes, *, salt: bytes, n: int, r: int, p: int, maxmem: int = 0, dklen: int = 64) -> bytes:
        return derived(bytes(password), salt=bytes(salt), n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)

    hashlib.scrypt = scrypt  # type: ignore[assignment]
    try:
        yield
    finally:
        hashlib.scrypt = real
