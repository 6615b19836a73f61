"""Small event data files the events evaluation tests write: a PLV-format TSV and a zip shaped
like the NGEC synthetic stories'."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

PLV_HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
# three marked sentences of three PLV classes, each typed right by the shipped models
TINY_PLV = [
    ("<s>Ukraine</s> accuses <t>Russia</t> of sending tanks.", "ACCUSE"),
    ("<s>Russian troops</s> attacked <t>Ukrainian positions</t> near Kharkiv.", "ASSAULT"),
    ("<s>The two leaders</s> met with <t>the Pope</t> in Rome on Monday.", "CONSULT"),
]
NGEC_ZIP = "gpt_synthetic_events_2023-10-19_19.csv.zip"


@pytest.fixture
def write_plv(tmp_path):
    """``write_plv(rows=TINY_PLV, name=...)``: a PLV TSV of (marked sentence, gold root) rows."""

    def write(rows=TINY_PLV, name="held_out.tsv"):
        path = tmp_path / name
        lines = [f"{k}\t{k}\tx\t{marked}\ts\tt\t{label}\n" for k, (marked, label) in enumerate(rows)]
        path.write_text(PLV_HEADER + "".join(lines), encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_ngec(tmp_path):
    """``write_ngec(stories)``: the NGEC zip (one CSV, the same columns) of (text, label) stories."""

    def write(stories):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
        for text, label in stories:
            writer.writerow(["synthetic", text, "t", "Reuters", "p", label, ""])
        archive = tmp_path / NGEC_ZIP
        with zipfile.ZipFile(archive, "w") as bundle:
            bundle.writestr("stories.csv", buffer.getvalue())
        return archive

    return write
