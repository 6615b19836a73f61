"""The actor network as files: GraphML (for Gephi, Cytoscape, networkx) and Parquet.

Owns: turning network edge rows into a directed multigraph (networkx) or an Arrow table.
Must not: decide what an edge is (``store/record_schema.py``'s ``edges`` view does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Code, UsageError


# The columns of an edge row, so an empty network still writes a file a reader can open.
EDGE_SCHEMA = pa.schema(
    [("source", pa.string()), ("source_name", pa.string()), ("target", pa.string()),
     ("target_name", pa.string()), ("relation", pa.string()), ("kind", pa.string()),
     ("weight", pa.int64()), ("first", pa.string()), ("last", pa.string())]
)


def to_graph(edges: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """Actors as nodes (``name`` attribute), one edge per (source, target, relation) with its
    ``relation``, ``kind`` (claim or event), ``weight`` and the first and last date."""
    graph = nx.MultiDiGraph()
    for edge in edges:
        graph.add_node(edge["source"], name=edge["source_name"] or edge["source"])
        graph.add_node(edge["target"], name=edge["target_name"] or edge["target"])
        graph.add_edge(
            edge["source"],
            edge["target"],
            key=f"{edge['kind']}:{edge['relation']}",
            relation=edge["relation"],
            kind=edge["kind"],
            weight=int(edge["weight"]),
            first=edge["first"] or "",
            last=edge["last"] or "",
        )
    return graph


def write(edges: list[dict[str, Any]], out: Path, fmt: str) -> int:
    """Write the edges to ``out`` as ``graphml`` or ``parquet``; returns the number of edges."""
    try:
        if fmt == "graphml":
            nx.write_graphml(to_graph(edges), out)
        elif fmt == "parquet":
            pq.write_table(pa.Table.from_pylist(edges, schema=EDGE_SCHEMA), out)
        else:
            raise UsageError(Code.E301, value=fmt, choices="text, json, graphml, parquet")
    except OSError as exc:
        raise UsageError(Code.E307, path=out, detail=exc.strerror or str(exc)) from exc
    return len(edges)
