"""Imports every model so that Base.metadata is complete (Alembic and tests use it)."""
from db import codelists, directory, settings  # noqa: F401
from db.base import Base

metadata = Base.metadata
