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
  ``ABOUT_ANSWERER``;
- the answer names the claimant (or the claimant's government or country): ``NAMES_CLAIMANT``;
- a date written in the answer falls in the claim's dating (``late last year``): ``DATE_MATCH``;
- the words the two share (the claims' similarity, 0 to 1), times ``WORDS``;
and a claim must come before the answer and not be the answerer's own. Within one article the
extract stage's ``responds_to`` link (``Johnson has denied the accusation``) decides outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .claims import Claim, Similarity
from .reports import Report
from .said import gap_days

ANSWER_STANCES = frozenset({"deny", "admit", "confirm"})
_REJECTING_CUES = re.compile(r"\b(reject|dismiss|refut|rebuff|brush|scoff|ridicul|slam)", re.IGNORECASE)
_DENYING_WORDS = re.compile(
    r"\b(nonsense|false|untrue|lie|lies|fake|baseless|groundless|fabricat\w*|absurd|ridiculous|rubbish|"
    r"not true|never (?:said|told|advised|happened)|no truth)\b",
    re.IGNORECASE,
)
ABOUT_ANSWERER = 0.45
NAMES_CLAIMANT = 0.3
DATE_MATCH = 0.2
WORDS = 1.0
LINK_SCORE = 0.55
_FAMILY = re.compile(r"^(?:(?:GOV|MIL)-)?([A-Z]{3})$")


@dataclass
class Answer:
    article_id: str
    index: int
    claim: Claim
    stance: str
    score: float


def answer_stance(report: Report) -> str | None:
    """``deny``, ``reject``, ``confirm`` or ``admit`` when the report answers something, else None."""
    if report.stance == "deny":
        return "reject" if _REJECTING_CUES.search(report.cue) else "deny"
    if report.stance in ("admit", "confirm"):
        return report.stance
    if report.stance in ("assert", "claim") and _DENYING_WORDS.search(report.content):
        # "called the report a lie", "said the account was nonsense"
        return "reject"
    return None


def family(actor_id: str | None) -> str | None:
    """The country an actor id stands for when it is a country, its government or its military."""
    if not actor_id:
        return None
    match = _FAMILY.match(actor_id)
    return match.group(1) if match else actor_id


def _involves(actor_id: str | None, actors: Iterable[str]) -> bool:
    if not actor_id:
        return False
    mine = family(actor_id)
    return any(family(a) == mine for a in actors)


def score(report: Report, weights: dict[str, float], claim: Claim, similarity: Similarity) -> float:
    """How well ``claim`` fits as what ``report`` answers (0 when it cannot be)."""
    if claim.speaker_key is not None and claim.speaker_key == report.speaker_key:
        return 0.0
    if any(m.article_id == report.article_id and m.index == report.index for m in claim.members):
        return 0.0
    if claim.said.start is not None and report.said.end is not None and claim.said.start > report.said.end:
        return 0.0  # an answer comes after what it answers
    total = 0.0
    if _involves(report.speaker_actor, claim.targets):
        total += ABOUT_ANSWERER
    if _involves(claim.speaker_actor, report.about):
        total += NAMES_CLAIMANT
    if any(gap_days(date, claim.said) == 0 for date in report.dates):
        total += DATE_MATCH
    words = max((similarity(weights, m.weights, report.vector, m.vector) for m in claim.members), default=0.0)
    return total + WORDS * words


def best_answer(
    report: Report, weights: dict[str, float], claims: Iterable[Claim], similarity: Similarity
) -> tuple[Claim, float] | None:
    """The claim ``report`` answers best, if any reaches ``LINK_SCORE``; the most recent claim
    wins a tie (an answer answers the latest telling)."""
    best: tuple[Claim, float] | None = None
    for claim in claims:
        value = score(report, weights, claim, similarity)
        if value < LINK_SCORE:
            continue
        if (
            best is None
            or value > best[1] + 1e-9
            or (abs(value - best[1]) <= 1e-9 and (claim.said.start or 0) and (best[0].said.start or 0)
                and claim.said.start > best[0].said.start)
        ):
            best = (claim, value)
    return best
