"""Token counts per model, fully offline.

tiktoken downloads its vocabularies on first use and these machines (and many
analysts' laptops behind a proxy) have no network. We vendor the two vocabularies the
current OpenAI models use and place them where tiktoken's own cache looks for them, so
tiktoken keeps its own definitions (split pattern, special tokens, model map) and we
only supply the bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import tiktoken

from .config import PACKAGE_DATA, data_dir
from .errors import ConfigError

DEFAULT_MODEL = "gpt-4o"
FALLBACK_ENCODING = "o200k_base"

_VOCAB_DIR = PACKAGE_DATA / "tokenizers"
_BLOB_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
# The same hashes tiktoken checks; a vendored file that does not match is refused.
VENDORED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}

_lock = threading.Lock()
_encodings: dict[str, tiktoken.Encoding] = {}
_vendored_checked = False


@dataclass(frozen=True)
class EncodingChoice:
    """Which tokenizer counts a model's tokens, and whether that is exact."""

    model: str
    encoding_name: str
    exact: bool
    note: str = ""


def _user_cache_dir() -> str | None:
    """The cache folder the user chose for tiktoken, if any (tiktoken's own variables)."""
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return os.environ[var]
    return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_vendored_into(cache_dir: str) -> None:
    """Copy each vendored vocabulary under tiktoken's cache name, never overwriting."""
    os.makedirs(cache_dir, exist_ok=True)
    for name in VENDORED_SHA256:
        cache_key = hashlib.sha1(_BLOB_URL.format(name=name).encode()).hexdigest()
        target = os.path.join(cache_dir, cache_key)
        if os.path.exists(target):
            continue  # the user's (or an earlier run's) file: tiktoken verifies its hash
        tmp = f"{target}.{uuid.uuid4().hex}.tmp"
        shutil.copyfile(_VOCAB_DIR / f"{name}.tiktoken", tmp)
        os.replace(tmp, target)


def _prepare_vendored_vocabularies() -> None:
    global _vendored_checked
    if _vendored_checked:
        return
    for name, expected in VENDORED_SHA256.items():
        path = _VOCAB_DIR / f"{name}.tiktoken"
        if not path.exists() or _sha256(path) != expected:
            raise ConfigError(
                f"vendored tokenizer {path} is missing or corrupt (sha256 mismatch); "
                "restore it from a clean checkout (git checkout -- optimizer/data/tokenizers)"
            )
    user_dir = _user_cache_dir()
    if user_dir:
        try:
            _copy_vendored_into(user_dir)
        except OSError as exc:
            raise ConfigError(
                f"cannot place the tokenizer vocabularies in your tiktoken cache {user_dir} ({exc}); "
                "make it writable or unset TIKTOKEN_CACHE_DIR"
            ) from None
    else:
        # tiktoken's default cache folder differs between its versions (and an empty
        # TIKTOKEN_CACHE_DIR disables caching, i.e. sends tiktoken to the network), so
        # we point it at a private folder of ours instead of guessing.
        private = str(data_dir() / "tiktoken-cache")
        _copy_vendored_into(private)
        os.environ["TIKTOKEN_CACHE_DIR"] = private
    _vendored_checked = True


def choose_encoding(model: str = DEFAULT_MODEL) -> EncodingChoice:
    """Map a model name to its vendored encoding with tiktoken's own model map."""
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        return EncodingChoice(
            model,
            FALLBACK_ENCODING,
            False,
            f"unknown model '{model}': counted with {FALLBACK_ENCODING} (an estimate)",
        )
    if name not in VENDORED_SHA256:
        return EncodingChoice(
            model,
            FALLBACK_ENCODING,
            False,
            f"{model} uses {name}, which is not vendored: counted with {FALLBACK_ENCODING} (an estimate)",
        )
    return EncodingChoice(model, name, True)


def get_encoding(encoding_name: str) -> tiktoken.Encoding:
    """A vendored encoding, loaded once per process."""
    enc = _encodings.get(encoding_name)
    if enc is not None:
        return enc
    if encoding_name not in VENDORED_SHA256:
        raise ConfigError(f"encoding '{encoding_name}' is not available offline; use one of {sorted(VENDORED_SHA256)}")
    with _lock:
        if encoding_name not in _encodings:
            _prepare_vendored_vocabularies()
            _encodings[encoding_name] = tiktoken.get_encoding(encoding_name)
        return _encodings[encoding_name]


def encoding_for_model(model: str = DEFAULT_MODEL) -> tiktoken.Encoding:
    return get_encoding(choose_encoding(model).encoding_name)


def count_tokens(text: str, model: str = DEFAULT_MODEL) -> int:
    """Tokens of ``text`` for ``model``; special-token strings count as plain text."""
    return len(encoding_for_model(model).encode_ordinary(text))
