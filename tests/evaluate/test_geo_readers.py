"""The LGL / GeoVirus / ReLocaR readers and the geo scorer on small hand-made files."""

from __future__ import annotations

import pytest

from communique.errors import UsageError
from communique.evaluate import geo, metonymy
from communique.settings import Settings

LGL = """<articles><article docid="1"><text>Flooding hit Alexandria, La., and Paris.</text>
<toponyms>
 <toponym><start>13</start><end>23</end><phrase>Alexandria</phrase>
  <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag>
 </toponym>
 <toponym><start>33</start><end>38</end><phrase>Paris</phrase></toponym>
</toponyms></article></articles>"""

GEOVIRUS = """<articles><article><source>x</source><text>Cases rose in Kenya.</text>
<locations><location><name>Kenya</name><start>15</start><end>20</end><lat>1</lat><lon>38</lon>
</location></locations></article></articles>"""


def test_lgl_reader_keeps_gold_with_coordinates(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    [(text, gold)] = geo.read_corpus(path)
    assert [(text[g.start:g.end], g.geonameid) for g in gold] == [("Alexandria", 4314550)]
    report = geo.evaluate(path, Settings())
    assert report.summary["acc161"] == 100.0 and report.summary["exact_id"] == 100.0
    assert report.summary["baseline_acc161"] == 0.0  # the baseline takes Alexandria, Egypt


def test_geovirus_offsets_are_realigned(tmp_path):
    path = tmp_path / "gv.xml"
    path.write_text(GEOVIRUS, encoding="utf-8")
    [(text, gold)] = geo.read_corpus(path)
    assert text[gold[0].start:gold[0].end] == "Kenya"
    assert geo.evaluate(path, Settings()).summary == {"acc161": 100.0, "baseline_acc161": 100.0}
    full = geo.evaluate(path, Settings(), end_to_end=True).summary
    assert (full["recognition_precision"], full["recognition_recall"], full["acc161"],
            full["gold_acc161"]) == (100.0, 100.0, 100.0, 100.0)


# ``nairobi`` in lower case: resolvable from its gold span, but no recognizer finds it.
MISSED = """<articles><article><source>x</source><text>Cases rose in Kenya and in nairobi.</text>
<locations><location><name>Kenya</name><start>14</start><end>19</end><lat>1</lat><lon>38</lon>
</location><location><name>nairobi</name><start>27</start><end>34</end><lat>-1.28</lat>
<lon>36.82</lon></location></locations></article></articles>"""


def test_end_to_end_counts_a_missed_toponym_as_wrong(tmp_path, nlp):
    path = tmp_path / "gv.xml"
    path.write_text(MISSED, encoding="utf-8")
    summary = geo.evaluate(path, Settings(), end_to_end=True).summary
    assert summary["gold_acc161"] == 100.0
    assert (summary["acc161"], summary["recognition_recall"]) == (50.0, 50.0)
    assert summary["recognition_precision"] == 100.0


def test_bad_corpus_is_a_usage_error(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<not-closed", encoding="utf-8")
    with pytest.raises(UsageError, match="E702"):
        geo.read_corpus(path)


def test_relocar_reader_and_scoring(tmp_path):
    path = tmp_path / "relocar.xml"
    path.write_text(
        '<data><sample number="1">Protesters gathered in <loc reading="lit">Kenya</loc>.\n'
        '</sample><sample number="2"><loc reading="met">Moscow</loc> has said it will '
        'respond.\n</sample></data>', encoding="utf-8")
    samples = metonymy.read_relocar(path)
    assert [(t[s:e], m) for t, s, e, m in samples] == [("Kenya", False), ("Moscow", True)]
    assert metonymy.evaluate(path, Settings(), folds=2).summary["accuracy"] == 100.0
