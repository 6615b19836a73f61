"""Articles built by hand for the store tests (no spaCy needed)."""

from __future__ import annotations

from communique.model import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Role,
    Statement,
    TimeExpression,
    TimeRef,
)

# Non-ASCII on purpose (Polish letters, an emoji outside the BMP): offsets must stay Python
# code-point indices through the database.
TEXT = (
    "FILE PHOTO: © Reuters\n"
    "Łukaszenka 🙂 said on Monday that talks in Minsk had failed, and he warned Kyiv. "
    "Ukraine's foreign ministry denied it, officials said."
)


def _span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def build_article(suffix: str = "", published: str | None = "2024-08-18", **overrides) -> Article:
    """A fully annotated article; ``suffix`` changes its text (and so its id)."""
    text = TEXT + suffix
    speaker = _span(text, "Łukaszenka")
    content_a = _span(text, "that talks in Minsk had failed")
    content_b = _span(text, "he warned Kyiv")
    monday = _span(text, "Monday")
    minsk = _span(text, "Minsk")
    ministry = _span(text, "Ukraine's foreign ministry")
    statements = [
        Statement(
            speaker=Role.from_spans(text, [speaker], name="Alexander Lukashenko", actor="Q481"),
            cue=Role.from_spans(text, [_span(text, "said")]),
            # A discontinuous content: two spans, not in order (from_spans sorts them).
            content=Role.from_spans(text, [content_b, content_a]),
            kind="indirect",
            stance="assert",
            certainty="asserted",
            time=TimeRef(value="2024-08-12", basis="expression", time=0),
            confidence=0.75,
        ),
        Statement(
            speaker=Role.from_spans(text, [ministry], name="Ukraine's foreign ministry", actor=None),
            cue=Role.from_spans(text, [_span(text, "denied")]),
            content=Role.from_spans(text, [_span(text, "it")]),
            stance="deny",
            certainty="denied",
            parent=None,
            responds_to=0,
            time=None,
        ),
    ]
    events = [
        Event(
            type="THREATEN",
            mode="verbal",
            source=Role.from_spans(text, [speaker], name="Alexander Lukashenko", actor="Q481"),
            target=Role.from_spans(text, [_span(text, "Kyiv")], name="Government of Ukraine", actor="UKRGOV"),
            trigger=Role.from_spans(text, [_span(text, "warned")]),
            time=TimeRef(value="2024-08-18", basis="published", time=None),
            place=0,
            statement=0,
        )
    ]
    times = [TimeExpression("Monday", *monday, "DATE", "2024-08-12")]
    places = [Place("Minsk", *minsk, "Minsk", 625144, 53.9, 27.56667, "BLR", "PPLC")]
    actors = [
        Actor("Q481", "Alexander Lukashenko", "person", "BLR", "Q481", "GOV"),
        Actor("UKRGOV", "Government of Ukraine", "government", "UKR", None, "GOV"),
    ]
    mentions = [Mention("Q481", *speaker, "Łukaszenka"), Mention("UKRGOV", *_span(text, "Kyiv"), "Kyiv")]
    fields = dict(
        text=text,
        title="Lukashenko warns Kyiv",
        url="https://example.org/a" + suffix.strip(),
        outlet="Example News",
        published=published,
        published_basis="metadata" if published else None,
        language="en",
        source=f"corpus/a{suffix.strip()}.txt",
        boilerplate=[(0, len("FILE PHOTO: © Reuters"))],
        statements=statements,
        events=events,
        times=times,
        places=places,
        actors=actors,
        mentions=mentions,
    )
    fields.update(overrides)
    return Article(**fields)
