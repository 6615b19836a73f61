"""The extract stage: each subpackage owns one kind of annotation.

Protocol every extractor follows (the pipeline composes them in ``communique.pipeline``):

    class SomeExtractor:
        def __init__(self, settings: Settings) -> None: ...   # load lexicons/models once
        def __call__(self, doc: Doc, article: Article) -> None: ...  # fill article in place

``doc.text == article.text`` always, so token offsets are article offsets. Extractors must skip
boilerplate (``communique.nlp.is_boilerplate``), may read what earlier extractors wrote on the
article, and must not import the store, the query layer or the CLI. Order (see pipeline.py):
time -> attribution -> actors -> places -> dating of statements.
"""
