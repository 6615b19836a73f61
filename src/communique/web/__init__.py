"""web layer: ``communique serve``, a read-only browser view of the record with a JSON twin of
every page (``/api/...``).

Owns: the ASGI app (:func:`create_app`), its pages and templates, and every asset it serves
(``static/``: nothing is fetched from outside, because users run it offline). Must not: write to
the database, hold SQL (the query layer answers), or keep the file open between requests.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
