"""Whether a person's name is put beside a noun as the one it describes (``the spokesman, Ivan
Petrenko``): a question of the parse that the actor linker and the speaker resolver both ask.

Owns: that one decision. Must not: look anything up in the knowledge base.
"""

from __future__ import annotations

from spacy.tokens import Token


def is_apposed(person: Token, noun: Token) -> bool:
    """Whether ``person`` is put beside a singular ``noun`` as the one it describes (``the
    spokesman, Ivan Petrenko``); a plural noun or a coordination (``candidates Hillary Clinton
    and Donald Trump``) describes a group."""
    return (
        person.dep_ == "appos"
        and person.head.i == noun.i
        and noun.tag_ != "NNS"
        and not any(child.dep_ == "conj" for child in person.children)
    )
