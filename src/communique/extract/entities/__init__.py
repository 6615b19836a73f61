"""The entity stage: who the people, organisations and places a text names are, owned by no
extractor. ``article.ArticleEntities`` is one article's resolution: the speaker a mention is
(``speakers``, over the article's name chains in ``names``; attribution asks it) and the actor
each mention, speaker and event party is (``mentions``; the actors extractor runs it). Under it:
the actor knowledge base (``entries``, ``kb``, ``kb_io``, ``roles``, ``role_phrases``, over
``data/actors/``), whether a place name acts as a state (``metonymy``) and whether a name is put
beside a noun (``apposition``).

Extractors may import this package; it imports no extractor (the import-linter contract in
pyproject keeps the extractor packages independent: one reads another's output only on the Doc
and the Article). Must not: make statements, events or places, or change spans.
"""
