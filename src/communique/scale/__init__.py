"""Ingest beyond one process: partitions analysed on a Dask cluster, written as Parquet shards,
loaded into DuckDB by the client (``communique ingest --engine dask``).

Sits above ``communique.pipeline`` in the layers: it reuses the pipeline's analyser and corpus
record, the ingest stage's readers and the store's schema. Dask itself is imported only when a
cluster is started (the ``dask`` extra); everything else here runs without it.
"""

from communique.scale.dask_runner import ScaleSummary, import_distributed, ingest_dask

__all__ = ["ScaleSummary", "import_distributed", "ingest_dask"]
