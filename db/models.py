"""Imports every area's models so that Base.metadata is complete (Alembic and tests use it).

The one root module that names the areas: the schema is the sum of them. A new area adds its
models module here.
"""
from db import changes, settings  # noqa: F401
from db.base import Base
from db.codelists import models as codelist_models  # noqa: F401
from db.directory import models as directory_models  # noqa: F401
from db.meetings import models as meeting_models  # noqa: F401
from db.plan import models as plan_models  # noqa: F401

metadata = Base.metadata
