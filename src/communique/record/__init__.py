"""record stage: the corpus-level record built from the stored articles.

Owns: wire copies (near-duplicate articles), claims (one saying however often reported),
answers across articles (denials, rejections, confirmations, admissions), and each claim's stated
position; the tables are in ``store/record_schema.py`` and the network and positions views over
them. Must not: analyze text (the extract stage did) or format answers (``communique.query``
reads the record; the CLI and web layers render it).

The flow is in ``update.py``; each step owns one module: ``duplicates`` (MinHash + LSH),
``reports`` (what the record reads of a statement), ``speakers`` (one key per speaker, however
outlets name them), ``said`` (when it was said), ``text``
(content terms and their similarity), ``vectors`` (the optional MiniLM encoder), ``claims``,
``answers`` and ``polarity``.

Order. Claims are built greedily, oldest publication first within each update; an ingest updates
the record after every stored batch, so articles ingested out of date order (an old archive added
after this week's news) can group differently from a rebuild over the same articles. `communique
record --rebuild` (``clear_record`` then ``update_record``) gives the order-independent result.
"""

from __future__ import annotations

from .update import RecordSummary, clear_record, update_record

__all__ = ["RecordSummary", "clear_record", "update_record"]
