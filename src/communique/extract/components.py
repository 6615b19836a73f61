"""The extractors as spaCy components: one factory per extractor, results in ``Doc._`` extensions.

Owns: the ``@Language.factory`` registrations (``communique_times``, ``communique_attribution``,
``communique_actors``, ``communique_places``, ``communique_events``, ``communique_dating``), the
``Doc._.communique_*`` extensions they write, what each needs from an earlier one, and
:func:`article_from_doc`, which builds the Article model from a Doc at the end, and reading
the shipped ``data/pipeline.cfg`` (which components, in what order, with what settings) into a
pipeline (:func:`add_extractors`). Must not: hold any
extraction logic (each factory wraps the extractor class its package owns) or let one extractor
import another's modules: they meet only on the Doc.

Each component reads the Article the Doc was made from (``Doc._.communique_article``, set by the
pipeline; a plain ``nlp(text)`` gets one made from the text), with the lists the earlier
components wrote in place, runs its extractor, and writes the lists it owns back to its
extensions. The extension is None until its component has run, so "not run" and "found nothing"
differ: a component that cannot work without an earlier one's output (dating without times)
raises E040 naming it, and one that merely reads more when it is there (actors link the speakers
of statements if attribution ran) goes on without.

spaCy finds these factories through the ``spacy_factories`` entry points in ``pyproject.toml``, so
``nlp.add_pipe("communique_attribution")`` works on any pipeline without importing this module.
"""

# No ``from __future__ import annotations``: spaCy validates a factory's config against its
# signature's annotations, which must be real types.
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, List, Optional

from spacy.language import Language
from spacy.util import load_config_from_str
from spacy.tokens import Doc

from communique.errors import Code, UsageError
from communique.model import Article
from communique.settings import Settings

PREFIX = "communique_"
# The shipped description of the pipeline's extractor components, under communique/data/.
PIPELINE_CONFIG = "pipeline.cfg"
# The Article a Doc was made from: its metadata, and the lists its components fill.
ARTICLE_EXTENSION = "communique_article"
# Article field -> the extension that holds it once its component has run (None before).
OUTPUTS = {
    "times": "communique_times",
    "statements": "communique_statements",
    "actors": "communique_actors",
    "mentions": "communique_mentions",
    "places": "communique_places",
    "events": "communique_events",
}


def _register_extensions() -> None:
    """Register every ``Doc._.communique_*`` extension once per process."""
    for name in (ARTICLE_EXTENSION, *OUTPUTS.values(), "communique_dated"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register_extensions()


@dataclass(frozen=True)
class Component:
    """What the pipeline knows about one component: its short name (``--only`` takes it), the
    article fields it writes, the ones it cannot work without and the ones it reads if present."""

    name: str
    writes: tuple[str, ...]
    needs: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()

    @property
    def pipe(self) -> str:
        return PREFIX + self.name


# In pipeline order (the shipped data/pipeline.cfg gives the same order; see pipeline.py).
COMPONENTS = {
    c.name: c
    for c in (
        Component("times", writes=("times",)),
        Component("attribution", writes=("statements",)),
        Component("actors", writes=("actors", "mentions"), reads=("statements", "events")),
        Component("places", writes=("places",), reads=("actors", "mentions")),
        Component("events", writes=("events",), reads=("statements", "actors", "mentions", "places")),
        Component("dating", writes=(), needs=("times",), reads=("statements", "events")),
    )
}
# Which component writes each article field.
WRITER = {field: c.name for c in COMPONENTS.values() for field in c.writes}


def short_name(pipe: str) -> str:
    """``communique_times`` -> ``times`` (what ``--only`` and ``--without`` take)."""
    return pipe.removeprefix(PREFIX)


def set_article(doc: Doc, article: Article) -> None:
    """Attach the Article ``doc`` was made from, for the components to read and fill."""
    doc._.set(ARTICLE_EXTENSION, article)


def article_from_doc(doc: Doc) -> Article:
    """The Article model of ``doc``: its input Article with every list a component wrote."""
    article = _article_of(doc)
    for field, extension in OUTPUTS.items():
        value = doc._.get(extension)
        if value is not None:
            setattr(article, field, value)
    return article


def _article_of(doc: Doc) -> Article:
    article = doc._.get(ARTICLE_EXTENSION)
    if article is None:  # a Doc made by nlp(text), not by the pipeline: the text is the article
        article = Article(text=doc.text)
        set_article(doc, article)
    return article


class ExtractorComponent:
    """A ``doc -> doc`` component around one extractor (a ``(doc, article) -> None`` callable)."""

    def __init__(self, component: Component, extractor: Callable[[Doc, Article], None]) -> None:
        self.component = component
        self.extractor = extractor

    def __call__(self, doc: Doc) -> Doc:
        for field in self.component.needs:
            if doc._.get(OUTPUTS[field]) is None:
                raise UsageError(
                    Code.E040, name=self.component.pipe, field=field, writer=PREFIX + WRITER[field]
                )
        article = article_from_doc(doc)
        self.extractor(doc, article)
        for field in self.component.writes:
            doc._.set(OUTPUTS[field], getattr(article, field))
        if self.component.name == "dating":
            doc._.set("communique_dated", True)
        return doc


def _settings(published: Optional[str] = None, actor_files: Iterable[str] = (), accurate: bool = False) -> Settings:
    """The Settings an extractor class takes, from a component's config."""
    return Settings(
        published=published, actor_files=tuple(Path(p) for p in actor_files), accurate_attribution=accurate
    )


def _assigns(name: str) -> List[str]:
    return [f"doc._.{OUTPUTS[field]}" for field in COMPONENTS[name].writes] or ["doc._.communique_dated"]


def _requires(name: str) -> List[str]:
    return [f"doc._.{OUTPUTS[field]}" for field in COMPONENTS[name].needs]


# The extractor classes are imported inside the factories: registering a factory (which spaCy
# does when it reads the entry points) must not load lexicons, models or the gazetteer.


@Language.factory(
    "communique_times",
    default_config={"published": None},
    assigns=_assigns("times"),
)
def make_times(nlp: Language, name: str, published: Optional[str]) -> ExtractorComponent:
    """Time expressions, and the publication date a dateline gives (``published``: the date
    for articles that carry none, the CLI's ``--published``)."""
    from communique.extract.time import TimeExtractor

    return ExtractorComponent(COMPONENTS["times"], TimeExtractor(_settings(published=published)))


@Language.factory(
    "communique_attribution",
    default_config={"accurate": False},
    assigns=_assigns("attribution"),
)
def make_attribution(nlp: Language, name: str, accurate: bool) -> ExtractorComponent:
    """Statements: speaker, cue, content, stance (``accurate``: also read the fine-tuned
    encoder's token scores, the ``encoder`` extra)."""
    from communique.extract.attribution import AttributionExtractor

    return ExtractorComponent(COMPONENTS["attribution"], AttributionExtractor(_settings(accurate=accurate)))


@Language.factory(
    "communique_actors",
    default_config={"published": None, "actor_files": []},
    assigns=_assigns("actors"),
)
def make_actors(nlp: Language, name: str, published: Optional[str], actor_files: List[str]) -> ExtractorComponent:
    """Actor mentions linked to the knowledge base, and the speakers of the statements if
    attribution ran (``actor_files``: extra actor definitions, the CLI's ``--actors``)."""
    from communique.extract.actors import ActorLinker

    return ExtractorComponent(COMPONENTS["actors"], ActorLinker(_settings(published, actor_files)))


@Language.factory("communique_places", assigns=_assigns("places"))
def make_places(nlp: Language, name: str) -> ExtractorComponent:
    """Toponym mentions resolved to GeoNames; a metonym's actor if actors ran."""
    from communique.extract.places import PlaceResolver

    return ExtractorComponent(COMPONENTS["places"], PlaceResolver(_settings()))


@Language.factory("communique_events", assigns=_assigns("events"))
def make_events(nlp: Language, name: str) -> ExtractorComponent:
    """PLOVER events; their reporting statements, actors and places if those components ran."""
    from communique.extract.events import EventCoder

    return ExtractorComponent(COMPONENTS["events"], EventCoder(_settings()))


@Language.factory("communique_dating", assigns=_assigns("dating"), requires=_requires("dating"))
def make_dating(nlp: Language, name: str) -> ExtractorComponent:
    """A time for every statement and event (needs the times component before it)."""
    from communique.extract.time import StatementDater

    return ExtractorComponent(COMPONENTS["dating"], StatementDater(_settings()))


def select(names: Iterable[str], only: Iterable[str] = (), without: Iterable[str] = ()) -> tuple[str, ...]:
    """The short names of ``names`` (the pipeline's components, in order) that run given
    ``--only`` and ``--without``: E041 for a name that is none of them, E042 for both options,
    E043 for a selection that leaves out a component another one needs."""
    names, only, without = list(names), list(only), list(without)
    if only and without:
        raise UsageError(Code.E042)
    for given in (*only, *without):
        if given not in names:
            raise UsageError(Code.E041, value=given, choices=", ".join(names))
    chosen = tuple(n for n in names if (n in only if only else n not in without))
    check_needs(chosen)
    return chosen


def check_needs(chosen: Iterable[str]) -> None:
    """E043 when a chosen component needs one that is not chosen before it."""
    done: set[str] = set()
    for name in chosen:
        component = COMPONENTS.get(name)
        for field in component.needs if component else ():
            if WRITER[field] not in done:
                raise UsageError(Code.E043, name=name, needed=WRITER[field])
        done.add(name)


def config_overrides(settings: Settings) -> dict[str, Any]:
    """The config keys a run's Settings set (each component takes the ones it has): only those
    the run gives, so the config's own values stand where it gives none."""
    given = {
        "published": settings.published,
        "actor_files": [str(p) for p in settings.actor_files],
        "accurate": settings.accurate_attribution,
    }
    return {key: value for key, value in given.items() if value}


def pipeline_config() -> dict[str, Any]:
    """The shipped description of the extractor components (``data/pipeline.cfg``): which,
    in what order, with what settings."""
    try:
        text = resources.files("communique").joinpath("data", PIPELINE_CONFIG).read_text("utf-8")
        config = load_config_from_str(text)
        _ = [config["components"][name]["factory"] for name in config["nlp"]["pipeline"]]
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(Code.E044, path=PIPELINE_CONFIG, detail=f"{type(exc).__name__}: {exc}") from exc
    return config


def extractor_names() -> list[str]:
    """The extractors' short names in pipeline order (what ``--only`` and ``--without`` take)."""
    return [short_name(name) for name in pipeline_config()["nlp"]["pipeline"]]


def add_extractors(nlp: Language, settings: Settings) -> list[str]:
    """Add the configured extractor components to ``nlp``, after its own, with the settings the
    run gives over the config's; switch off those ``settings.extractors`` leaves out (with
    ``nlp.select_pipes``, so ``nlp.pipe_names`` is what runs). Returns the names added."""
    config = pipeline_config()
    names = list(config["nlp"]["pipeline"])
    keep = select([short_name(n) for n in names], settings.extractors or ())
    overrides = config_overrides(settings)
    for name in names:
        component = dict(config["components"][name])
        factory = component.pop("factory")
        component.update({key: overrides[key] for key in component if key in overrides})
        nlp.add_pipe(factory, name=name, config=component)
    dropped = [name for name in names if short_name(name) not in keep]
    if dropped:
        nlp.select_pipes(disable=dropped)
    return names
