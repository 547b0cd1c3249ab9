"""Fixtures shared by the whole suite. Real parts are started once per session, on free ports."""

pytest_plugins = [
    "tests.fixtures.api",
    "tests.fixtures.pki",
    "tests.fixtures.postgres",
    "tests.fixtures.seaweed",
    "tests.fixtures.stack",
]
