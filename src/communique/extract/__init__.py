"""The extract stage: each subpackage owns one kind of annotation.

Protocol every extractor follows (the pipeline composes them in ``communique.pipeline``):

    class SomeExtractor:
        def __init__(self, settings: Settings) -> None: ...   # load lexicons/models once
        def __call__(self, doc: Doc, article: Article) -> None: ...  # fill article in place

Each extractor runs as a spaCy component (``extract/components.py`` registers them with
``@Language.factory`` and writes their results to ``Doc._.communique_*``; ``data/pipeline.cfg``
lists them in order). An extractor package never imports another's modules (an import-linter
contract): it reads the earlier extractors' output on the Article, and what several ask lives in
``extract/entities``.

``doc.text == article.text`` always, so token offsets are article offsets. Extractors must skip
boilerplate (``communique.nlp.is_boilerplate``), may read what earlier extractors wrote on the
article, and must not import the store, the query layer or the CLI. Order:
times -> attribution -> actors -> places -> events -> dating (data/pipeline.cfg).
"""
