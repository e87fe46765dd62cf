"""Token counts per model, fully offline, without writing anything.

tiktoken downloads its vocabularies on first use and these machines (and many
analysts' laptops behind a proxy) have no network. We vendor the two vocabularies the
current OpenAI models use and build the encodings straight from those files with
``tiktoken.Encoding``: each file's sha256 is checked (the same hashes tiktoken checks),
nothing is copied into a cache folder, so counting works with a read-only, full or
missing data folder. The split patterns and special tokens below are tiktoken's own
(``tiktoken_ext.openai_public``); ``tests/test_tokens.py`` proves they still match the
installed tiktoken, so an upgrade that changes them fails a test instead of drifting.
"""

from __future__ import annotations

import binascii
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import tiktoken

from .config import PACKAGE_DATA
from .errors import ConfigError, shown

# The reference model: whose tokenizer counts when none is named, and whose prices a model
# without its own (the embedded one) is priced at (see accounting.DEFAULT_PRICED_AS).
DEFAULT_MODEL = "gpt-4o"
FALLBACK_ENCODING = "o200k_base"

_VOCAB_DIR = PACKAGE_DATA / "tokenizers"
# The same hashes tiktoken checks; a vendored file that does not match is refused.
VENDORED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}

_ENDOFTEXT = "<|endoftext|>"
_FIM_PREFIX = "<|fim_prefix|>"
_FIM_MIDDLE = "<|fim_middle|>"
_FIM_SUFFIX = "<|fim_suffix|>"
_ENDOFPROMPT = "<|endofprompt|>"


@dataclass(frozen=True)
class EncodingSpec:
    """What tiktoken needs besides the ranks: the split pattern and the special tokens."""

    name: str
    pat_str: str
    special_tokens: Mapping[str, int]


# Copied from tiktoken 0.14's tiktoken_ext/openai_public.py (MIT licence).
SPECS: Mapping[str, EncodingSpec] = MappingProxyType(
    {
        "cl100k_base": EncodingSpec(
            "cl100k_base",
            r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
            MappingProxyType(
                {
                    _ENDOFTEXT: 100257,
                    _FIM_PREFIX: 100258,
                    _FIM_MIDDLE: 100259,
                    _FIM_SUFFIX: 100260,
                    _ENDOFPROMPT: 100276,
                }
            ),
        ),
        "o200k_base": EncodingSpec(
            "o200k_base",
            "|".join(
                [
                    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                    r"""\p{N}{1,3}""",
                    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
                    r"""\s*[\r\n]+""",
                    r"""\s+(?!\S)""",
                    r"""\s+""",
                ]
            ),
            MappingProxyType({_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018}),
        ),
    }
)

_lock = threading.Lock()
_encodings: dict[str, tiktoken.Encoding] = {}


@dataclass(frozen=True)
class EncodingChoice:
    """Which tokenizer counts a model's tokens, and whether that is exact."""

    model: str
    encoding_name: str
    exact: bool
    note: str = ""


def vendored_path(encoding_name: str) -> Path:
    """The vendored ``.tiktoken`` file of ``encoding_name`` (it may be missing)."""
    return _VOCAB_DIR / f"{encoding_name}.tiktoken"


def load_vendored_ranks(encoding_name: str) -> dict[bytes, int]:
    """The BPE ranks of a vendored vocabulary, read-only and checked against its sha256.

    Parses the same format as ``tiktoken.load.load_tiktoken_bpe`` (one ``base64 rank``
    pair a line) but never touches tiktoken's cache folder or the network.

    Raises:
        ConfigError: the file is missing, unreadable, corrupt or not a known vocabulary.
    """
    expected = VENDORED_SHA256.get(encoding_name)
    path = vendored_path(encoding_name)
    restore = "restore it from a clean checkout (git checkout -- optimizer/data/tokenizers)"
    if expected is None:
        raise ConfigError(f"encoding '{encoding_name}' is not available offline; use one of {sorted(VENDORED_SHA256)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"cannot read the vendored tokenizer {shown(path)} ({exc.strerror or exc}); {restore}"
        ) from None
    if hashlib.sha256(data).hexdigest() != expected:
        raise ConfigError(f"vendored tokenizer {shown(path)} is missing or corrupt (sha256 mismatch); {restore}")
    # The bytes are verified above, so the lenient (and faster) binascii decoder is safe, and
    # one split of the whole file gives token, rank, token, rank... (base64 has no spaces).
    fields = data.split()
    return dict(zip(map(binascii.a2b_base64, fields[0::2]), map(int, fields[1::2]), strict=True))


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
    """A vendored encoding, built once per process from the vendored file.

    Raises:
        ConfigError: the encoding is not vendored, or its file is missing or corrupt.

    >>> get_encoding("o200k_base").name
    'o200k_base'
    """
    enc = _encodings.get(encoding_name)
    if enc is not None:
        return enc
    if encoding_name not in VENDORED_SHA256:
        raise ConfigError(f"encoding '{encoding_name}' is not available offline; use one of {sorted(VENDORED_SHA256)}")
    with _lock:
        if encoding_name not in _encodings:
            spec = SPECS[encoding_name]
            _encodings[encoding_name] = tiktoken.Encoding(
                name=spec.name,
                pat_str=spec.pat_str,
                mergeable_ranks=load_vendored_ranks(encoding_name),
                special_tokens=dict(spec.special_tokens),
            )
        return _encodings[encoding_name]


def encoding_for_model(model: str = DEFAULT_MODEL) -> tiktoken.Encoding:
    """The encoding that counts ``model``'s tokens (``FALLBACK_ENCODING`` for unknown models)."""
    return get_encoding(choose_encoding(model).encoding_name)


def count_tokens(text: str, model: str = DEFAULT_MODEL) -> int:
    """Tokens of ``text`` for ``model``; special-token strings count as plain text.

    >>> count_tokens("hello world")
    2
    """
    return len(encoding_for_model(model).encode_ordinary(text))
