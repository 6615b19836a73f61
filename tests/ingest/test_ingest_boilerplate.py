"""Captions, credits and link stubs are marked as whole-line spans; reporting never is."""

from __future__ import annotations

import pytest

from communique.ingest.boilerplate import boilerplate_spans, is_boilerplate_line


@pytest.mark.parametrize(
    "line",
    [
        "FILE PHOTO: Belarusian President Alexander Lukashenko. © Sputnik / Sergei Savostyanov",
        "FILE - In this photo taken on Aug. 1, soldiers walk past a destroyed tank.",
        "Russian President Vladimir Putin. © Sputnik / Gavriil Grigorov",
        "© Reuters",
        "Photo: Reuters",
        "Photo by John Moore/Getty Images",
        "Soldiers near the front line. Photo: AFP/Aris Messinis",
        "Protesters in Tbilisi on Sunday (AP Photo/Shakh Aivazov)",
        "Scott Olson via Getty Images.",
        "Image caption, The minister arrived in Kyiv on Monday",
        "Image source, Getty Images",
        "Read more",
        "READ MORE: Arctic states step up military cooperation",
        "Click here to read the full report",
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our daily briefing",
        "Subscribe to our newsletter",
        "You can share this story on social media:",
        "Follow RT on Telegram",
        "Reporting by Tom Balmforth; Editing by Andrew Osborn",
        "Related: Five things to know about the ceasefire",
        "Share",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Moscow and Kiev must eventually settle their differences through negotiations, Lukashenko said.",
        "He posted a photo: a burned tank on the outskirts of the town.",
        "A Reuters/Ipsos poll released on Tuesday showed the two candidates tied.",
        "Related issues were discussed at the summit on Friday.",
        "Reporting by the New York Times revealed the talks had stalled.",
        "Readers were asked whether they trusted the government.",
        "The agency's photographer was detained at the border.",
        "Share prices fell sharply after the announcement.",
        "Sign",
        "",
    ],
)
def test_reporting_is_not_boilerplate(line):
    assert not is_boilerplate_line(line)


def test_spans_cover_exactly_the_caption_line_without_surrounding_space():
    text = "Headline here\n  Photo: Reuters  \nBody text follows, the minister said.\nRead more\n"
    spans = boilerplate_spans(text)
    assert [text[s:e] for s, e in spans] == ["Photo: Reuters", "Read more"]
    assert spans[0] == (16, 30)


def test_no_text_is_removed(example_text):
    spans = boilerplate_spans(example_text)
    assert spans  # the reference article has a caption and a link stub
    for start, end in spans:
        assert 0 <= start < end <= len(example_text)
        assert "\n" not in example_text[start:end]


def test_overlong_line_is_never_boilerplate():
    paragraph = "Read more " + "about the negotiations and the many delays they suffered " * 10
    assert not is_boilerplate_line(paragraph)


@pytest.mark.shared
def test_no_polnear_attribution_span_is_marked_as_boilerplate(shared_dir):
    """On PolNeAR dev, boilerplate lines may only overlap spans the annotators discarded."""
    base = shared_dir / "eval" / "polnear" / "dev"
    overlaps: dict[str, int] = {}
    checked = 0
    for ann in sorted((base / "attributions").glob("*.ann")):
        text_path = base / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not text_path.exists():
            continue
        spans = boilerplate_spans(text_path.read_text(encoding="utf-8"))
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if not line.startswith("T") or len(fields) < 3:
                continue
            label, offsets = fields[1].split(" ", 1)
            checked += 1
            for piece in offsets.split(";"):
                start, end = map(int, piece.split())
                if any(s < end and start < e for s, e in spans):
                    overlaps[label] = overlaps.get(label, 0) + 1
                    break
    assert checked > 1000
    assert set(overlaps) <= {"Discard"}, overlaps
