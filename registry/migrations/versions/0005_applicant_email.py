"""The applicant's optional e-mail address for decision notices, kept with their access to the application.

- `application_access.email`: the address given at filing (null when none was given).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("application_access") as batch:
        batch.add_column(sa.Column("email", sa.String(254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("application_access") as batch:
        batch.drop_column("email")
