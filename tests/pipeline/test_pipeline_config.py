"""The Analyzer is built from the shipped pipeline config, and a run can choose its extractors
(``Settings.extractors``, the CLI's --only / --without) through ``nlp.select_pipes``."""

from __future__ import annotations

import pytest

from communique.extract import components
from communique.errors import UsageError
from communique.model import Article
from communique.extract.components import pipeline_config
from communique.pipeline import Analyzer, ingest_paths
from communique.settings import Settings

TEXT = "Sergei Lavrov said on Monday in Moscow that talks with Ukraine would resume."


def test_the_analyzer_runs_the_configured_components_in_order_with_the_run_settings():
    analyzer = Analyzer(Settings(published="2024-08-18"))
    configured = list(pipeline_config()["nlp"]["pipeline"])
    assert [name for name, _ in analyzer.extractor_pipes] == configured
    assert analyzer.nlp.pipe_names[-len(configured):] == configured
    assert analyzer.nlp.get_pipe_config("communique_times")["published"] == "2024-08-18"
    assert analyzer.nlp.get_pipe_config("communique_attribution")["accurate"] is False


def test_only_some_extractors_run_when_chosen():
    analyzer = Analyzer(Settings(extractors=("times", "attribution")))
    assert set(analyzer.nlp.disabled) == {
        "communique_actors", "communique_places", "communique_events", "communique_dating"
    }
    article = analyzer.analyze_article(Article(text=TEXT))
    assert article.times and article.statements
    assert not article.places and not article.actors and not article.mentions
    assert article.statements[0].time is None  # dating left out


def test_the_full_pipeline_is_unchanged_by_a_choice_in_another_analyzer():
    Analyzer(Settings(extractors=("times",)))
    article = Analyzer(Settings()).analyze_article(Article(text=TEXT))
    assert article.places and article.actors and article.statements[0].time is not None


def test_an_unknown_extractor_in_the_settings_is_refused():
    with pytest.raises(UsageError) as caught:
        Analyzer(Settings(extractors=("speakers",)))
    assert caught.value.code.name == "E041"


def test_an_ingest_refuses_a_partial_analysis(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        ingest_paths([tmp_path / "a.txt"], tmp_path / "db.duckdb", Settings(extractors=("times",)))
    assert caught.value.code.name == "E045"
    assert not (tmp_path / "db.duckdb").exists()


def test_an_unreadable_pipeline_config_is_named(monkeypatch):
    monkeypatch.setattr(components, "PIPELINE_CONFIG", "missing.cfg")
    with pytest.raises(UsageError) as caught:
        pipeline_config()
    assert caught.value.code.name == "E044" and "missing.cfg" in caught.value.reason


def test_only_what_the_run_gives_overrides_the_config():
    from communique.extract.components import config_overrides

    assert config_overrides(Settings()) == {}
    assert config_overrides(Settings(published="2024-08-18", accurate_attribution=True)) == {
        "published": "2024-08-18", "accurate": True
    }
