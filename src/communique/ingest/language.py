"""Which language an article is written in (py3langid), and whether it is in scope.

Owns: the language identifier (loaded once per process, lazily) and the rule that decides
between "analyze" and "skip". Must not: skip a text on a guess: a short or ambiguous text (a
one-line headline, a list of names) is kept and labelled with the configured language, because
analyzing it costs little while wrongly dropping an English article loses data silently.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Enough text for a stable guess; identification cost grows with length.
_SAMPLE_CHARS = 4000
# A non-configured language must win with at least this probability to skip the article.
# Real non-English news paragraphs score above 0.99; short English lines can score 0.3 for
# an unrelated language (py3langid gives "Hello there" to Sotho at 0.34).
_SKIP_CONFIDENCE = 0.5
# Below this many letters the guess is noise, whatever its probability.
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities (the default gives log scores)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def identify_language(text: str, accepted: tuple[str, ...]) -> tuple[str, bool]:
    """Return ``(language, in_scope)`` for ``text``.

    ``in_scope`` is False only when a language outside ``accepted`` wins confidently on enough
    text; otherwise the best-ranked accepted language (or the first one) is returned.
    """
    sample = text[:_SAMPLE_CHARS]
    fallback = accepted[0] if accepted else "en"
    if not _has_letters(sample, _MIN_LETTERS):
        return fallback, True
    ranking = _identifier().rank(sample)
    best, probability = ranking[0]
    if best in accepted:
        return best, True
    if probability >= _SKIP_CONFIDENCE:
        return best, False
    for language, _ in ranking:
        if language in accepted:
            return language, True
    return fallback, True


def _has_letters(text: str, needed: int) -> bool:
    """True once ``needed`` letters are seen (stops early: long texts pass at once)."""
    for char in text:
        if char.isalpha():
            needed -= 1
            if needed <= 0:
                return True
    return False
