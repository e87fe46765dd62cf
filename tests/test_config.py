"""The data folder: where it is, and one sentence when it cannot be used."""

from __future__ import annotations

import errno
import os

import pytest

from optimizer import config
from optimizer.errors import DataDirError


def test_the_variable_names_the_folder_and_it_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(tmp_path / "a" / "b"))
    assert config.data_dir(create=False) == tmp_path / "a" / "b" and not (tmp_path / "a").exists()
    assert config.data_dir().is_dir()


def test_without_the_variable_it_is_the_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.delenv("OPTIMIZER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert config.configured_data_dir() == tmp_path / "optimizer-studio"


def test_a_file_in_the_way_is_one_sentence(tmp_path, monkeypatch):
    (tmp_path / "data").write_text("x")
    monkeypatch.setenv("OPTIMIZER_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(DataDirError, match=r"data folder .*data is a file, not a folder; .*OPTIMIZER_DATA_DIR") as e:
        config.data_dir()
    assert e.value.path == tmp_path / "data"


@pytest.mark.parametrize(
    "code, reason, remedy",
    [
        (errno.EACCES, "permission denied", "make it writable"),
        (errno.EROFS, "it is on a read-only file system", "make it writable"),
        (errno.ENOSPC, "the disk is full", "free some space"),
        (errno.ENOTDIR, "a part of the path is a file, not a folder", "fix the path"),
    ],
)
def test_each_refusal_says_why_and_what_to_do(tmp_path, code, reason, remedy):
    error = config.data_dir_error(tmp_path / "d", OSError(code, os.strerror(code)), doing="create")
    text = str(error)
    assert f"cannot create the data folder {tmp_path / 'd'} ({reason}); nothing was written there; {remedy}" in text
    assert text.endswith("or point OPTIMIZER_DATA_DIR at a writable folder")


def test_ensure_writable_proves_a_write_and_leaves_nothing(tmp_path):
    folder = config.ensure_writable(tmp_path / "new")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_ensure_writable_refuses_a_read_only_folder_and_leaves_it_as_it_was(readonly_folder):
    with pytest.raises(DataDirError, match=r"cannot write to the data folder .* \(it is on a read-only file system\)"):
        config.ensure_writable(readonly_folder.path)
    assert sorted(p.name for p in readonly_folder.path.iterdir()) == ["keep.txt"]
