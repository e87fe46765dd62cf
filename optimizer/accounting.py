"""How one generation is counted and priced: the :class:`RunRecord` the ledger stores.

One definition per figure (README "Figures that agree"):

- **Request-side tokens** — the naive prompt, the optimized prompt (the preview's
  figure), the answer, and every saving — are counted by one *reference tokenizer*: the
  tokenizer of the model the run is priced as. They can be compared and added up.
- **Provider usage** — ``prompt_tokens``/``completion_tokens`` — is what the provider
  reported (or its own tokenizer counted, chat template included), kept separately and
  named in ``usage_tokenizer``. It is what a bill is made of.
- **Dollars**: a model with a price row is billed on its usage at its own price
  (``cost_basis`` "provider usage"). A model without one — the embedded model, a
  self-hosted endpoint — is *priced as* a reference model (default gpt-4o) on the
  reference-tokenizer counts ("reference estimate"), so its dollars say what the same
  request would cost there instead of $0.0000. ``priced_as`` names the row on every run.
- A saving can be negative (a short request whose optimized prompt, with the template's
  instructions, is longer than the naive one): ``savings_note`` then says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError
from .ledger.records import CostBasis, RunRecord, context_json
from .pricing import ModelPrice, PriceTable
from .states import EndState
from .tokens import DEFAULT_MODEL, choose_encoding, count_tokens

# The embedded model has no price: its runs are priced as the reference model, whose
# tokenizer also counts them (one reference for both, owned by ``tokens``).
DEFAULT_PRICED_AS = DEFAULT_MODEL
LOCAL_USAGE_TOKENIZER = "SmolLM2-135M (llama.cpp)"
_PER = 1_000_000
# Provider error kinds that mean the studio cut the answer (a cap), not that it failed.
_CUT_KINDS = frozenset({"deadline", "size", "too_large", "length", "cap"})


@dataclass(frozen=True)
class Pricing:
    """Which price row and tokenizer a service's runs are counted with.

    ``model`` is the provider's model. A model with a non-zero price row is billed at
    it; any other (no row, or the embedded model's zero row) is priced as ``reference``
    (``""``: not priced, every dollar 0).

    >>> from optimizer.pricing import price_table
    >>> p = Pricing(price_table(), "local")
    >>> (p.billed, p.priced_as, p.tokenizer)
    (False, 'gpt-4o', 'o200k_base')

    Raises ConfigError when ``reference`` has no price row.
    """

    prices: PriceTable
    model: str
    reference: str = DEFAULT_PRICED_AS

    def __post_init__(self) -> None:
        if self.reference and self.prices.find(self.reference) is None:
            known = ", ".join(sorted(self.prices.models)[:12])
            raise ConfigError(f"no price for the reference model '{self.reference}'; choose one of {known}")

    @property
    def billed(self) -> bool:
        """True when the provider's model has its own non-zero price (its usage is a bill)."""
        own = self.prices.find(self.model)
        return own is not None and max(own.input, own.cached_input, own.output) > 0

    @property
    def estimated(self) -> bool:
        """True when runs are priced as the reference model (an estimate, not a bill)."""
        return not self.billed and bool(self.reference)

    def _row(self) -> ModelPrice | None:
        if self.billed:
            return self.prices.find(self.model)
        return self.prices.find(self.reference) if self.reference else None

    @property
    def priced_as(self) -> str:
        """The price-table row every dollar of these runs uses ("" when not priced)."""
        row = self._row()
        return row.model if row is not None else ""

    @property
    def token_model(self) -> str:
        """The model whose tokenizer counts the request-side figures (the preview's too)."""
        return self.model if self.billed or not self.reference else self.reference

    @property
    def tokenizer(self) -> str:
        """The reference tokenizer's name, e.g. ``o200k_base``."""
        return choose_encoding(self.token_model).encoding_name

    def cost(self, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0) -> float:
        """USD at the priced-as row (0.0 when not priced)."""
        row = self._row()
        if row is None:
            return 0.0
        return self.prices.cost(row.model, max(0, prompt_tokens), max(0, completion_tokens), max(0, cached_tokens))

    def input_usd(self, tokens: int) -> float:
        """USD of ``tokens`` input tokens at the priced-as row (negative for a negative saving)."""
        row = self._row()
        return tokens * row.input / _PER if row is not None else 0.0


def reference_models(prices: PriceTable) -> list[str]:
    """The models a run can be priced as (every row with a non-zero price), for the
    sidebar's "priced as" choice.

    >>> from optimizer.pricing import price_table
    >>> "gpt-4o" in reference_models(price_table()) and "local" not in reference_models(price_table())
    True
    """
    return sorted(m for m, p in prices.models.items() if max(p.input, p.cached_input, p.output) > 0)


def end_state_of(response: Any) -> EndState:
    """How a finished stream ended, from what the response knows."""
    state = getattr(response, "end_state", None)
    if state is not None:
        try:
            found = EndState(getattr(state, "value", state))
        except ValueError:
            found = None
        if found is not None and found is not EndState.STREAMING:
            return found
    if response.complete:
        return EndState.CUT if response.finish_reason == "length" else EndState.COMPLETE
    if getattr(response, "stopped", False) or response.error_kind == "stopped":
        return EndState.STOPPED
    if response.error_kind in _CUT_KINDS:
        return EndState.CUT
    return EndState.FAILED


def usage_tokenizer(provider: Any, usage_source: str, served: bool) -> str:
    """Who counted the provider usage columns."""
    if served:
        return ""  # nothing was spent
    named = getattr(provider, "tokenizer_name", None)
    if named:
        return str(named)
    if provider.name == "local":
        return LOCAL_USAGE_TOKENIZER
    if usage_source == "provider":
        return "reported by the provider"
    return f"{choose_encoding(provider.model).encoding_name} (counted here)"


def account_run(
    *,
    prompt: Any,
    response: Any,
    request: Any,
    provider: Any,
    pricing: Pricing,
    hit: Any = None,
    parsed: Any = None,
    source: str = "",
) -> RunRecord:
    """The ledger row for one finished generation.

    ``prompt`` is the OptimizedPrompt, ``response`` the finished StreamingResponse,
    ``request`` the GenerationRequest (``keep_text=False`` stores no text), ``hit`` the
    CacheHit that served it (None when generated or stale), ``parsed`` the ParseResult.
    """
    cached = str(getattr(response.cached, "value", response.cached))
    served = cached != "none"
    text = response.text or ""
    usage = response.usage
    answer_tokens = count_tokens(text, pricing.token_model) if text else 0
    optimized = int(prompt.optimized_tokens)

    # An error before any text, with no usage reported (a refused connection, a stall before
    # the first byte): nothing is known to be spent, so no usage is shown as spent either.
    unspent = bool(response.error) and not text and usage.source != "provider"
    if served or (response.error and not text):
        cost, basis = 0.0, CostBasis.NONE  # nothing generated (or refused): nothing billed
    elif pricing.billed:
        cost = pricing.cost(usage.prompt_tokens, usage.completion_tokens, usage.cached_tokens)
        basis = CostBasis.PROVIDER_USAGE
    elif pricing.estimated:
        cost, basis = pricing.cost(optimized, answer_tokens), CostBasis.REFERENCE_ESTIMATE
    else:
        cost, basis = 0.0, CostBasis.NONE  # not priced (priced_as="")

    saved_prompt = 0 if served else int(prompt.saved_tokens)
    saved_context = 0 if served else int(prompt.context_saved_tokens)
    saved_cache_tokens, saved_cache_usd = 0, 0.0
    if hit is not None:
        saved_cache_tokens = optimized + answer_tokens
        answer = hit.answer
        if pricing.billed:
            saved_cache_usd = answer.cost_usd or pricing.cost(answer.input_tokens, answer.output_tokens)
        else:
            saved_cache_usd = pricing.cost(optimized, answer_tokens)

    notes = []
    if saved_prompt < 0:
        notes.append(
            f"the optimized prompt is {-saved_prompt} tokens longer than the naive one: the template's role, "
            "task and output-format instructions outweigh this short request"
        )
    if cached == "stale":
        notes.append("a stale cached answer served after the provider failed: nothing generated, nothing saved")

    keep = bool(getattr(request, "keep_text", True))
    context: Mapping[str, Any] = getattr(request, "context", None) or {}
    return RunRecord(
        generator=prompt.generator,
        provider=provider.name,
        model=provider.model,
        cached=cached,
        template_id=prompt.template_id,
        level=prompt.level,
        naive_prompt_tokens=int(prompt.naive_tokens),
        prompt_tokens=0 if served or unspent else int(usage.prompt_tokens),
        completion_tokens=0 if served or unspent else int(usage.completion_tokens),
        cost_usd=cost,
        saved_cache_tokens=saved_cache_tokens,
        saved_cache_usd=saved_cache_usd,
        saved_prompt_tokens=saved_prompt,
        saved_prompt_usd=pricing.input_usd(saved_prompt),
        saved_context_tokens=saved_context,
        saved_context_usd=pricing.input_usd(saved_context),
        ttft_ms=response.ttft_ms,
        latency_ms=response.latency_ms,
        confidence=prompt.confidence.score,
        complete=bool(response.complete),
        parsed=bool(parsed is not None and parsed.ok),
        error=response.error or "",
        usage_source=usage.source,
        price_as_of=pricing.prices.as_of,
        user=getattr(request, "user", "") or "",
        source=str(source),
        endpoint=str(getattr(provider, "endpoint", provider.name)),
        end_state=end_state_of(response).value,
        query=getattr(request, "query", "") if keep else "",
        context_json=context_json(context) if keep else "",
        answer=text if keep else "",
        text_kept=keep,
        reference_tokenizer=pricing.tokenizer,
        optimized_prompt_tokens=optimized,
        answer_tokens=answer_tokens,
        usage_tokenizer=usage_tokenizer(provider, usage.source, served or unspent),
        priced_as=pricing.priced_as,
        cost_basis=basis.value,
        savings_note="; ".join(notes),
    )
