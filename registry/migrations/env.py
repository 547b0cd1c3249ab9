"""Alembic environment: always handed an open connection by `registry._migrate` (no alembic.ini, no URL here)."""

from alembic import context

from registry._schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
