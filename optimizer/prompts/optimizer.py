"""The adaptive prompt service: template + context + compression + output steering, with
token counts against the naive prompt and a confidence score that explains itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..compression import CompressionLevel, compress
from ..compression.similarity import similarity
from ..errors import InputError
from ..tokens import DEFAULT_MODEL, count_tokens
from .templates import TEMPLATES, Template, template_for

if TYPE_CHECKING:  # importing the providers pulls in the openai client (~0.7 s): only when generating
    from ..providers.base import Message

# How much each factor weighs in the score (they sum to 1).
WEIGHTS = {"completeness": 0.35, "fit": 0.25, "record": 0.2, "compression_risk": 0.2}
# Lossy compression of the user's own words can cost meaning: the risk factor.
_LEVEL_SAFETY = {"lossless": 1.0, "light": 0.95, "medium": 0.85, "aggressive": 0.7}
PREVIOUS_KEY = "previous"  # the context key that carries a chained generation's output

# Request size limits, in characters (what a text area counts). English prose runs about
# 4.6 characters per o200k token on our fixtures, so the query limit is ~4,400 tokens and
# a maximum request (query + four fields + a chained input) ~19,000 tokens: well inside
# the 128k-token context of the OpenAI models we price, with room for the answer. The
# embedded SmolLM2 reads 4,096 tokens: callers pass ``max_prompt_tokens`` for such a model
# and a request that does not fit is refused by its token count. Preparing a maximum-size
# request takes well under a second (``python -m optimizer bench prompt``, docs/faults.md); a 1 MB
# request used to take 14 s on every rerun of a page and is now refused before any work.
MAX_QUERY_CHARS = 20_000
MAX_FIELD_CHARS = 2_000  # product type, region, requirements...: a line or a paragraph
MAX_PREVIOUS_CHARS = 60_000  # a chained answer: ~13,000 tokens, near gpt-4o's 16k-token output maximum


@dataclass(frozen=True)
class TemplateRecord:
    """A template's past runs (from the ledger): how often it produced a usable answer."""

    runs: int = 0
    successes: int = 0  # complete and parsed

    @property
    def rate(self) -> float:
        """The template's success rate with Laplace smoothing: no history reads as 0.5.

        >>> TemplateRecord(runs=2, successes=2).rate
        0.75
        """
        return (self.successes + 1) / (self.runs + 2)  # Laplace: no history reads as 0.5


@dataclass(frozen=True)
class Confidence:
    """How confident the optimizer is that the prompt will give a usable answer: a score 0..1, its factors and notes."""

    score: float
    factors: Mapping[str, float]
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The confidence as a JSON-ready dictionary, with the factors' weights."""
        return {
            "score": round(self.score, 3),
            "factors": {k: round(v, 3) for k, v in self.factors.items()},
            "weights": WEIGHTS,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class OptimizedPrompt:
    """The messages to send for one request, and what they save against the naive prompt.

    Tokens are counted with ``model``'s tokenizer; ``confidence`` says how likely the answer is usable.
    """

    generator: str
    template_id: str
    template_version: str
    level: str
    model: str
    messages: tuple[Message, ...]
    naive_prompt: str
    naive_tokens: int
    optimized_tokens: int
    confidence: Confidence
    context: Mapping[str, str] = field(default_factory=dict)
    context_raw_tokens: int = 0  # a chained input as it came
    context_tokens: int = 0  # ...and as it went into the prompt
    techniques: tuple[str, ...] = ()

    @property
    def saved_tokens(self) -> int:
        """Prompt tokens saved against the naive prompt (negative when larger)."""
        return self.naive_tokens - self.optimized_tokens

    @property
    def context_saved_tokens(self) -> int:
        """Tokens the lossless encoding of the chained input saved."""
        return self.context_raw_tokens - self.context_tokens

    @property
    def text(self) -> str:
        """The messages as one readable text, each under its role."""
        return "\n\n".join(f"[{m.role}]\n{m.content}" for m in self.messages)

    def as_dict(self) -> dict[str, Any]:
        """The prompt as a JSON-ready dictionary (the CLI's ``--json``, the API)."""
        return {
            "generator": self.generator,
            "template": self.template_id,
            "level": self.level,
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in self.messages],
            "naive_prompt": self.naive_prompt,
            "naive_tokens": self.naive_tokens,
            "optimized_tokens": self.optimized_tokens,
            "saved_tokens": self.saved_tokens,
            "context_raw_tokens": self.context_raw_tokens,
            "context_tokens": self.context_tokens,
            "techniques": list(self.techniques),
            "confidence": self.confidence.as_dict(),
        }


def _clean(context: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in context.items():
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        text = " ".join(str(value).split()) if value is not None and key != PREVIOUS_KEY else (value or "")
        if text:
            out[key] = text
    return out


# An optional segment of a template's text: ``[ in {region}]`` is kept when every field it
# names has a value and dropped otherwise; ``[{product}|a product]`` says what stands in
# for it then. Innermost first, so segments nest.
_SEGMENT = re.compile(r"\[([^\[\]|]*)(?:\|([^\[\]]*))?\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_template(text: str, values: Mapping[str, str], *, missing: str = "unspecified") -> str:
    """A template text with its fields filled: optional segments whose fields have no value
    are dropped (or replaced by their fallback), so no "over unspecified" is ever written.

    Returns:
        The text; a placeholder outside any segment whose field is empty reads ``missing``.

    >>> fill_template("Market outlook[ for {category}][ in {region}].", {"region": "India"})
    'Market outlook in India.'
    >>> fill_template("Name ideas for [{product}|a product].", {})
    'Name ideas for a product.'
    """

    def segment(match: re.Match) -> str:
        body, fallback = match.group(1), match.group(2) or ""
        names = _PLACEHOLDER.findall(body)
        return body if all((values.get(name) or "").strip() for name in names) else fallback

    previous = None
    while previous != text:
        previous, text = text, _SEGMENT.sub(segment, text)
    return _PLACEHOLDER.sub(lambda m: ((values.get(m.group(1)) or "").strip() and values[m.group(1)]) or missing, text)


def _fill(text: str, template: Template, values: Mapping[str, str], missing: str) -> str:
    return fill_template(text, {f.name: values.get(f.name, "") for f in template.fields}, missing=missing)


def confidence(
    template: Template,
    query: str,
    values: Mapping[str, str],
    level: str,
    record: TemplateRecord,
    query_similarity: float | None = None,
) -> Confidence:
    """Score how likely ``template`` with these ``values`` gives a usable answer.

    Factors: required fields filled, the query's fit with the template, the compression level,
    the template's past success rate (``record``); ``query_similarity`` overrides the fit.
    """
    notes = []
    weights = [(f, 1.0 if f.required else 0.5) for f in template.fields]
    filled = sum(w for f, w in weights if values.get(f.name))
    completeness = filled / sum(w for _, w in weights)
    missing = [f.label for f in template.fields if f.required and not values.get(f.name)]
    if missing:
        notes.append("missing: " + ", ".join(missing))
    fit = 1.0  # fields alone fit their template by construction
    if query.strip():
        # WordLlama similarity of the request to each template's purpose. Measured on
        # sample requests: off-topic text scores 0.0-0.16 and on-topic 0.15-0.65, so
        # 0.05 -> 0 and 0.30 -> 1; a request closer to another template fits half as well.
        described = " ".join([query, *values.values()])
        scores = {g: similarity(described, t.description) for g, t in TEMPLATES.items()}
        own = scores[template.generator]
        fit = max(0.0, min(1.0, (own - 0.05) / 0.25))
        rival = max((g for g in scores if g != template.generator), key=scores.get)
        if scores[rival] > own + 0.05:
            fit *= 0.5
            notes.append(f"this reads more like a {TEMPLATES[rival].title.lower()} request")
        elif fit < 0.5:
            notes.append(f"the request does not look like a {template.title.lower()} request")
    risk = _LEVEL_SAFETY[level]
    if query_similarity is not None and query_similarity < 0.9:
        risk *= query_similarity
    factors = {"completeness": completeness, "fit": fit, "record": record.rate, "compression_risk": risk}
    if record.runs == 0:
        notes.append("no past runs of this template yet")
    score = sum(WEIGHTS[k] * v for k, v in factors.items())
    return Confidence(max(0.0, min(1.0, score)), factors, tuple(notes))


def _check_text(text: str, what: str, limit: int, remedy: str) -> None:
    """One part of a request: within ``limit`` characters, no NUL, no lone surrogate."""
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters; the limit is {limit:,}; nothing was sent: {remedy}")
    if "\x00" in text:
        raise InputError(f"{what} contains a NUL character (binary data?); nothing was sent: paste plain text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} is not valid Unicode text (a lone surrogate at position {exc.start}, often bytes that "
            "were not UTF-8); nothing was sent: paste it again as UTF-8 text"
        ) from None


def check_request(generator: str, query: str = "", context: Mapping[str, Any] | None = None) -> None:
    """Refuse a request that is too large or not text, before any work is done on it.

    Limits: ``MAX_QUERY_CHARS`` for the query, ``MAX_FIELD_CHARS`` per template field and
    ``MAX_PREVIOUS_CHARS`` for a chained input (``context["previous"]``); no NUL
    characters and no lone surrogates anywhere. The studio's text areas use the same
    constants as their ``max_chars``.

    Raises:
        InputError: one sentence naming the part at fault, its size and the limit.

    >>> check_request("formulation", "x" * 20_001)
    Traceback (most recent call last):
    ...
    optimizer.errors.InputError: the request is 20,001 characters; the limit is 20,000; nothing was sent: shorten it, or send the long part as a chained input
    """
    template = template_for(generator)
    if query is not None and not isinstance(query, str):
        raise InputError(f"the request must be text, not {type(query).__name__}")
    _check_text(query or "", "the request", MAX_QUERY_CHARS, "shorten it, or send the long part as a chained input")
    labels = {f.name: f.label for f in template.fields}
    for key, value in (context or {}).items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        text = str(value)
        if key == PREVIOUS_KEY:
            _check_text(text, "the chained input", MAX_PREVIOUS_CHARS, "chain a shorter answer")
        else:
            _check_text(
                text,
                f"the field {labels.get(key, key)}",
                MAX_FIELD_CHARS,
                "keep fields short and put details in the request",
            )


def optimize_prompt(
    generator: str,
    query: str = "",
    context: Mapping[str, Any] | None = None,
    level: str | CompressionLevel = CompressionLevel.MEDIUM,
    model: str = DEFAULT_MODEL,
    record: TemplateRecord | None = None,
    *,
    max_prompt_tokens: int | None = None,
    structured: bool = True,
) -> OptimizedPrompt:
    """Build the optimized prompt for ``generator`` and measure it against the naive one.

    Args:
        generator: one of ``GENERATORS``.
        query: the request in the user's words (at most ``MAX_QUERY_CHARS``).
        context: template fields (at most ``MAX_FIELD_CHARS`` each) and, under
            ``"previous"``, a chained input (at most ``MAX_PREVIOUS_CHARS``).
        level: how the query and the chained input are compressed.
        model: whose tokenizer counts.
        record: the template's past runs, for the confidence score.
        max_prompt_tokens: the most the model can read for this prompt (its context
            window minus the answer's tokens); None for no check.
        structured: steer the answer to the template's JSON format (the provider constrains
            it to the schema) or, when False, to its text-lines format.

    Returns:
        The optimized prompt with its token counts and confidence.

    Raises:
        InputError: an unknown field, nothing to generate, a request over the limits or
            not text (see :func:`check_request`), or a prompt over ``max_prompt_tokens``.
    """
    template = template_for(generator)
    level = CompressionLevel.parse(level).value
    check_request(generator, query, context)
    values = _clean(context or {})
    unknown = set(values) - {f.name for f in template.fields} - {PREVIOUS_KEY}
    if unknown:
        raise InputError(
            f"unknown field(s) for {generator}: {', '.join(sorted(unknown))}; "
            f"use {', '.join(f.name for f in template.fields)}"
        )
    query = " ".join((query or "").split())
    if not query and not any(values.get(f.name) for f in template.fields):
        raise InputError(f"nothing to generate: fill at least one {template.title} field or write a request")
    techniques = ["template", "output-steering"]

    compressed_query, query_sim = query, None
    if query and level != "lossless":
        result = compress(query, level, model)
        if result.stats.compressed_tokens < result.stats.original_tokens:
            compressed_query, query_sim = result.output, result.stats.fidelity.similarity
            techniques.append(f"query-{level}")

    previous = values.pop(PREVIOUS_KEY, "")
    raw_tokens = ctx_tokens = 0
    context_block = ""
    if previous:
        raw_tokens = count_tokens(previous, model)
        try:
            json.loads(previous)
            packed = compress(previous, "lossless", model)
        except (ValueError, InputError):
            packed = compress(previous, "medium" if level == "lossless" else level, model)
        context_block = packed.output if packed.stats.compressed_tokens < raw_tokens else previous
        ctx_tokens = count_tokens(context_block, model)
        if ctx_tokens < raw_tokens:
            techniques.append("context-compression")

    task = _fill(template.task, template, values, "unspecified")
    user = "\n".join(filter(None, [task, compressed_query, f"Input:\n{context_block}" if context_block else ""]))
    system = f"{template.role} {template.steering(structured=structured)}"
    from ..providers.base import Message

    messages = (Message("system", system), Message("user", user))

    naive = _fill(template.naive, template, values, "any")
    naive = "\n\n".join(filter(None, [naive, query, f"Here is the input:\n{previous}" if previous else ""]))
    naive_tokens = count_tokens(naive, model)
    optimized_tokens = count_tokens(system, model) + count_tokens(user, model)
    if max_prompt_tokens is not None and optimized_tokens > max_prompt_tokens:
        raise InputError(
            f"the prompt is {optimized_tokens:,} tokens after optimization but the model reads at most "
            f"{max_prompt_tokens:,} (its context minus the answer); nothing was sent: shorten the request "
            "or use a model with a larger context"
        )
    conf = confidence(template, query, values, level, record or TemplateRecord(), query_sim)
    return OptimizedPrompt(
        generator,
        template.id,
        template.version,
        level,
        model,
        messages,
        naive,
        naive_tokens,
        optimized_tokens,
        conf,
        values,
        raw_tokens,
        ctx_tokens,
        tuple(techniques),
    )
