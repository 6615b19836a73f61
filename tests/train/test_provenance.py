"""Provenance meta (train/provenance.py): the data hash, the commit and the command a model records,
and a model trained on the tiny PolNeAR-shaped split in tests/fixtures/polnear_train carrying them all."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from communique import __version__
from communique.errors import UsageError
from communique.settings import Settings
from communique.train import provenance as P
from communique.train.attribution import MODEL_FILE, train

# Two short passages and their attributions written by the project in PolNeAR's layout (text/,
# attributions/ with brat .ann files), so training and its meta are tested without ../shared; no
# text or annotation in it comes from PolNeAR. (Nothing else may sit in the folder: it is data.)
SPLIT = Path(__file__).resolve().parents[1] / "fixtures" / "polnear_train"


def _copy(root: Path) -> Path:
    return Path(shutil.copytree(SPLIT, root))


def test_the_data_hash_is_the_same_wherever_the_data_lies(tmp_path):
    first, second = _copy(tmp_path / "a" / "train"), _copy(tmp_path / "deeper" / "elsewhere" / "split")
    (second / ".DS_Store").write_bytes(b"not data")  # hidden files are not training data
    assert P.data_sha256([first]) == P.data_sha256([second]) == P.data_sha256([SPLIT])


def test_the_data_hash_is_the_sha256sum_manifest_of_the_files():
    lines = "".join(
        f"{hashlib.sha256(file.read_bytes()).hexdigest()}  {name}\n" for name, file in P.data_files(SPLIT)
    )
    assert [name for name, _ in P.data_files(SPLIT)][0].startswith("attributions/")
    assert P.data_sha256([SPLIT]) == hashlib.sha256(lines.encode()).hexdigest()


def test_the_data_hash_changes_when_a_file_changes_or_is_renamed(tmp_path):
    split = _copy(tmp_path / "train")
    before = P.data_sha256([split])
    text = next((split / "text").iterdir())
    text.write_text(text.read_text(encoding="utf-8") + " ", encoding="utf-8")
    changed = P.data_sha256([split])
    text.rename(text.with_name("renamed.txt"))
    assert len({before, changed, P.data_sha256([split])}) == 3


def test_missing_or_empty_data_is_e407_naming_the_path(tmp_path):
    with pytest.raises(UsageError, match=r"E407.*nowhere.*no such file"):
        P.data_sha256([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"E407.*empty.*no files"):
        P.data_sha256([tmp_path / "empty"])


def test_the_commit_is_the_checkout_head_marked_dirty_when_it_has_changes():
    commit = P.source_commit()
    root = Path(P.__file__).resolve().parents[3]
    if not (root / ".git").exists():
        assert commit == P.NOT_A_CHECKOUT
        return
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert commit == head + ("+dirty" if dirty.strip() else "")


def test_an_installed_package_is_not_a_checkout(monkeypatch, tmp_path):
    site = tmp_path / "lib" / "python3.11" / "site-packages" / "communique" / "train"
    site.mkdir(parents=True)
    monkeypatch.setattr(P, "__file__", str(site / "provenance.py"))
    assert P.source_commit() == P.NOT_A_CHECKOUT


def test_the_command_is_the_cli_line_when_run_as_the_cli(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/venv/bin/communique", "train", "attribution", "data dir", "--encoder"])
    assert P.command_line(["unused"]) == "communique train attribution 'data dir' --encoder"
    monkeypatch.setattr(sys, "argv", ["pytest", "-q"])
    assert P.command_line(["communique", "train", "x"]) == "communique train x"


def test_a_model_trained_on_the_tiny_split_carries_every_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    split = _copy(tmp_path / "polnear" / "train")
    summary = train(Path("polnear/train"), Path("out"), Settings(), epochs=2, seed=3)
    assert summary["documents"] == 2
    meta = P.read_meta(tmp_path / "out" / MODEL_FILE)
    assert set(P.FIELDS) <= set(meta)
    assert meta["data"] == ["polnear/train"]
    assert meta["data_sha256"] == P.data_sha256([SPLIT]) == P.data_sha256([split])
    assert meta["command"] == "communique train attribution polnear/train --epochs 2 --seed 3"
    assert meta["commit"] == P.source_commit()
    assert meta["communique_version"] == __version__
    assert len(meta["created"]) == 10 and meta["seed"] == 3  # the trainer's own meta stays

    # an absolute path is recorded relative to the current folder; a given command verbatim
    train(split, tmp_path / "out2", Settings(), epochs=1, limit=1, command="make model")
    meta = P.read_meta(tmp_path / "out2" / MODEL_FILE)
    assert meta["data"] == ["polnear/train"] and meta["command"] == "make model"


def test_a_python_only_option_is_written_after_the_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copy(tmp_path / "train")
    train(Path("train"), Path("out"), Settings(), epochs=1, limit=1)
    command = P.read_meta(tmp_path / "out" / MODEL_FILE)["command"]
    assert command.endswith("--seed 13  # from Python, with limit=1, every_annotator=True")


def test_safetensors_metadata_round_trips_through_read_meta(tmp_path):
    meta = P.provenance([SPLIT], "communique train attribution x --encoder") | {"epochs": 2}
    header = json.dumps({"__metadata__": P.as_safetensors_metadata(meta)}).encode()
    path = tmp_path / "top.safetensors"
    path.write_bytes(len(header).to_bytes(8, "little") + header)
    read = P.read_meta(path)
    assert read["data"] == meta["data"] and read["command"] == meta["command"] and read["epochs"] == "2"


def test_the_cli_records_its_exact_command_line(tmp_path):
    cli = Path(sys.executable).with_name("communique")
    if not cli.exists():
        pytest.skip("the communique console script is not installed next to this Python")
    _copy(tmp_path / "train")
    args = ["train", "attribution", "train", "--out", "my model", "--epochs", "1"]
    done = subprocess.run([str(cli), *args], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    meta = P.read_meta(tmp_path / "my model" / MODEL_FILE)
    assert meta["command"] == "communique train attribution train --out 'my model' --epochs 1"
    assert meta["data"] == ["train"]
