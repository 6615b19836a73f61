"""The nlp stage: one spaCy pipeline per process, and the helpers extractors share.

Owns: loading the spaCy model, turning an Article into a Doc whose text is exactly
``article.text`` (so token offsets are article offsets), paragraph-aware sentence boundaries and
the boilerplate mask, and the caps that keep one article's cost bounded (tokens per sentence and per
article). Must not: extract anything, or know about the store.
"""

from communique.nlp.document import content_sentences, is_boilerplate, make_doc, split_sentences
from communique.nlp.loader import load_pipeline

__all__ = ["content_sentences", "is_boilerplate", "load_pipeline", "make_doc", "split_sentences"]
