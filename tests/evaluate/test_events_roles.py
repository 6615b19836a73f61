"""Role agreement of `communique eval events` on PLV rows (evaluate/events.py, _extraction)."""

from __future__ import annotations

from communique.evaluate.events import evaluate, role_spans
from communique.model import Article, Mention, Role
from communique.settings import Settings

HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"


def test_a_role_counts_the_mentions_of_the_actor_it_resolves_to():
    text = "The ELN said it will release Odin Sanchez."
    article = Article(text=text)
    article.mentions = [Mention(actor="eln", start=0, end=7, text="The ELN")]
    it = text.index("it ")
    role = Role.from_spans(text, [(it, it + 2)], name="ELN", actor="eln")
    assert role_spans(role, article)[:2] == [(it, it + 2), (0, 7)]
    member = Role.from_spans(text, [(0, 7)], actor="eln")
    assert (0, 7) in role_spans(Role(spans=[(30, 40)], members=[member]), article)
    assert role_spans(Role.from_spans(text, [(it, it + 2)]), article) == [(it, it + 2)]
    # a name the linker does not know is found where it is written
    unlinked = Role.from_spans(text, [(it, it + 2)], name="ELN")
    assert role_spans(unlinked, Article(text=text)) == [(it, it + 2), (4, 7)]


def test_extraction_runs_the_pipeline_and_counts_the_resolved_source(tmp_path):
    # "it" is Russia: the actor linker's mention of Russia agrees with the gold source
    marked = "<s>Russia</s> said it will release <t>the Ukrainian soldiers</t>."
    path = tmp_path / "plv.tsv"
    path.write_text(HEADER + f"0\t0\tx\t{marked}\ts\tt\tYIELD\n", encoding="utf-8")
    summary = evaluate(path, Settings(), shipped=True).summary
    assert summary["pair_agreement"] == 100.0 and summary["source_agreement"] == 100.0
    assert summary["pair_agreement_span"] == 0.0  # the role's own words are "it"
