"""The span repairs of attribution: rules that correct where the learned spans of one relation
start and end, where the small parser misattaches.

Owns: each repair's test and its corrected token indices (a cue's object that lost its clause,
a date that says when, the informant who told the subject, a content's dangling conjunction ...).
Must not: decide whether a repair applies (``relations._fill`` asks the registry,
``repairs.on``), find relations or read other statements. Every rule here is named in
``repairs.REPAIRS`` with what it is worth.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from communique.extract.attribution import features as F
from communique.extract.attribution.stance import HEARSAY
from communique.extract.entities.roles import person_nouns
from communique.nlp.token_table import TokenTable, token_table

if TYPE_CHECKING:
    from communique.extract.attribution.relations import Relation


def dummy_subject(table: TokenTable, i: int, cue: int) -> bool:
    """The "it" of "It is widely expected that ...": the cue's subject stands in for the clause
    after it (the parser calls it a passive subject), so it is no part of what is expected."""
    dep = table.dep
    return (
        table.head[i] == cue
        and (dep[i] == "expl" or (dep[i] == "nsubjpass" and table.lower[i] == "it"))
        and any(dep[c] == "ccomp" for c in table.children[cue])
    )


def without_trailing_aside(doc: Doc, relation: Relation) -> list[int]:
    """A content before a parenthetical cue loses the phrase the article tacks on after it: in
    "Armed men boarded a ship on Tuesday, UKMTO said, in the latest attack on shipping", the
    agency said the men boarded the ship; "in the latest attack" is the article's. Only a
    phrase that opens with a preposition right after the cue's comma and has no verb goes."""
    content = relation.content
    if not relation.source or not content:
        return content
    after = max(relation.cue) + 1
    first = min(relation.source)
    if after >= len(doc) or doc[after].text != "," or not any(i < first for i in content):
        return content
    tail = [i for i in content if i > after]
    if not tail or doc[tail[0]].pos_ != "ADP" or any(doc[i].pos_ in ("VERB", "AUX") for i in tail):
        return content
    return [i for i in content if i < after]


def source_run(relation: Relation) -> list[int]:
    """The source's words on the head's side of the cue and content: an appositive the parse
    hangs on the speaker past the content ("Bardella said he would refuse ..., a stance backed
    by Le Pen") is not part of who is speaking."""
    head = relation.source_head.i
    barrier = sorted(set(relation.cue) | set(relation.content))
    kept = []
    for i in relation.source:
        low, high = min(i, head), max(i, head)
        if not any(low < b < high for b in barrier):
            kept.append(i)
    return kept


def without_when(relation: Relation) -> list[int]:
    """The source less a date the parse hung on it: in "West African leaders on Sunday gave
    ... and said" the small parser makes "on Sunday" a modifier of "leaders"; it says when,
    not who."""
    head = relation.source_head
    when = {
        t.i
        for prep in head.rights
        if prep.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)
        for t in prep.subtree
    }
    return [i for i in relation.source if i not in when] if when else relation.source


def object_as_subject(cue: Token, content_head: Token) -> list[int]:
    """The subject a content clause lost to the cue: in "warned the increase would cost jobs"
    the small parser makes "the increase" the cue's object and leaves "would cost" with no
    subject. A finite clause without a subject right after the cue's object takes the object
    as its subject (an addressee is followed by "that" or by a clause with its own subject:
    "told reporters that ...", "told reporters prices would rise"). Empty when there is none."""
    if content_head.dep_ != "ccomp" or content_head.head.i != cue.i:
        return []
    if any(c.dep_ in F.SUBJECT_DEPS | {"expl", "csubj", "mark"} for c in content_head.children):
        return []
    if not (content_head.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in content_head.children)):
        return []
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < content_head.i]
    if not objects or objects[-1].right_edge.i + 1 != content_head.left_edge.i:
        return []
    thing = objects[-1]
    # whoever is told ("a young woman who suggested ...", "reporters", "Congress") is no subject
    if (
        thing.pos_ in ("PRON", "PROPN")
        or thing.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or thing.lemma_.lower() in _ADDRESSEES
        or any(c.dep_ in ("relcl", "acl") for c in thing.children)
    ):
        return []
    return list(range(thing.left_edge.i, thing.right_edge.i + 1))


# nouns for the people a cue addresses ("told reporters", "warned investors")
_ADDRESSEES = frozenset(
    {
        "reporter", "journalist", "people", "supporter", "voter", "lawmaker", "legislator", "woman",
        "man", "crowd", "audience", "investor", "official", "member", "student", "worker", "leader",
        "colleague", "ally", "rival", "critic", "viewer", "listener", "reader", "delegate", "party",
        "committee", "court", "jury", "parliament", "congress", "senate", "council", "government",
    }
)


def raised_report(cue: Token) -> tuple[Token, Token] | None:
    """(subject, infinitive) when ``cue`` passes on hearsay in the passive, with an infinitive
    and no agent: ``Putin is said to have ordered the strike`` says nothing Putin said. PolNeAR
    marks such a statement without a source and with the subject and the infinitive as its
    content. The models learn the pattern for ``is expected to`` (common) but give ``is said
    to`` and ``was reported to`` (rare) the subject as the speaker."""
    if cue.lemma_.lower() not in HEARSAY:
        return None
    children = list(cue.children)
    subjects = [child for child in children if child.dep_ == "nsubjpass"]
    infinitives = [
        child for child in children
        if child.dep_ == "xcomp" and any(aux.dep_ == "aux" and aux.lower_ == "to" for aux in child.children)
    ]
    if not subjects or not infinitives or any(child.dep_ == "agent" for child in children):
        return None
    return subjects[0], infinitives[0]


# verbs of being told something: "learned from X", "heard from X", "was told by X"
_TOLD_FROM = frozenset({"learn", "hear"})


def informant(cue: Token) -> Token | None:
    """Who told the cue's subject what the content says: in "Ukrainska Pravda has learned from
    sources close to the president's office" the sources say it and the outlet reports them;
    so in "I was told by my cousin that ...". The learned spans take the outlet for the
    source and the sources into the cue (news passes on its informants this way far more
    often than the PolNeAR training texts do)."""
    lemma = cue.lemma_.lower()
    if lemma in _TOLD_FROM:
        marker = "from"
    elif lemma == "tell" and any(child.dep_ == "auxpass" for child in cue.children):
        marker = "by"
    else:
        return None
    for prep in cue.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ == marker:
            nouns = [child for child in prep.children if child.dep_ == "pobj" and may_speak(child)]
            if nouns:
                return nouns[0]
    return None


def may_speak(noun: Token) -> bool:
    """Whether a noun can name someone who tells: a name, a pronoun, a plural ("sources",
    "officials"), a role, or someone's ("my cousin"); not "learned from the experience"."""
    return (
        noun.pos_ == "PRON"
        or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or noun.tag_ in ("NNS", "NNPS")
        or noun.lemma_.lower() in speaking_nouns()
        or any(child.dep_ == "poss" for child in noun.children)
    )


@lru_cache(maxsize=1)
def speaking_nouns() -> frozenset[str]:
    nouns = person_nouns()
    return nouns["person"] | nouns["body"] | nouns["named_body"]


def that_clause(token: Token) -> bool:
    """Whether ``token`` heads a clause opened by "that" with a subject of its own."""
    return (
        token.dep_ in ("acl", "relcl", "ccomp")
        and has_subject(token)
        and any(child.dep_ == "mark" and child.lower_ == "that" for child in token.children)
    )


# what a cue's right-hand children say about the saying itself (to whom, where, when, how)
_SETTING_DEPS = frozenset({"prep", "npadvmod", "dobj", "dative", "advmod", "punct", "agent"})


def without_setting(relation: Relation, quotations: F.Quotations) -> list[int]:
    """A content that its cue splits in two loses the words after the cue that hang on it: in
    `"A," Trump said during a rally in Kenansville, "B"` or `A, the agency said in a June
    report, and B`, the rally and the report say where it was said, not what (PolNeAR leaves
    them out of the content). Only the cue's children right after it go, up to the first one
    that is not about the saying, and only when content follows them."""
    cue = relation.cue_head
    content = set(relation.content)
    if not any(i < cue.i for i in content):
        return relation.content
    last = max(content)
    dropped: set[int] = set()
    cue_tokens = set(relation.cue)
    for child in cue.rights:
        if child.i in cue_tokens or child.is_space:
            continue
        if child.dep_ == "cc" and dropped and quotations.index_at(child.idx) is None:
            # "..., the agency said in a June report, and B": the conjunction joins the
            # saying's two halves; inside quotation marks it is the speaker's own word
            dropped.add(child.i)
            continue
        if child.dep_ not in _SETTING_DEPS:
            break
        subtree = {t.i for t in child.subtree}
        if not subtree <= content | cue_tokens or max(subtree) >= last:
            break
        dropped |= subtree
    return [i for i in relation.content if i not in dropped] if dropped else relation.content


def without_leading_date(doc: Doc, relation: Relation) -> list[int]:
    """A content that opens, right after its cue, with a date the parser hung on the reported
    clause ("Beijing said on Friday it would raise its levies") loses it: the date says when
    it was said (the statement's time), not what. Only a date entity, maybe after a
    preposition, and only when more content follows it."""
    content = relation.content
    cue_end = max(relation.cue)
    if not content or content[0] != cue_end + 1:
        return content
    k = 0
    if doc[content[0]].pos_ == "ADP" and doc[content[0]].lower_ in ("on", "at", "in", "during"):
        k = 1
    date = k
    while date < len(content) and doc[content[date]].ent_type_ in ("DATE", "TIME"):
        date += 1
    if date == k or date >= len(content) or content[date] != content[date - 1] + 1:
        return content
    if doc[content[date]].is_punct:
        return content  # a mark after the date: the date is what the content is about
    # a date that modifies a verb ("on Friday it would raise"), not a noun ("last week's strike")
    phrase = doc[content[0] : content[date - 1] + 1]
    if phrase.root.dep_ not in ("prep", "npadvmod", "advmod", "tmod") or phrase.root.head.pos_ not in ("VERB", "AUX"):
        return content
    return content[date:]


# an adverbial clause of time on the cue says when it was said, not what: in PolNeAR train, 29
# of 344 such clauses are in the content ("The decree was approved | after four regions voted")
_WHEN_MARKS = frozenset({"after", "before", "when", "while", "since", "until", "once"})


def says_when(child: Token) -> bool:
    return clause_marked(child, _WHEN_MARKS)


def clause_marked(token: Token, marks: frozenset[str]) -> bool:
    """Whether ``token`` heads an adverbial clause opened by one of ``marks``."""
    return token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in token.children)


def has_subject(token: Token) -> bool:
    return any(child.dep_ in F.SUBJECT_DEPS for child in token.children)


def trim_dangling(doc: Doc, content: list[int]) -> list[int]:
    """Drop a conjunction (and the punctuation before it) left at a content's end: the
    coordinated clause it announced was not taken (``... in his campaigns and``)."""
    table = token_table(doc)
    punct, space = table.punct, table.space
    words = [i for i in sorted(content) if not (punct[i] or space[i])]
    if len(words) < 2 or table.dep[words[-1]] != "cc":
        return content
    return [i for i in content if i < words[-2] + 1]


def comma_split_left(head: Token) -> set[int]:
    """Tokens of a noun's left modifier that a comma separates from it (``the accusation, |
    staff who ...``): a misattachment of the previous clause's object, never part of the
    mention (a mention's own modifiers are not comma-separated on its left)."""
    doc = head.doc
    out: set[int] = set()
    for child in head.lefts:
        right = child.right_edge.i
        comma = right if doc[right].text == "," else right + 1
        if child.dep_ in ("nmod", "npadvmod", "appos", "dep") and comma < head.i and doc[comma].text == ",":
            out |= {t.i for t in child.subtree}
            out.add(comma)
    return out


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})


def orphan_object(cue: Token, cue_span: list[int], content_head: object) -> list[int]:
    """The object of a cue that the parse hung elsewhere (``has denied the accusation, staff
    ...``, where ``accusation`` became a modifier of ``staff``): a plain noun phrase right after
    a cue that has no object of its own, ending at a comma or the sentence end, when the chosen
    content is outside the cue's clause. Empty when there is none."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "prep", "advcl") for c in cue.children):
        return []
    clause = {t.i for t in cue.subtree}
    if isinstance(content_head, Token) and (
        content_head.i in clause or cue.i in {t.i for t in content_head.subtree}
    ):
        return []
    doc, sentence = cue.doc, cue.sent
    start = max(cue_span) + 1
    end = start
    while end < sentence.end and doc[end].pos_ in _NP_POS:
        end += 1
    if end == start or end >= sentence.end or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
        return []
    if doc[end].text not in (",", ".", ";"):
        return []
    # the phrase must hang outside the cue's clause: one the parse gave the cue is not orphaned
    if any(doc[i].head.i in clause for i in range(start, end) if not start <= doc[i].head.i < end):
        return []
    return list(range(start, end))
