from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tiktoken

from optimizer import tokens
from optimizer.errors import ConfigError

VOCAB = Path(tokens.__file__).parent / "data" / "tokenizers"


def _reference_encoding(name: str, like: tiktoken.Encoding) -> tiktoken.Encoding:
    """The same vocabulary parsed by hand, to check tiktoken really loaded our file."""
    ranks = {}
    for line in (VOCAB / f"{name}.tiktoken").read_bytes().splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return tiktoken.Encoding(
        name=f"ref-{name}", pat_str=like._pat_str, mergeable_ranks=ranks, special_tokens=like._special_tokens
    )


@pytest.mark.parametrize("name", sorted(tokens.VENDORED_SHA256))
def test_vendored_files_match_official_hashes(name):
    digest = hashlib.sha256((VOCAB / f"{name}.tiktoken").read_bytes()).hexdigest()
    assert digest == tokens.VENDORED_SHA256[name]


@pytest.mark.parametrize(
    "model, encoding",
    [
        ("gpt-4o", "o200k_base"),
        ("gpt-4.1-mini", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
    ],
)
def test_models_map_with_tiktokens_own_table(model, encoding):
    choice = tokens.choose_encoding(model)
    assert choice.encoding_name == encoding
    assert choice.exact and choice.note == ""


def test_counts_match_an_independent_parse_of_the_vocabulary():
    text = "Niacinamide 4% serum, fragrance-free; pH 5.5 — 30 ml ¥1,200 <|endoftext|>"
    for model in ("gpt-4o", "gpt-4"):
        enc = tokens.encoding_for_model(model)
        reference = _reference_encoding(enc.name, enc)
        assert tokens.count_tokens(text, model) == len(reference.encode_ordinary(text))


def test_unknown_model_falls_back_and_says_so():
    choice = tokens.choose_encoding("my-private-llama")
    assert choice.encoding_name == tokens.FALLBACK_ENCODING
    assert not choice.exact
    assert "my-private-llama" in choice.note and "estimate" in choice.note
    assert tokens.count_tokens("hello there", "my-private-llama") == tokens.count_tokens("hello there", "gpt-4o")


def test_old_encodings_we_do_not_vendor_fall_back_with_a_note():
    choice = tokens.choose_encoding("text-davinci-003")
    assert choice.encoding_name == "o200k_base" and "not vendored" in choice.note


def test_encodings_load_once_per_process():
    assert tokens.get_encoding("o200k_base") is tokens.get_encoding("o200k_base")
    assert tokens.encoding_for_model("gpt-4o") is tokens.encoding_for_model("gpt-4o-mini")


def test_unvendored_encoding_name_is_a_clear_error():
    with pytest.raises(ConfigError, match="not available offline"):
        tokens.get_encoding("p50k_base")


def _fresh_process(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    root = Path(tokens.__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root), **env},
    )


def test_respects_a_cache_folder_the_user_chose_and_never_overwrites(tmp_path):
    user_cache = tmp_path / "my-tiktoken"
    user_cache.mkdir()
    mine = user_cache / "unrelated-file"
    mine.write_text("keep me")
    code = (
        "from optimizer.tokens import count_tokens; import os;"
        "print(count_tokens('hello world'), os.environ['TIKTOKEN_CACHE_DIR'])"
    )
    env = {"TIKTOKEN_CACHE_DIR": str(user_cache), "OPTIMIZER_DATA_DIR": str(tmp_path / "d")}
    out = _fresh_process(env, code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[1] == str(user_cache)
    cached = {p.name for p in user_cache.iterdir()}
    assert len(cached) == 3 and mine.read_text() == "keep me"
    # A second process finds the files and leaves them as they are (no rewrite).
    mtimes = {p.name: p.stat().st_mtime_ns for p in user_cache.iterdir()}
    assert _fresh_process(env, code).returncode == 0
    assert mtimes == {p.name: p.stat().st_mtime_ns for p in user_cache.iterdir()}


def test_without_a_user_cache_it_uses_a_private_one_in_the_data_dir(tmp_path):
    env = {"OPTIMIZER_DATA_DIR": str(tmp_path / "d"), "TIKTOKEN_CACHE_DIR": ""}
    code = "from optimizer.tokens import count_tokens; import os; count_tokens('x'); print(os.environ['TIKTOKEN_CACHE_DIR'])"
    out = _fresh_process(env, code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "d" / "tiktoken-cache")
