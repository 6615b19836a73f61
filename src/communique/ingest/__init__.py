"""The ingest stage: input paths in, Articles and Failures out, one item at a time.

Owns: reading every input kind (plain text, directories, JSON Lines, HTML, WARC, gzip'd text,
standard input) into :class:`communique.model.Article` objects whose ``text`` is exactly what
every later offset indexes, with title, url, outlet, published date, language, source and the
boilerplate spans filled in; and turning every bad item into a :class:`communique.model.Failure`
with a one-line reason naming the item (``path``, ``path:LINE``, ``path#RECORD``).
Must not: analyze text (that is ``nlp`` and ``extract``), store anything, print, or let an
exception escape for a bad item: the rest of the batch always goes on.

Size limits: files read whole (text, HTML, ``.gz`` text, standard input) are refused above
``settings.max_bytes`` from ``stat`` before a byte is read (E005). JSON Lines and WARC files are
streamed a line or record at a time, so the limit applies to each line or record instead.
Articles longer than ``settings.max_chars`` after extraction are refused (E016).

The flow, for each path given:
  1. ``-`` is standard input; a folder is walked (sorted, hidden entries skipped);
  2. a file's reader is chosen by its name (``files.input_kind``);
  3. the reader decodes (``decode``) and extracts text and metadata (``html``, ``jsonl``, ``warc``);
  4. ``article.build_article`` checks it and fills language, date basis, headline, boilerplate.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from communique.errors import Code, CommuniqueError, ItemError
from communique.ingest.article import to_failure
from communique.ingest.decode import one_line
from communique.ingest.files import STDIN_NAME, read_file, read_stdin, walk
from communique.model import Article, Failure
from communique.settings import Settings

__all__ = ["read_items"]


def read_items(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Failure]:
    """Yield one Article or Failure per input item of ``paths``, lazily and in order.

    ``"-"`` reads standard input; a directory yields its files recursively in sorted order.
    JSON Lines yield one item per line and WARC files one per HTML response. Never raises for
    a bad item; only the consumer's own errors (or KeyboardInterrupt) stop the iteration.
    """
    for given in paths:
        if str(given) == "-":
            yield from _guarded(STDIN_NAME, lambda: read_stdin(getattr(sys.stdin, "buffer", None), settings))
            continue
        path = Path(given)
        try:
            is_folder = path.is_dir()
            exists = is_folder or path.exists()
        except OSError as exc:
            yield to_failure(str(path), ItemError(Code.E015, detail=exc.strerror or one_line(exc)))
            continue
        if not exists:
            yield to_failure(str(path), ItemError(Code.E001))
        elif is_folder:
            for entry in walk(path):
                if isinstance(entry, Failure):
                    yield entry
                else:
                    yield from _guarded(str(entry), lambda entry=entry: read_file(entry, settings))
        else:
            yield from _guarded(str(path), lambda: read_file(path, settings))


Items = Iterator[Article | Failure]


def _guarded(source: str, make_items: Callable[[], Items]) -> Items:
    """Run one item's reader; whatever goes wrong becomes a Failure naming ``source``.

    Readers raise ItemError/SkippedItem for a bad item, and yield failures themselves for bad
    lines or records inside a file. OS errors (permissions, a path that is not a regular file)
    are E015; anything unforeseen is E018 with its type, so one broken item cannot end a batch.
    """
    try:
        yield from make_items()
    except CommuniqueError as error:
        yield to_failure(source, error)
    except OSError as exc:
        yield to_failure(source, ItemError(Code.E015, detail=exc.strerror or one_line(exc)))
    except Exception as exc:  # a reader bug or a library's surprise: record it, keep going
        yield to_failure(source, ItemError(Code.E018, detail=f"{type(exc).__name__}: {one_line(exc)}"))
