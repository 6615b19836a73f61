"""Folders are walked through symbolic links, once each, without looping."""

from __future__ import annotations

from ingest_samples import ENGLISH

from communique.model import Article, Failure


def test_a_linked_folder_is_walked_and_a_loop_is_not(read, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(ENGLISH, encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(ENGLISH + " More.", encoding="utf-8")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)  # a loop
    (corpus / "again").symlink_to(corpus / "sub", target_is_directory=True)  # sorted first: sub/ then adds nothing
    items = read(corpus)
    assert not [item for item in items if isinstance(item, Failure)]
    assert [item.source for item in items if isinstance(item, Article)] == [
        str(corpus / "again" / "a.txt"),
        str(corpus / "linked" / "b.txt"),
    ]


def test_a_folder_given_through_a_link_is_walked(read, tmp_path):
    # this already worked; it guards the folder walk's own use of links
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    items = read(tmp_path / "link")
    assert [item.source for item in items] == [str(tmp_path / "link" / "a.txt")]
