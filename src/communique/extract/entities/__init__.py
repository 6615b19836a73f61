"""What several extractors ask about the people, organisations and places a text names, owned by
none of them: the actor knowledge base (``entries``, ``kb``, ``kb_io``, ``roles``,
``role_phrases``, over ``data/actors/``), whether a place name acts as a state (``metonymy``) and
whether a name is put beside a noun (``apposition``).

Extractors may import this package; it imports no extractor (the import-linter contract in
pyproject keeps the extractor packages independent: one reads another's output only on the Doc
and the Article). Must not: annotate an article.
"""
