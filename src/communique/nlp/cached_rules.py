"""spaCy's attribute ruler and rule lemmatizer, answered from a cache: the same annotations, faster.

Owns: wrapping a loaded pipeline's ``attribute_ruler`` and ``lemmatizer`` so that each decides a
token once per distinct input (the token's form, tag and dependency for the ruler; form,
part of speech and morphology for the lemmatizer) and every later token with that input gets the
remembered answer. Must not: change a single annotation (tests compare every token attribute with
the stock components on real articles) or be used for a component it cannot prove equal for
(then the stock one stays).

Why: in en_core_web_sm both components run Python per token. The ruler matches 179 patterns over
every document (mostly "tag NN -> POS NOUN"), the lemmatizer looks up rules per token and
recomputes the morphology check of every base form. Together they are about a fifth of the whole
spaCy time on news articles, while the answers depend on nothing but those few token attributes,
of which an article repeats most.

Exactness:
- The ruler's matcher runs once, on the annotations as the parser left them; then it sets the
  attributes of every matching pattern in pattern order (later ones win). A single-token pattern
  reads only the token itself (here TAG, LOWER, DEP, IS_SPACE: the form, tag and dependency
  decide all of them), so which of them match is a function of that triple. Patterns over more
  than one token ("gon na", "ai n't") are matched in the document as the stock ruler does.
  Folding the matched patterns' attributes in pattern order and setting them once gives the same
  token as setting them one by one, because each attribute is set independently.
- The rule (or lookup) lemmatizer's answer is a function of the form, the part of speech and the
  morphology (spaCy's own cache uses the same key, but only on one of its paths). Its word index
  becomes sets: the rules only ask whether a form is in it.

The caches are bounded (cleared when full) so a worker's memory stays flat on any corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# distinct inputs remembered per component before the cache starts over (a news corpus has tens of
# thousands; each entry is a few hundred bytes)
CACHE_LIMIT = 200_000
# the token attributes a single-token pattern may read for the (form, tag, dependency) key to decide it
_KEYED_ATTRS = frozenset({"TAG", "LOWER", "ORTH", "TEXT", "DEP", "IS_SPACE"})


def _rules(ruler: Any) -> Iterator[tuple[int, int, list[Any]]]:
    """Each rule of a stock ruler: its index, its matcher key and its patterns (the stock ruler
    keys each rule by its index, as a string)."""
    strings = ruler.vocab.strings
    for rule in range(len(ruler.attrs)):
        key = strings[str(rule)]
        yield rule, key, ruler.matcher.get(key)[1]


class CachedAttributeRuler:
    """A stock ``AttributeRuler``'s decisions, remembered per (form, tag, dependency)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.single = Matcher(ruler.vocab)
        self.multi = Matcher(ruler.vocab)
        for rule, key, patterns in _rules(ruler):
            single = all(len(pattern) == 1 for pattern in patterns) and ruler.indices[rule] in (0, -1)
            (self.single if single else self.multi).add(key, patterns)
        self._rules_of: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self._attrs_of: dict[tuple[int, ...], dict[Any, Any]] = {}

    @staticmethod
    def handles(ruler: Any) -> bool:
        """Whether every single-token pattern of ``ruler`` reads only what the key holds."""
        try:
            for _rule, _key, patterns in _rules(ruler):
                if any(len(pattern) == 1 and not set(pattern[0]) <= _KEYED_ATTRS for pattern in patterns):
                    return False
        except (AttributeError, KeyError, TypeError):
            return False  # not the stock ruler's layout: keep the stock component
        return True

    def __call__(self, doc: Doc) -> Doc:
        ruler, strings = self.ruler, self.ruler.vocab.strings
        # patterns over several tokens, matched in context as the stock ruler does
        in_context: dict[int, list[int]] = {}
        if len(self.multi):
            for match_id, start, end in self.multi(doc, allow_missing=True):
                rule = int(strings[match_id])
                index = ruler.indices[rule]
                in_context.setdefault(start + index if index >= 0 else end + index, []).append(rule)
        if len(self._rules_of) > CACHE_LIMIT:
            self._rules_of.clear()
        rules_of, attrs_of = self._rules_of, self._attrs_of
        for i, key in enumerate(map(tuple, doc.to_array([ORTH, TAG, DEP]).tolist())):
            rules = rules_of.get(key)
            if rules is None:
                found = self.single(doc[i : i + 1], allow_missing=True)
                rules = rules_of[key] = tuple(sorted(int(strings[match_id]) for match_id, _, _ in found))
            if i in in_context:
                rules = tuple(sorted({*rules, *in_context[i]}))
            if not rules:
                continue
            attrs = attrs_of.get(rules)
            if attrs is None:
                attrs = {}
                for rule in rules:  # later patterns win, as in the stock ruler
                    attrs.update(ruler.attrs[rule])
                attrs_of[rules] = attrs
            set_token_attrs(doc[i], attrs)
        return doc


class CachedLemmatizer:
    """A stock ``Lemmatizer``'s answers, remembered per (form, part of speech, morphology)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._lemma_of: dict[tuple[int, int, int], int] = {}
        _index_as_sets(lemmatizer)

    @staticmethod
    def handles(lemmatizer: Any) -> bool:
        return getattr(lemmatizer, "mode", None) in ("rule", "lookup") and callable(
            getattr(lemmatizer, "lemmatize", None)
        )

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        overwrite = bool(getattr(lemmatizer, "overwrite", False))
        strings = doc.vocab.strings
        if len(self._lemma_of) > CACHE_LIMIT:
            self._lemma_of.clear()
        lemma_of = self._lemma_of
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = table.tolist()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue  # set by the attribute ruler: the stock lemmatizer keeps it too
            key = (orth, pos, morph)
            value = lemma_of.get(key)
            if value is None:
                value = lemma_of[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            table[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], table[:, 3:4])
        return doc


def _index_as_sets(lemmatizer: Any) -> None:
    """Turn the rule lemmatizer's word index (a list of up to 57,000 words per part of speech, in
    en_core_web_sm) into sets. The stock rules ask only ``form in index`` of it, a linear search
    through the list on every candidate form: about 100 microseconds a word, nine tenths of the
    lemmatizer's time on words it has not seen. A set answers the same question in one look-up."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for key, words in list(index.items()):
        if isinstance(words, list):
            index[key] = frozenset(words)


@Language.factory("communique_cached_attribute_ruler", default_config={"stock": "attribute_ruler_stock"})
def make_cached_attribute_ruler(nlp: Language, name: str, stock: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.get_pipe(stock))


@Language.factory("communique_cached_lemmatizer", default_config={"stock": "lemmatizer_stock"})
def make_cached_lemmatizer(nlp: Language, name: str, stock: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe(stock))


_CACHED = {
    "attribute_ruler": ("communique_cached_attribute_ruler", CachedAttributeRuler),
    "lemmatizer": ("communique_cached_lemmatizer", CachedLemmatizer),
}


def use_cached_rules(nlp: Language) -> list[str]:
    """Put the cached forms of ``nlp``'s stock attribute ruler and lemmatizer in their place, under
    their names, where they can be proven equal (see the module docstring); the stock components
    stay loaded, disabled, as ``<name>_stock``. Returns the names of the components swapped."""
    swapped = []
    for name, (factory, wrapper) in _CACHED.items():
        stock = f"{name}_stock"
        if name not in nlp.pipe_names or stock in nlp.component_names or not wrapper.handles(nlp.get_pipe(name)):
            continue
        nlp.rename_pipe(name, stock)
        nlp.add_pipe(factory, name=name, after=stock, config={"stock": stock})
        nlp.disable_pipe(stock)
        swapped.append(name)
    return swapped
