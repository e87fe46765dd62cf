from __future__ import annotations

import binascii
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


def _reference_tokens(name: str, like: tiktoken.Encoding, text: str) -> list[int]:
    """``text`` encoded from the same vocabulary parsed by hand, with tiktoken's pure-Python
    teaching BPE (``tiktoken._educational``) instead of its Rust core, to check tiktoken really
    loaded our file. (Building a second Rust encoding from the parsed ranks cost 0.3 s more.)"""
    import regex
    from tiktoken._educational import bpe_encode

    # binascii's decoder is base64.b64decode's, without its per-call checks (0.2 s less).
    lines = (line.split() for line in (VOCAB / f"{name}.tiktoken").read_bytes().splitlines() if line)
    ranks = {binascii.a2b_base64(token): int(rank) for token, rank in lines}
    return [
        rank
        for piece in regex.findall(like._pat_str, text)
        for rank in bpe_encode(ranks, piece.encode("utf-8"), visualise=None)
    ]


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
        assert tokens.count_tokens(text, model) == len(_reference_tokens(enc.name, enc, text))


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


def test_counting_writes_nothing_not_even_a_tiktoken_cache(tmp_path):
    user_cache = tmp_path / "my-tiktoken"
    user_cache.mkdir()
    (user_cache / "unrelated-file").write_text("keep me")
    data = tmp_path / "no-such-data-folder"
    code = (
        "import os; from optimizer.tokens import count_tokens;"
        "print(count_tokens('hello world'), count_tokens('hello world', 'gpt-4'), os.environ['TIKTOKEN_CACHE_DIR'])"
    )
    out = _fresh_process({"TIKTOKEN_CACHE_DIR": str(user_cache), "OPTIMIZER_DATA_DIR": str(data)}, code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "2", str(user_cache)]  # the user's setting is left as it was
    assert [p.name for p in user_cache.iterdir()] == ["unrelated-file"]
    assert not data.exists()


@pytest.mark.parametrize("name", sorted(tokens.VENDORED_SHA256))
def test_our_specs_are_tiktokens_own(name, tmp_path, monkeypatch):
    """tiktoken's constructor, fed our file through its own cache, builds the same encoding."""
    import tiktoken_ext.openai_public as public

    url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    (tmp_path / hashlib.sha1(url.encode()).hexdigest()).write_bytes(tokens.vendored_path(name).read_bytes())
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    theirs = tiktoken.Encoding(**public.ENCODING_CONSTRUCTORS[name]())
    ours = tokens.get_encoding(name)
    spec = tokens.SPECS[name]
    assert (spec.pat_str, dict(spec.special_tokens)) == (theirs._pat_str, theirs._special_tokens)
    assert ours.n_vocab == theirs.n_vocab
    sample = "Niacinamide 4% serum — 30 ml, pH 5.5; ¥1,200 <|endoftext|> 日本語のテキスト"
    assert ours.encode(sample, allowed_special="all") == theirs.encode(sample, allowed_special="all")


def _fresh_encodings(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(tokens, "_VOCAB_DIR", folder)
    monkeypatch.setattr(tokens, "_encodings", {})


def test_a_corrupt_vendored_file_is_refused_with_the_fix(tmp_path, monkeypatch):
    good = tokens.vendored_path("o200k_base").read_bytes()
    (tmp_path / "o200k_base.tiktoken").write_bytes(good[: len(good) // 2])  # a truncated copy
    _fresh_encodings(monkeypatch, tmp_path)
    with pytest.raises(ConfigError, match=r"o200k_base.tiktoken is missing or corrupt \(sha256 mismatch\); restore"):
        tokens.count_tokens("x")


def test_a_missing_or_unreadable_vendored_file_is_one_sentence(tmp_path, monkeypatch):
    _fresh_encodings(monkeypatch, tmp_path)
    with pytest.raises(ConfigError, match=r"cannot read the vendored tokenizer .*o200k_base\.tiktoken"):
        tokens.count_tokens("x")
    (tmp_path / "o200k_base.tiktoken").mkdir()  # a folder where the file should be
    with pytest.raises(ConfigError, match="cannot read the vendored tokenizer"):
        tokens.count_tokens("x")


def test_text_that_is_not_valid_unicode_is_still_counted():
    # Lone surrogates cannot be UTF-8; tiktoken replaces them instead of crashing.
    assert tokens.count_tokens("a\ud800b") == tokens.count_tokens("a\ufffdb")
