"""Speaker resolution accuracy on a set of hard cases (``communique eval speakers [FILE]``).

Owns: reading a JSON Lines file of cases (``text``, the speaker ``mention`` as written, the
``cue`` of its statement, the expected ``name``, and a ``case`` label) and scoring the extractor
on it. Must not: tune the resolver. Without a file, the cases shipped in
``eval/attribution/speaker_cases.jsonl`` are used: passages of the reference article and
passages written for the project (pronouns across sentences and paragraphs, role descriptors,
relative pronouns, capitals and countries as governments, groups).

Each case runs through the whole pipeline (attribution, then the actor linker, as ``analyze``
does). A case is right when it finds a statement whose speaker text is the mention and whose cue
contains the given cue word, and its ``speaker.name`` equals the expected name or its actor is
the one the expected name resolves to. A case whose statement is not found counts as wrong and is
listed as "not found".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from communique.errors import Code, UsageError
from communique.evaluate.cases import numbered_lines
from communique.evaluate.report import EvalReport
from communique.model import Article
from communique.settings import Settings


def load_cases(path: Path | None) -> tuple[list[dict[str, Any]], str]:
    """The cases of ``path`` (or the shipped set) and a name for the data set."""
    lines, dataset = numbered_lines(path, "attribution/speaker_cases.jsonl", "communique speaker cases")
    cases = []
    for number, line in lines:
        try:
            case = json.loads(line)
            if not all(isinstance(case.get(k), str) for k in ("text", "mention", "cue", "name")):
                raise ValueError("needs string fields text, mention, cue, name")
        except ValueError as exc:
            raise UsageError(Code.E403, path=dataset, line=number, detail=str(exc)) from exc
        cases.append(case)
    return cases, dataset


def evaluate(path: Path | None, settings: Settings, **_: Any) -> EvalReport:
    """Resolve the speaker of every case and report accuracy, with one row per case."""
    from communique.extract.entities.kb import load_kb, resolve_name
    from communique.pipeline import Analyzer

    cases, dataset = load_cases(path)
    # the whole pipeline, as `analyze` runs it: the actor linker has the last word on a name
    # (a descriptor the attribution resolver leaves as written, "the Chinese leader", is the
    # knowledge base's office holder or the holder the article named)
    analyzer = Analyzer(settings)
    kb = load_kb(tuple(settings.actor_files))
    report = EvalReport(task="speakers", dataset=dataset)
    right = found_count = 0
    for case in cases:
        article = analyzer.analyze_article(Article(text=case["text"]))
        matches = [
            s for s in article.statements
            if s.speaker.text == case["mention"] and case["cue"].lower() in s.cue.text.lower()
        ]
        got = matches[0].speaker.name if matches else None
        found_count += bool(matches)
        # the linker writes the knowledge base's spelling ("Sergey Lavrov" for the article's
        # "Sergei Lavrov"): the same actor is the same speaker
        expected = resolve_name(case["name"], kb=kb)
        same_actor = bool(matches) and expected is not None and matches[0].speaker.actor == expected.id
        ok = got == case["name"] or same_actor
        right += ok
        report.rows.append(
            {
                "case": case.get("case", ""),
                "mention": case["mention"],
                "expected": case["name"],
                "got": got if matches else "(not found)",
                "correct": ok,
            }
        )
    total = len(cases)
    report.summary["speaker_accuracy"] = round(100.0 * right / total, 1) if total else 0.0
    report.summary["statement_found"] = round(100.0 * found_count / total, 1) if total else 0.0
    report.notes.append(f"{right} of {total} speakers resolved correctly; {found_count} statements found")
    return report
