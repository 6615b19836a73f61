"""`analyze` tells the user, on standard error, what it kept despite bad metadata."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from communique.cli.main import app


def test_analyze_prints_each_warning_on_stderr(tmp_path):
    feed = tmp_path / "feed.jsonl"
    line = {"text": "President Joe Biden said on Tuesday that the talks would continue.", "published": "Wed Nov 23"}
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    for output_format in ("text", "json"):
        result = CliRunner().invoke(app, ["analyze", str(feed), "--format", output_format])
        assert result.exit_code == 0, result.output
        warnings = [w for w in result.stderr.splitlines() if w.startswith("warning:")]
        assert len(warnings) == 1 and "W001" in warnings[0] and f"{feed}:1" in warnings[0]
