"""The generation pipeline: cache first (exact, then guarded semantic) -> optimize the
prompt -> stream -> store -> record.

Fallbacks: provider down before the first token -> a stale cached answer for the same
request if there is one, clearly marked, else the provider's error; cache down -> the
service already degrades to a miss, so the generation simply runs uncached.

Every generation runs under :class:`optimizer.streaming.Limits` (a total deadline and an
answer size cap) and, when the provider can constrain its output, asks for the
template's JSON schema (structured output that always parses).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .accounting import DEFAULT_PRICED_AS, Pricing, account_run
from .answer import AnswerConfidence, answer_confidence
from .cache import CacheHit, CacheRequest, CacheService
from .chat import ChatRequest
from .errors import InputError
from .ledger import Ledger, RunRecord
from .limits import MAX_TOKENS_LIMIT
from .parsing import ParseResult, parse_answer
from .pricing import PriceTable, price_table
from .prompts import PREVIOUS_KEY, OptimizedPrompt, optimize_prompt
from .providers import (
    DEMO_NOTE,
    Finish,
    Provider,
    ProviderError,
    StreamOptions,
    TextDelta,
    UsageReport,
    local_max_tokens,
)
from .providers.base import Event
from .states import CacheOutcome
from .streaming import Limits, StreamingResponse

DEFAULT_MAX_TOKENS = 800


def check_max_tokens(value: int | None) -> int | None:
    """``value`` if it is a usable answer cap (1..MAX_TOKENS_LIMIT) or None.

    :raises InputError: out of range.
    """
    if value is not None and not 1 <= value <= MAX_TOKENS_LIMIT:
        raise InputError(f"max tokens must be between 1 and {MAX_TOKENS_LIMIT:,}, not {value:,}")
    return value


@dataclass(frozen=True)
class GenerationRequest:
    """What to generate: the generator, the analyst's words, the template fields, the
    compression level for the query, the answer cap (``None``: the provider's default;
    else 1..MAX_TOKENS_LIMIT), the temperature, whether to use the cache, and who asks."""

    generator: str
    query: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)
    level: str = "medium"
    max_tokens: int | None = None
    temperature: float = 0.2
    use_cache: bool = True
    user: str = "local"  # recorded in the ledger (see optimizer.auth.Principal.user)
    keep_text: bool = True  # False: the ledger keeps no request text, context or answer for this run


class Generation:
    """One generation in flight: iterate ``response`` for text; the rest fills in at the end."""

    def __init__(
        self, request: GenerationRequest | ChatRequest, prompt: OptimizedPrompt, cache_request: CacheRequest
    ) -> None:
        self.request = request
        self.prompt = prompt
        self.cache_request = cache_request
        self.cache_hit: CacheHit | None = None
        self.response: StreamingResponse | None = None
        self.notices: list[str] = []
        self.parsed: ParseResult | None = None
        self.run: RunRecord | None = None
        self.run_id: int | None = None
        # The confidence once the answer is known (parse success a factor); None until then.
        self.confidence: AnswerConfidence | None = None

    def __iter__(self) -> Iterator[str]:
        assert self.response is not None
        return iter(self.response)

    @property
    def cached(self) -> CacheOutcome:
        """Where the answer came from (``NONE`` until a response exists, or when generated)."""
        return self.response.cached if self.response else CacheOutcome.NONE

    def as_context(self) -> str:
        """What a chained generation receives: parsed records as JSON (the lossless level
        packs them), else the answer text."""
        if self.parsed is not None and self.parsed.ok:
            return json.dumps([dict(r) for r in self.parsed.records], ensure_ascii=False)
        return self.response.text if self.response else ""


class GenerationService:
    """The pipeline over one provider, cache and ledger.

    ``priced_as`` is the reference model that prices runs of a model with no price row
    (the embedded model, a self-hosted endpoint; the sidebar sets it) and whose tokenizer
    counts their prompts; ``source`` is recorded on every run (``RunSource``: studio,
    cli, gateway, bench); ``limits`` are the deadline and answer size cap of every
    generation (default :meth:`Limits.from_env`). Raises ConfigError when ``priced_as``
    has no price.
    """

    def __init__(
        self,
        provider: Provider,
        cache: CacheService | None,
        ledger: Ledger,
        prices: PriceTable | None = None,
        *,
        priced_as: str = DEFAULT_PRICED_AS,
        source: str = "",
        limits: Limits | None = None,
    ) -> None:
        self.provider = provider
        self.cache = cache
        self.ledger = ledger
        self.prices = prices or price_table()
        self.pricing = Pricing(self.prices, provider.model, priced_as)
        self.source = str(source)
        self.limits = limits or Limits.from_env()

    @property
    def structured(self) -> bool:
        """Whether answers are asked for as JSON with a schema: unless the endpoint has
        refused structured output before (then the text format)."""
        return getattr(self.provider, "structured_support", None) is not False

    # -- before generating ------------------------------------------------------------
    def prepare(self, request: GenerationRequest) -> OptimizedPrompt:
        """The optimized prompt, its tokens against the naive one, and its confidence."""
        from .prompts import template_for

        template = template_for(request.generator)
        return optimize_prompt(
            request.generator,
            request.query,
            request.context,
            request.level,
            self._token_model,
            self.ledger.template_record(template.id),
            structured=self.structured,
        )

    @property
    def _token_model(self) -> str:
        # Prompt sizes (preview, ledger, savings) are counted by the reference tokenizer:
        # the model's own when it has a price, else the priced-as model's (o200k_base for gpt-4o).
        return self.pricing.token_model

    def max_tokens_for(self, request: GenerationRequest | ChatRequest) -> int:
        """The answer cap: the request's (checked), else the provider's default."""
        if check_max_tokens(request.max_tokens):
            return request.max_tokens  # type: ignore[return-value]
        return local_max_tokens() if self.provider.name == "local" else DEFAULT_MAX_TOKENS

    def price(self, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0) -> float:
        """USD at the priced-as row (the model's own price, or the reference model's)."""
        return self.pricing.cost(prompt_tokens, completion_tokens, cached_tokens)

    @property
    def price_known(self) -> bool:
        """True: every run has a price (its own, or "priced as" the reference model)."""
        return True

    @property
    def priced_as(self) -> str:
        """The price row runs are priced at, e.g. "gpt-4o" for the embedded model."""
        return self.pricing.priced_as

    @property
    def billed(self) -> bool:
        """True when the provider's model has its own price (dollars are a bill, not an estimate)."""
        return self.pricing.billed

    @property
    def reference_tokenizer(self) -> str:
        """The tokenizer that counts prompt figures, e.g. "o200k_base"."""
        return self.pricing.tokenizer

    # -- generating -------------------------------------------------------------------
    def generate(self, request: GenerationRequest, *, prompt: OptimizedPrompt | None = None) -> Generation:
        """Start a generation: a cache hit replays at once, else the provider streams.

        Iterate the returned :class:`Generation` for text; ``generation.response`` has the
        progress and, afterwards, ``end_state``, usage and cost.

        :param prompt: what :meth:`prepare` returned for this same request (a page that
            showed the preview), so the prompt is not optimized twice; None: prepared here.
        :raises InputError: a bad request (unknown field, max tokens out of range...).
        """
        from .prompts import template_for

        max_tokens = self.max_tokens_for(request)
        structured = self.structured
        if prompt is None or prompt.generator != request.generator or prompt.level != request.level:
            prompt = self.prepare(request)
        params = {"temperature": request.temperature, "max_tokens": max_tokens, "level": prompt.level}
        if not structured:
            params["format"] = "text"  # the text-lines answer must not be served for the JSON one
        # The guard compares the analyst's own text and the field values (a chained input
        # counts as a field), never the template around them.
        guarded = dict(prompt.context)
        previous = request.context.get(PREVIOUS_KEY)
        if previous:
            guarded[PREVIOUS_KEY] = str(previous)
        cache_request = CacheRequest(
            request.generator,
            self.provider.model,
            prompt.messages[-1].content,
            params=params,
            context=guarded,
            template_id=prompt.template_id,
            template_version=prompt.template_version,
            endpoint=self.endpoint,
            query=request.query or "",
        )
        schema = template_for(request.generator).schema if structured else None
        return self._start(Generation(request, prompt, cache_request), max_tokens, schema)

    def chat(self, request: ChatRequest) -> Generation:
        """Start a free-form chat completion (the gateway's ``/v1/chat/completions``):
        the same cache-first pipeline, stale fallback and ledger row as :meth:`generate`,
        with the caller's messages as the prompt (see :mod:`optimizer.chat` for how they
        map onto the cache and how JSON in them is compressed).

        :raises InputError: max tokens out of range.
        """
        from .chat import cache_fields, prepare_chat

        max_tokens = self.max_tokens_for(request)
        prompt = prepare_chat(request, self._token_model)
        cache_request = CacheRequest(
            model=self.provider.model, endpoint=self.endpoint, **cache_fields(request, max_tokens)
        )
        return self._start(Generation(request, prompt, cache_request), max_tokens, None)

    @property
    def endpoint(self) -> str:
        """Where answers come from, without credentials (part of every cache key)."""
        return getattr(self.provider, "endpoint", self.provider.name)

    def _start(self, generation: Generation, max_tokens: int, schema: Mapping[str, Any] | None) -> Generation:
        """Cache first, else the provider: the part :meth:`generate` and :meth:`chat` share."""
        request, prompt, cache_request = generation.request, generation.prompt, generation.cache_request
        if self.provider.name == "local":
            generation.notices.append(DEMO_NOTE)
        if request.use_cache and self.cache is not None and (off := self.cache.off_reason()):
            generation.notices.append(off[0].upper() + off[1:])
        count = self.provider.count_tokens
        if request.use_cache and self.cache is not None:
            hit = self.cache.get(cache_request)
            if hit is not None:
                generation.cache_hit = hit
                answer = hit.answer
                generation.response = StreamingResponse.replay(
                    answer.payload.get("text", ""),
                    cached=hit.kind,
                    provider=self.provider.name,
                    model=self.provider.model,
                    prompt_tokens=answer.input_tokens,
                    completion_tokens=answer.output_tokens,
                    count_tokens=count,
                    lookup_ms=hit.lookup_ms,
                    on_done=lambda r: self._finish(generation, r),
                    finish_reason=str(answer.payload.get("finish_reason") or "stop"),
                )
                return generation
        options = StreamOptions(
            deadline_s=self.limits.deadline_s,
            schema=schema,
            max_answer_chars=self.limits.max_answer_chars,
        )
        events = self._events(generation, prompt, max_tokens, request, options)
        generation.response = StreamingResponse(
            events,
            provider=self.provider.name,
            model=self.provider.model,
            prompt_tokens=sum(count(m.content) for m in prompt.messages),
            count_tokens=count,
            price=self.price,
            on_done=lambda r: self._finish(generation, r),
            limits=self.limits,
        )
        return generation

    def _events(
        self,
        generation: Generation,
        prompt: OptimizedPrompt,
        max_tokens: int,
        request: GenerationRequest,
        options: StreamOptions,
    ) -> Iterator[Event]:
        produced = False
        try:
            for event in self.provider.stream(
                prompt.messages, max_tokens=max_tokens, temperature=request.temperature, options=options
            ):
                produced = produced or isinstance(event, TextDelta)
                yield event
        except ProviderError as exc:
            stale = None
            if not produced and request.use_cache and self.cache is not None:
                stale = self.cache.get_stale(generation.cache_request)
            if stale is None:
                raise
            hours = max(0.0, (time.time() - stale.created) / 3600)
            generation.notices.append(
                f"{exc}. Showing the last answer to this exact request instead, "
                f"from {hours:.1f} h ago (stale: it may be out of date)."
            )
            generation.response.cached = CacheOutcome.STALE
            generation.cache_hit = None
            yield TextDelta(stale.payload.get("text", ""))
            yield UsageReport(stale.input_tokens, stale.output_tokens)
            yield Finish("stop")

    # -- after the stream ---------------------------------------------------------------
    def _finish(self, generation: Generation, response: StreamingResponse) -> None:
        prompt = generation.prompt
        usage = response.usage
        # A chat answer is free text: only the generators' answers are parsed into tables.
        parsed = (
            parse_answer(prompt.generator, response.text) if response.text and prompt.template_id != "chat" else None
        )
        generation.parsed = parsed
        generation.confidence = answer_confidence(
            prompt.confidence, parsed=parsed, end_state=response.end_state, at_token_cap=response.at_token_cap
        )
        run = account_run(
            prompt=prompt,
            response=response,
            request=generation.request,
            provider=self.provider,
            pricing=self.pricing,
            hit=generation.cache_hit,
            parsed=parsed,
            source=self.source,
        )
        # The ledger keeps the confidence once the answer is known, not the preview's.
        run = replace(run, confidence=generation.confidence.score)
        if response.cached == "none" and response.complete and self.cache is not None and generation.request.use_cache:
            self.cache.put(
                generation.cache_request,
                {"text": response.text, "finish_reason": response.finish_reason},
                input_tokens=usage.prompt_tokens,
                output_tokens=usage.completion_tokens,
                cost_usd=run.cost_usd,
                latency_ms=response.latency_ms or 0.0,
            )
        generation.run = run
        generation.run_id = self.ledger.record(run)  # never raises: a failed write is kept and said
        for notice in self.ledger.notices:
            if notice not in generation.notices:
                generation.notices.append(notice)
