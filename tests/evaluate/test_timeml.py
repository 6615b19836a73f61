"""The TimeML / MEANTIME readers and the TempEval-3 scorer, on tiny hand-written documents."""

from __future__ import annotations

import pytest

from communique.errors import UsageError
from communique.evaluate.timeml import evaluate, score
from communique.evaluate.timeml_gold import read_cat, read_corpus, read_tml
from communique.model import TimeExpression
from communique.settings import Settings

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> that talks &amp; aid resumed <TIMEX3 tid="t2" type="DATE" value="1998-07">last month</TIMEX3> after <TIMEX3 tid="t3" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
</TimeML>
"""

CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="one" lang="en">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">resume</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">14</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">Talks</token>
<token number="7" sentence="2" t_id="8">resumed</token>
<token number="8" sentence="2" t_id="9">yesterday</token>
<token number="9" sentence="3" t_id="10">Unannotated</token>
<token number="10" sentence="3" t_id="11">today</token>
<Markables>
<TIMEX3 m_id="1" type="DATE" value="2009-05-13" functionInDocument="NONE"><token_anchor t_id="9"/></TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2009-05-14" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
</Markables>
</Document>
"""


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "b.xml").write_text(CAT, encoding="utf-8")
    return tmp_path


def test_tml_reader_maps_offsets_into_the_raw_text(corpus):
    document = read_tml(corpus / "a.tml")
    assert document.dct == "1998-08-07"
    assert [document.text[t.start : t.end] for t in document.timexes] == ["Friday", "last month", "three years"]
    assert "talks & aid" in document.text


def test_cat_reader_masks_the_dateline_and_the_unannotated_tail(corpus):
    document = read_cat(corpus / "b.xml")
    assert document.dct == "2009-05-14"
    assert [document.text[t.start : t.end] for t in document.timexes] == ["yesterday"]
    masked = [document.text[s:e].strip() for s, e in document.ignore]
    assert "May 14 , 2009" in masked and "Unannotated today" in masked


def test_scorer_counts_strict_relaxed_and_values(corpus):
    document = read_tml(corpus / "a.tml")
    text = document.text
    friday = text.index("Friday")
    month = text.index("last month")
    predicted = [
        TimeExpression("Friday", friday, friday + 6, "DATE", "1998-08-07"),  # strict, right value
        TimeExpression("month", month + 5, month + 10, "DATE", "1998-06"),  # relaxed only, wrong value
        TimeExpression("aid", text.index("aid"), text.index("aid") + 3, "DATE", "X"),  # spurious
    ]
    counts = score([document], [predicted])["counts"]
    assert counts == dict(gold=3, system=3, strict_p=1, strict_r=1, relaxed_p=2, relaxed_r=2, value=1, type=2)


def test_evaluate_reports_the_tempeval_measures(corpus):
    report = evaluate(corpus, Settings(), parse=False)
    assert set(report.summary) >= {"strict_f1", "relaxed_f1", "value_accuracy", "value_f1"}
    # Friday, last month, three years and yesterday are all found with the right values.
    assert report.summary["relaxed_f1"] == 100.0
    assert report.summary["value_f1"] == 100.0


def test_empty_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="E501"):
        read_corpus(tmp_path)
