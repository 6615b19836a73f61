"""A claim's stated position: does its speaker support, oppose, or set conditions on what the
content is about?

Owns: the decision from the content's words and the cue's stance. Must not: match claims to a
topic (``positions.py`` does: the position is that of the claim's main proposition, and the
topic decides which claims count).

How it decides, in order:
1. A condition governs the proposition (``only if``, ``unless``, ``as long as``, ``once``,
   ``until``, ``provided that``, ``on condition``): conditional. ``No talks as long as the
   attacks go on`` and ``ready to negotiate once troops leave`` are both conditional: each names
   what would change the answer.
2. Otherwise count the proposition's negations: a negator (``not``, ``no``, ``never``) and an
   opposing predicate (``rule out``, ``reject``, ``refuse``, ``quit``, ``suspend``,
   ``impossible``, ``impossibility``, ``pointless``) each flip it; a cue that denies or rejects flips it once more.
   An odd count is oppose, an even one support.
"""

from __future__ import annotations

import re

_CONDITION = re.compile(
    r"\b(only if|only when|only once|unless|as long as|so long as|provided that|providing that|"
    r"on condition|on the condition|once|until|if and when|as soon as|in exchange for|"
    r"would (?:only )?(?:consider|return|agree|resume)\w* .{0,40}\bif|but (?:only )?with|only with|"
    r"on (?:the )?terms that|wait (?:for|until) .{0,40}\bto change)\b|\bif\b(?! not)",
    re.IGNORECASE,
)
_NEGATOR = re.compile(r"\b(not|no|never|neither|nor|cannot|without|no longer|n't)\b|n't\b", re.IGNORECASE)
_OPPOSE = re.compile(
    r"\b(rul(?:e|es|ed|ing) out|reject\w*|refus\w*|quit\w*|withdr[ae]w\w*|pull(?:s|ed|ing)? out|"
    r"suspend\w*|terminat\w*|halt\w*|abandon\w*|oppos\w*|against|impossib\w*|pointless|"
    r"unacceptable|futile|meaningless|no point|end(?:s|ed|ing)? (?:its|their|the) participation|"
    r"walk(?:s|ed)? away|boycott\w*|ban(?:s|ned)?|prohibit\w*|stop(?:s|ped)?|cancel\w*|"
    r"exit\w*|leav(?:e|es|ing)|left|nonsense|false|lies?|fake|baseless|untrue|"
    r"not possible|out of the question|ceased? to be|ultimatum\w*|bad faith|propaganda|"
    r"(?:demand|call)\w* for (?:\w+ )?surrender)\b",
    re.IGNORECASE,
)
_DENYING_STANCES = frozenset({"deny"})
# A double negative inside one phrase ("not impossible", "no longer rules out") flips twice
# and should: counting every marker gives exactly that.


def position(content: str, stance: str) -> str:
    """``support``, ``oppose`` or ``conditional`` for a claim's content and its cue's stance."""
    if _CONDITION.search(content):
        return "conditional"
    flips = len(_NEGATOR.findall(content)) + len(_OPPOSE.findall(content))
    if stance in _DENYING_STANCES:
        flips += 1
    return "oppose" if flips % 2 else "support"
