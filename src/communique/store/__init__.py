"""store stage: the DuckDB database that holds analyzed articles and failed items.

Owns: the schema (``schema.py``), the article <-> rows conversion (``rows.py``) and the
database handle (``database.py``). Must not: analyze text or build queries for users
(``communique.query`` reads what this stage writes). Offsets are Python string indices into
``articles.text``; in SQL use ``span_text(text, start, "end")`` (see ``schema.py``).
"""

from .database import Database
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Database"]
