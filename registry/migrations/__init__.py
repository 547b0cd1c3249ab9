"""Alembic migrations of the population record (run by `registry.migrate`, never by hand-written DDL)."""
