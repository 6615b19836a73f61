"""Toponym resolution scored on gold toponyms (LGL, GeoVirus: Gritta et al.'s XML formats).

Owns: reading the two corpus formats and scoring our resolver on the gold spans: accuracy
within 161 km (100 miles, the field's usual tolerance), exact GeoNames id where the gold has
one, and the median error; the population-ranked baseline is scored in the same run. Must not
print, or be needed at run time of the product.

By default the gold spans are given, as in the published comparisons (Mordecai3, CamCoder), and
every span of an article is resolved together so the resolver sees the article's other places as
it does in the pipeline. ``end_to_end`` scores what a user gets: our own recognizer finds the
toponyms, and a gold toponym it misses counts as wrong.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from communique.errors import Code, UsageError
from communique.evaluate.report import EvalReport, prf
from communique.extract.places import PlaceResolver
from communique.extract.places.gazetteer import load_gazetteer
from communique.extract.places.resolve import haversine_km, population_baseline, resolve_mentions
from communique.model import Article, Place
from communique.nlp import load_pipeline, make_doc
from communique.settings import Settings

TOLERANCE_KM = 161.0


@dataclass
class GoldToponym:
    """One gold toponym: its span in the article text and where it is."""

    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None


def read_corpus(path: Path) -> list[tuple[str, list[GoldToponym]]]:
    """Articles of an LGL (``toponyms/toponym/gaztag``) or GeoVirus (``locations/location``)
    file as ``(text, gold toponyms)``; toponyms without coordinates are left out."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise UsageError(Code.E702, path=path, detail=str(exc)) from exc
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold: list[GoldToponym] = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            gold.append(GoldToponym(int(toponym.findtext("start")), int(toponym.findtext("end")),
                                    float(tag.findtext("lat")), float(tag.findtext("lon")),
                                    int(tag.get("geonameid")) if tag.get("geonameid") else None))
        for location in article.iter("location"):
            start = _align(text, location.findtext("name") or "", int(location.findtext("start")))
            gold.append(GoldToponym(start, start + len(location.findtext("name") or ""),
                                    float(location.findtext("lat")),
                                    float(location.findtext("lon")), None))
        articles.append((text, gold))
    if not articles:
        raise UsageError(Code.E702, path=path, detail="no <article> elements")
    return articles


def _align(text: str, name: str, start: int) -> int:
    """GeoVirus offsets are often one character late; find the name at or next to ``start``."""
    for shift in (0, -1, 1, -2, 2, -3, 3):
        if text[start + shift:start + shift + len(name)] == name:
            return start + shift
    return start


def evaluate(path: Path, settings: Settings, *, limit: int | None = None,
             end_to_end: bool = False) -> EvalReport:
    """Score resolution on the gold toponyms of ``path``; ``limit`` takes the first N articles.

    With ``end_to_end`` the toponyms come from our own recognizer, as for a user's article
    (the ``PlaceResolver`` run on the raw text, every role listed): ``summary.acc161`` is then
    the share of gold toponyms with an overlapping place within 161 km (one with none counts
    wrong), and the gold-span accuracy moves to ``gold_acc161``, beside recognition precision
    and recall."""
    gaz = load_gazetteer()
    articles = read_corpus(Path(path))[:limit]
    scores = {"communique": _Tally(), "population baseline": _Tally()}
    for text, gold in articles:
        spans = [(g.start, g.end) for g in gold]
        choices = resolve_mentions(gaz, text, spans)
        for toponym, choice in zip(gold, choices):
            if choice is None or choice.lat is None:
                scores["communique"].add(toponym, None, None, None)
            else:
                scores["communique"].add(toponym, gaz.ids[choice.entry], choice.lat, choice.lon)
            base = population_baseline(gaz, text[toponym.start:toponym.end])
            if base is None:
                scores["population baseline"].add(toponym, None, None, None)
            else:
                scores["population baseline"].add(toponym, gaz.ids[base], gaz.lats[base],
                                                  gaz.lons[base])
    rows = [{"system": name, **tally.row()} for name, tally in scores.items()]
    ours, base = rows[0], rows[1]
    report = EvalReport(
        task="geo",
        dataset=Path(path).name,
        rows=rows,
        summary={"acc161": ours["acc161"], "baseline_acc161": base["acc161"],
                 **({"exact_id": ours["exact_id"], "baseline_exact_id": base["exact_id"]}
                    if scores["communique"].with_id else {})},
        notes=[f"{len(articles)} articles, {ours['toponyms']} gold toponyms with coordinates",
               "gold spans given; a toponym left unresolved counts as wrong",
               "exact_id over the toponyms whose gold has a GeoNames id (LGL only)"],
    )
    if end_to_end:
        _score_end_to_end(articles, settings, report)
    return report


def end_to_end_places(articles: list[tuple[str, list[GoldToponym]]],
                      settings: Settings) -> list[list[Place]]:
    """The places the full extractor lists for each article's raw text (every role)."""
    nlp = load_pipeline(settings.spacy_model)
    resolver = PlaceResolver(settings)
    found: list[list[Place]] = []
    for (text, _), doc in zip(articles, nlp.pipe(
            make_doc(nlp, Article(text=text)) for text, _ in articles)):
        article = Article(text=text)
        resolver(doc, article)
        found.append(article.places)
    return found


def _score_end_to_end(articles: list[tuple[str, list[GoldToponym]]], settings: Settings,
                      report: EvalReport) -> None:
    """Places found by the full extractor against the gold spans (overlap counts as found)."""
    predicted = matched = recognised = within = 0
    gold_total = sum(len(gold) for _, gold in articles)
    for (_, gold), places in zip(articles, end_to_end_places(articles, settings)):
        predicted += len(places)
        matched += sum(any(p.start < g.end and g.start < p.end for g in gold) for p in places)
        for toponym in gold:
            place = next((p for p in places
                          if p.start < toponym.end and toponym.start < p.end), None)
            if place is None:
                continue
            recognised += 1
            if place.lat is not None:
                within += haversine_km(toponym.lat, toponym.lon, place.lat,
                                       place.lon) <= TOLERANCE_KM
    precision, _, _ = prf(matched, predicted, gold_total)
    _, recall, _ = prf(recognised, predicted, gold_total)
    acc161 = round(100.0 * within / gold_total, 1) if gold_total else 0.0
    report.rows.append({"system": "end to end", "toponyms": gold_total, "acc161": acc161,
                        "exact_id": None, "median_km": None, "unresolved": None,
                        "precision": precision, "recall": recall})
    gold_spans = report.summary["acc161"]
    report.summary.update({"acc161": acc161, "gold_acc161": gold_spans,
                           "recognition_precision": precision, "recognition_recall": recall})
    report.notes.append("end to end: our recognizer on the raw text, every role listed "
                        "(literal, metonymic, demonym); acc161 counts a gold toponym with no "
                        "overlapping place as wrong; gold_acc161 is the gold-span accuracy")


class _Tally:
    """Counts for one system."""

    def __init__(self) -> None:
        self.total = self.within = self.with_id = self.exact = self.unresolved = 0
        self.errors: list[float] = []

    def add(self, gold: GoldToponym, geonameid: int | None, lat: float | None,
            lon: float | None) -> None:
        self.total += 1
        if gold.geonameid is not None:
            self.with_id += 1
            self.exact += int(geonameid == gold.geonameid)
        if lat is None or lon is None:
            self.unresolved += 1
            self.errors.append(20_000.0)
            return
        error = haversine_km(gold.lat, gold.lon, lat, lon)
        self.errors.append(error)
        self.within += int(error <= TOLERANCE_KM)

    def row(self) -> dict[str, float | int]:
        def pct(n: int, d: int) -> float:
            return round(100.0 * n / d, 1) if d else 0.0

        return {
            "toponyms": self.total,
            "acc161": pct(self.within, self.total),
            "exact_id": pct(self.exact, self.with_id),
            "median_km": round(statistics.median(self.errors), 1) if self.errors else 0.0,
            "unresolved": self.unresolved,
        }
