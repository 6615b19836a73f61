"""Answers: a statement that denies, rejects, confirms or admits a claim, in another article or
the same one, linked to that claim.

Owns: which statements are answers, their stance, and the score that picks the claim each
answers. Must not: read the database (``update.py`` hands it the candidate claims) or change
claims.

The hard case is the answer that does not restate what it answers: ``Johnson dismissed the
account given by a senior Ukrainian negotiator late last year as total nonsense``, months after
the negotiator's claim. Its words share little with the claim; what ties them is who is involved
and when. So the score adds:
- the claim is about the answerer (the answerer is an actor named in the claim's content):
  ``ABOUT_ANSWERER``; or about the answerer's country, by an actor or a word ("British
  specialists"): ``ABOUT_ANSWERERS_COUNTRY``;
- the answer names the claimant: ``NAMES_CLAIMANT`` (or the claimant's country, government or
  a compatriot, ``NAMES_CLAIMANTS_COUNTRY``); the answer's own summary counts (a quote that names
  nobody, "these messages are ultimatum messages", answers whom the summary it backs names), and
  the answerer's own state does not (in "absurd to blame Russia" Russia is the accused);
- a date written in the answer falls in the claim's dating (``late last year``): ``DATE_MATCH``;
- the claim is reported in the answer's own article, or an earlier statement of it answered the
  claim (``SAME_ARTICLE``: a story reports an offer, or retells it, and then the reactions to
  it), or it was said within days of the answer (``SAME_DAYS``);
- the words the two share (the claims' similarity, 0 to 1), times ``WORDS``;
and a claim must come before the answer, not be the answerer's own, not be a saying the answer
quotes or sits in ("no truth in a blog post by Hersh that said ..."), and share a party with it
(the answerer or the claimant, or their countries): same article and same days alone link
nothing, and with countries in common they link nothing either unless a word, a date or a named
party says which claim (``_EVIDENCE``); a rebuttal printed beside the answer is not what it
answers either. An actor whose country nobody knows ("Swedish investigators", a local id)
cannot be tested for a party, so its words must carry the link (``_Answerer._tied_by_words``).
Within one article the extract stage's ``responds_to`` link (``Johnson has denied the
accusation``) decides outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .claims import SAME_TIME_DAYS, Claim, Member, Similarity
from .reports import Report
from .said import gap_days
from .speakers import countries_named
from .text import fold_countries

ANSWER_STANCES = frozenset({"deny", "admit", "confirm"})
_REJECTING_CUES = re.compile(r"\b(reject|dismiss|refut|rebuff|brush|scoff|ridicul|slam)", re.IGNORECASE)
ABOUT_ANSWERER = 0.45
ABOUT_ANSWERERS_COUNTRY = 0.2
NAMES_CLAIMANT = 0.3
NAMES_CLAIMANTS_COUNTRY = 0.2
DATE_MATCH = 0.2
SAME_DAYS = 0.1
SAME_ARTICLE = 0.25
WORDS = 1.0
WORDS_ALONE = 0.3
WORDS_SHARED = 2
LINK_SCORE = 0.55
_FAMILY = re.compile(r"^(?:(?:GOV|MIL)-)?([A-Z]{3})$")


@lru_cache(maxsize=1)
def _answer_word_lines() -> list[tuple[str, str]]:
    """(stance, pattern) pairs of ``data/record/answer_words.tsv``."""
    text = resources.files("communique.data.record").joinpath("answer_words.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stance, pattern = line.split("\t", 1)
        out.append((stance, pattern.strip()))
    return out


@lru_cache(maxsize=1)
def _answer_words() -> list[tuple[str, re.Pattern[str]]]:
    """The stance-giving words, compiled (whole words, any case)."""
    return [(stance, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for stance, pattern in _answer_word_lines()]


@dataclass
class Answer:
    article_id: str
    index: int
    claim: Claim
    stance: str
    score: float


def answer_words_regex() -> str:
    """All the answer words as one case-insensitive regular expression, for SQL prefilters."""
    return "(?i)" + "|".join(rf"\b(?:{pattern})\b" for _, pattern in _answer_word_lines())


def answer_stance(report: Report, backing: Report | None = None) -> str | None:
    """``deny``, ``reject``, ``confirm`` or ``admit`` when the report answers something, else None:
    by its cue's stance, else by words in its content that reject or confirm what someone said,
    else by those of ``backing``, the quote that backs it in its claim (a summary answers what
    its quote answers: "Putin's offer amounted to a demand", then "he is calling for surrender")."""
    own = _own_stance(report)
    return own if own is not None or backing is None else _own_stance(backing)


def _own_stance(report: Report) -> str | None:
    if report.stance == "deny":
        return "reject" if _REJECTING_CUES.search(report.cue) else "deny"
    if report.stance in ("admit", "confirm"):
        return report.stance
    for stance, pattern in _answer_words():
        if pattern.search(report.content):
            return stance
    return None


@lru_cache(maxsize=65_536)
def family(actor_id: str | None) -> str | None:
    """The country an actor id stands for when it is a country, its government or its military
    (remembered: an update asks it for the same few hundred ids millions of times)."""
    if not actor_id:
        return None
    match = _FAMILY.match(actor_id)
    return match.group(1) if match else actor_id


@dataclass
class Context:
    """What the answer's article says around it: the actors its own claim is about (the summary
    a quote backs names whom "these messages" are from), and the claims an earlier statement
    of it confirmed (a reaction follows what the article retold: "the negotiator later admitted
    that ..." and then "Johnson said the story was nothing but propaganda")."""

    about: set[str] = field(default_factory=set)
    discussed: set[str] = field(default_factory=set)
    # the statements nested with the answer (the one it sits in, those inside it): "a blog post
    # by Hersh that said ..." is what the answer quotes, not a claim it answers by itself
    nested: set[tuple[str, int]] = field(default_factory=set)


def nested_statements(reports: Iterable[Report]) -> dict[tuple[str, int], set[tuple[str, int]]]:
    """For each report that has any, the statements nested with it: the one it sits in and
    those inside it (``Context.nested``)."""
    out: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for report in reports:
        if report.parent is not None:
            outer = (report.article_id, report.parent)
            out.setdefault(report.key, set()).add(outer)
            out.setdefault(outer, set()).add(report.key)
    return out


def score(report: Report, weights: dict[str, float], claim: Claim, similarity: Similarity,
          countries: dict[str, str] | None = None, context: Context | None = None) -> float:
    """How well ``claim`` fits as what ``report`` answers (0 when it cannot be). ``countries``
    maps actor ids to their country, so a person's government counts for them at a discount."""
    return _Answerer(report, weights, countries or {}, context or Context()).score(claim, similarity)


class _Answerer:
    """One answer, with what its scores against every candidate claim share worked out once."""

    def __init__(self, report: Report, weights: dict[str, float], countries: dict[str, str], context: Context) -> None:
        self.report, self.weights, self.countries, self.context = report, weights, countries, context
        about = _about(report, countries, context)
        self.about_families = {family(a) for a in about}
        self.about_countries = {countries.get(a) or family(a) for a in about}
        self.family = family(report.speaker_actor) if report.speaker_actor else None
        self.country = countries.get(report.speaker_actor or "")
        # whether the answerer's country is known (it is not for "a CIA spokesperson")
        self.placed = placed(report, countries)

    def score(self, claim: Claim, similarity: Similarity) -> float:
        """The sum of :meth:`features` (0 when the claim cannot be what this answers)."""
        found = self.features(claim, similarity)
        return sum(found.values()) if found else 0.0

    def features(self, claim: Claim, similarity: Similarity) -> dict[str, float] | None:
        """What ties this answer to ``claim``, each feature by its weighted value; None when the
        claim cannot be what it answers (its own, later, by nobody, or no party in common)."""
        report, countries = self.report, self.countries
        if claim.speaker_key is not None and claim.speaker_key == report.speaker_key:
            return None
        if (report.article_id, report.index) in claim.statements():
            return None
        if claim.said.start is not None and report.said.end is not None and claim.said.start > report.said.end:
            return None  # an answer comes after what it answers
        if claim.speaker_key is None:
            return None  # nobody to have answered
        if self.context.nested & claim.statements():
            return None  # what the answer quotes or sits in
        if report.article_id in claim.articles() and is_answer(claim):
            return None  # a rebuttal printed beside it ("This is false", "This claim is false"): both answer a third
        found: dict[str, float] = {}
        targets = _target_families(claim)
        if self.family is not None and self.family in targets:
            found["about answerer"] = ABOUT_ANSWERER
        elif self.country in targets or self.country in countries_named(claim.content):
            # the claim is about the answerer's country, by an actor or by a word ("British specialists")
            found["about answerer's country"] = ABOUT_ANSWERERS_COUNTRY
        if claim.speaker_actor and family(claim.speaker_actor) in self.about_families:
            found["names claimant"] = NAMES_CLAIMANT
        elif countries.get(claim.speaker_actor or "") in self.about_countries:
            # "the account given by Ukraine's chief negotiator": a person of the claimant's country
            found["names claimant's country"] = NAMES_CLAIMANTS_COUNTRY
        if not (found.keys() & _PARTIES) and self.placed:
            return None  # an answer and what it answers share a party: the answerer or the claimant
        if any(gap_days(date, claim.said) == 0 for date in report.dates):
            found["date match"] = DATE_MATCH
        gap = gap_days(report.said, claim.said)
        if gap is not None and gap <= SAME_TIME_DAYS:
            found["same days"] = SAME_DAYS
        if claim.id in self.context.discussed or report.article_id in claim.articles():
            found["same article"] = SAME_ARTICLE  # reactions are reported beside what they react to
        words = self._words(claim, similarity)
        if words:
            found["words"] = WORDS * words
        if not found.keys() & _EVIDENCE:
            # countries in common, printed together, and not a word or a date shared: two sayings
            # of one story, not an answer and what it answers
            return None
        if not self.placed and not found.keys() & _PARTIES and not self._tied_by_words(claim, words):
            return None
        return found

    def _tied_by_words(self, claim: Claim, words: float) -> bool:
        """Whether an answerer of no known side ("Swedish investigators") is tied to ``claim`` by
        what it says: an actor says it (not an unresolved "I", "her campaign" or "candidates"),
        alike enough, in more than one word in common ("a big political win" is not "if we win
        big in California")."""
        if self.report.speaker_actor is None or words < WORDS_ALONE:
            return False
        return len(_folded_terms(claim).intersection(self.weights)) >= WORDS_SHARED

    def _words(self, claim: Claim, similarity: Similarity) -> float:
        """How alike the answer and the claim's closest member are (0 to 1)."""
        # ``weights`` come folded (``best_answer``): "Ukraine's negotiator" answers what "Ukrainian
        # officials" were told. Claims do not fold: there it merged different sayings of one story
        # (held-out2 claims precision 81.3 -> 68.0)
        weights = self.weights
        if not similarity.encoder and _folded_terms(claim).isdisjoint(weights):
            return 0.0  # no word in common with any member: the similarity of each is 0
        report = self.report
        return max((similarity(weights, _folded(m), report.vector, m.vector) for m in claim.members), default=0.0)


# What ties an answer to a claim as a party does: who is involved.
_PARTIES = frozenset({"about answerer", "about answerer's country", "names claimant", "names claimant's country"})


# What says which claim an answer takes up, beyond the countries involved and being printed together.
_EVIDENCE = frozenset({"about answerer", "names claimant", "date match", "words"})


def placed(report: Report, countries: dict[str, str]) -> bool:
    """Whether the answerer's country is known (by its actor, its key, or being a state)."""
    return bool(countries.get(report.speaker_actor or "") or report.speaker_country
                or _FAMILY.match(family(report.speaker_actor) or ""))


def _target_families(claim: Claim) -> set[str | None]:
    """The families of the actors a claim is about, kept on the claim while its targets stand
    (they only grow, as reports join)."""
    return claim.derived("target families", len(claim.targets), lambda: {family(t) for t in claim.targets})


def _about(report: Report, countries: dict[str, str], context: Context) -> set[str]:
    """The actors an answer names as the other party: its own and its summary's, less the
    answerer's own state (in "absurd to blame Russia", said by Russia, Russia is the accused,
    not the claimant)."""
    own = report.speaker_country or countries.get(report.speaker_actor or "") or family(report.speaker_actor)
    return {a for a in report.about | context.about if family(a) != own}


def by_words_alone(report: Report, countries: dict[str, str]) -> bool:
    """Whether the answer may be tied to a claim by its words alone, with no party in common:
    an actor whose country nobody knows (``_Answerer._tied_by_words``)."""
    return report.speaker_actor is not None and not placed(report, countries)


class Parties:
    """Candidate claims filed by the parties an answer could share with them.

    ``score`` is 0 unless the answer and the claim share a party (the claim is about the
    answerer or its country, or the answer names the claimant or the claimant's country), so an
    answer needs scoring only against the claims filed under its own parties: in a corpus, a
    few of the thousands said in the year before it. :meth:`candidates` keeps exactly the claims
    that can pass that test (and perhaps a few more), in their given order, so ``best_answer``
    picks what it would pick from all of them.
    """

    def __init__(self, claims: Iterable[Claim], countries: dict[str, str]) -> None:
        self.claims = list(claims)
        self.countries = countries
        self._about: dict[str | None, list[int]] = {}  # a family its targets or content name
        self._claimant: dict[str | None, list[int]] = {}  # its speaker's family and country
        for position, claim in enumerate(self.claims):
            named = {family(t) for t in claim.targets} | countries_named(claim.content)
            for code in named:
                self._about.setdefault(code, []).append(position)
            claimant = {countries.get(claim.speaker_actor or "")}
            if claim.speaker_actor:
                claimant.add(family(claim.speaker_actor))
            for code in claimant:
                self._claimant.setdefault(code, []).append(position)

    def candidates(self, report: Report, context: Context | None = None) -> list[Claim]:
        """The claims ``report`` could answer (``score``'s party test), in their given order."""
        countries = self.countries
        if by_words_alone(report, countries):
            return list(self.claims)  # tied by its words alone: any claim can be
        found: set[int] = set()
        if report.speaker_actor:
            found.update(self._about.get(family(report.speaker_actor), ()))
        found.update(self._about.get(countries.get(report.speaker_actor or ""), ()))
        for actor in _about(report, countries, context or Context()):
            found.update(self._claimant.get(family(actor), ()))
            found.update(self._claimant.get(countries.get(actor) or family(actor), ()))
        return [self.claims[position] for position in sorted(found)]


def _folded_terms(claim: Claim) -> set[str]:
    """Every folded term of a claim's members (an answer is scored against each of thousands of
    claims, most sharing no word with it), kept on the claim while its member count stands."""
    return claim.derived("folded terms", len(claim.members), lambda: {t for m in claim.members for t in _folded(m)})


def _folded(member: Member) -> dict[str, float]:
    """A member's weights with a country's names as one term (computed once per member)."""
    if member.folded is None:
        member.folded = fold_countries(member.weights or {})
    return member.folded


def best_answer(
    report: Report, weights: dict[str, float], claims: Iterable[Claim], similarity: Similarity,
    countries: dict[str, str] | None = None, context: Context | None = None,
) -> tuple[Claim, float] | None:
    """The claim ``report`` answers best, if any reaches ``LINK_SCORE``; of equal scores the claim
    said last wins (an answer answers the latest telling), then one whose claimant is a known
    actor (a newspaper's report over "the team" it quotes)."""
    best: tuple[Claim, float] | None = None
    answerer = _Answerer(report, fold_countries(weights), countries or {}, context or Context())
    for claim in claims:
        value = answerer.score(claim, similarity)
        if value < LINK_SCORE:
            continue
        if best is None or value > best[1] + 1e-9 or (abs(value - best[1]) <= 1e-9 and _later(claim, best[0])):
            best = (claim, value)
    return best


def is_answer(claim: Claim) -> bool:
    """Whether a claim is itself an answer: its cue denies, or its words reject or confirm."""
    return claim.derived("is answer", len(claim.members), lambda: claim.stance == "deny" or any(
        pattern.search(claim.content or "") for _, pattern in _answer_words()))


def _later(a: Claim, b: Claim) -> bool:
    if a.said.start != b.said.start:
        return a.said.start is not None and (b.said.start is None or a.said.start > b.said.start)
    return a.speaker_actor is not None and b.speaker_actor is None  # a named claimant over "the team"
