"""One renderer for the five generator pages: form -> optimized prompt preview -> live
stream with tokens, time and cost ticking -> result table -> side panels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import streamlit as st

from optimizer import InputError, OptimizerError
from optimizer.compression import compare_levels
from optimizer.compression.report import comparison_rows
from optimizer.generate import Generation, GenerationRequest, GenerationService
from optimizer.prompts import MAX_FIELD_CHARS, MAX_QUERY_CHARS, PREVIOUS_KEY, template_for
from optimizer.providers import DEMO_NOTE, ProviderError, make_provider

from . import charts, sidebar
from .services import ledger, local_model_loaded

_TICK_EVERY = 8  # tokens between metric updates while streaming


def _service() -> GenerationService:
    settings = sidebar.settings()
    if settings.provider == "local":
        local_model_loaded()
    provider = make_provider(settings)
    try:
        cache = sidebar.cache()
    except OptimizerError:
        cache = None
    return GenerationService(provider, cache, ledger(), source="studio")


def _form(generator: str) -> tuple[str, dict[str, Any]]:
    template = template_for(generator)
    prefill = st.session_state.get(f"prefill_{generator}", {})
    values: dict[str, Any] = {}
    cols = st.columns(2)
    for i, field in enumerate(template.fields):
        with cols[i % 2]:
            values[field.name] = st.text_input(
                field.label + ("" if field.required else " (optional)"),
                value=prefill.get(field.name, ""),
                placeholder=f"e.g. {field.example}",
                key=f"{generator}_{field.name}",
                max_chars=MAX_FIELD_CHARS,  # the core's limit (optimizer.prompts), stated in the widget
            )
    query = st.text_area(
        "Your request (optional, in your own words)",
        key=f"{generator}_query",
        height=80,
        max_chars=MAX_QUERY_CHARS,
        placeholder="Anything the fields do not say: constraints, claims, what to avoid...",
    )
    if prefill.get(PREVIOUS_KEY):
        with st.expander("Input carried over from the previous generation (goes in compressed)"):
            st.code(prefill[PREVIOUS_KEY], language=None, wrap_lines=True)
        values[PREVIOUS_KEY] = prefill[PREVIOUS_KEY]
    return query, values


def _preview(service: GenerationService, request: GenerationRequest):
    prompt = service.prepare(request)
    a, b, c, d = st.columns(4)
    a.metric(
        "Prompt tokens",
        prompt.optimized_tokens,
        delta=-prompt.saved_tokens,
        delta_color="inverse",
        help=f"Optimized prompt vs the naive prompt ({prompt.naive_tokens} tokens), counted with "
        f"{'o200k_base (estimate for the embedded model)' if service.provider.name == 'local' else service.provider.model}.",
    )
    b.metric("Confidence", f"{prompt.confidence.score:.2f}", help="0..1 from its factors, shown below.")
    max_tokens = service.max_tokens_for(request)
    if service.price_known:
        c.metric(
            "Estimated cost",
            f"${service.price(prompt.optimized_tokens, max_tokens):.5f}",
            help=f"Prompt plus at most {max_tokens} answer tokens at {service.provider.model}'s price "
            f"(table of {service.prices.as_of}).",
        )
    else:
        c.metric("Estimated cost", "unknown", help=f"No price for {service.provider.model}: add it to prices.toml.")
    if prompt.context_raw_tokens:
        d.metric(
            "Carried input",
            f"{prompt.context_tokens} tok",
            delta=-prompt.context_saved_tokens,
            delta_color="inverse",
            help="The previous answer, compressed before it goes in.",
        )
    with st.expander("Optimized prompt and the naive prompt it replaces"):
        left, right = st.columns(2)
        left.caption(f"Optimized · {prompt.optimized_tokens} tokens · {', '.join(prompt.techniques)}")
        left.code(prompt.text, language=None, wrap_lines=True)
        right.caption(f"Naive · {prompt.naive_tokens} tokens")
        right.code(prompt.naive_prompt, language=None, wrap_lines=True)
    for note in prompt.confidence.notes:
        st.caption(f":material/info: {note}")
    return prompt


def _stream(generation: Generation, metrics) -> Iterator[str]:
    response = generation.response
    for i, delta in enumerate(response):
        if i % _TICK_EVERY == 0:
            p = response.progress
            metrics.caption(
                f"{p.tokens} tokens · {p.elapsed_s:.1f} s · "
                f"first token {'-' if p.ttft_s is None else f'{p.ttft_s * 1000:.0f} ms'} · ${p.cost_usd:.5f}"
            )
        yield delta


def _run(service: GenerationService, request: GenerationRequest, generator: str) -> None:
    try:
        generation = service.generate(request)
    except (OptimizerError, ProviderError) as exc:
        st.error(str(exc))
        return
    st.session_state[f"last_{generator}"] = generation
    metrics = st.empty()
    box = st.container(border=True, key="answer_box")
    if generation.cache_hit is not None:
        box.caption(":material/bolt: Replaying a cached answer")
    try:
        with box:
            st.write_stream(_stream(generation, metrics))
    finally:
        response = generation.response
        if not response.done:
            response.stop()  # a Stop click interrupted the run: keep and record the partial text
    p = response.progress
    metrics.caption(
        f"{p.tokens} chunks streamed in {p.elapsed_s:.2f} s"
        + (" (replayed from the cache)" if response.cached != "none" else "")
    )


def _result(generation: Generation, service: GenerationService) -> None:
    response = generation.response
    hit = generation.cache_hit
    for notice in generation.notices:
        if notice != DEMO_NOTE:
            st.warning(notice)
    if response.cached in ("exact", "semantic") and hit is not None:
        st.success(
            f":material/bolt: Cache hit ({response.cached}"
            + (f", similarity {hit.similarity:.2f}" if response.cached == "semantic" else "")
            + f"): saved {hit.answer.input_tokens + hit.answer.output_tokens} tokens, "
            f"${hit.answer.cost_usd:.5f} and {hit.answer.latency_ms / 1000:.1f} s; answered in "
            f"{hit.lookup_ms:.1f} ms.",
            icon=None,
        )
    elif response.cached == "stale":
        st.warning("Stale cached answer (the provider is down): it may be out of date.")
    if response.error:
        st.error(f"{response.error}. The partial answer is kept and was not cached.")
    u = response.usage
    st.caption(
        f"{'Cached · ' if response.cached != 'none' else ''}{u.prompt_tokens} prompt + "
        f"{u.completion_tokens} answer tokens ({'reported by the provider' if u.source == 'provider' else 'counted'})"
        f" · ${response.cost_usd:.5f} · first token {response.ttft_ms or 0:.0f} ms · "
        f"total {response.latency_ms or 0:.0f} ms"
    )
    parsed = generation.parsed
    if parsed is not None and parsed.ok:
        frame = pd.DataFrame([dict(r) for r in parsed.records])
        st.dataframe(frame, hide_index=True, width="stretch")
        for label, lines in parsed.extras.items():
            for line in lines:
                st.caption(f"**{label}:** {line}")
    elif parsed is not None:
        st.info(parsed.error)


def _side_panels(generator: str, generation: Generation | None, service: GenerationService) -> None:
    tab_compress, tab_cache, tab_conf = st.tabs(["Compression of this answer", "Cache over time", "Confidence"])
    with tab_compress:
        text = generation.response.text if generation else ""
        if text.strip():
            try:
                rows = comparison_rows(
                    compare_levels(text, service.provider.model if service.provider.name != "local" else "gpt-4o")
                )
                st.plotly_chart(charts.levels_bar(rows), width="stretch", key=f"{generator}_levels")
                st.caption(
                    "Tokens of this answer at each level (context compression when it feeds the next "
                    "generation); fidelity: numbers, negations and ingredients kept, similarity."
                )
                st.dataframe(
                    pd.DataFrame(rows)[
                        ["level", "compressed_tokens", "saved_pct", "similarity", "numbers_kept", "negations_kept"]
                    ],
                    hide_index=True,
                )
            except InputError as exc:
                st.info(str(exc))
        else:
            st.caption("Generate an answer to compare its compression levels.")
    with tab_cache:
        if service.cache is not None:
            st.plotly_chart(
                charts.cache_series(service.cache.series(generator)), width="stretch", key=f"{generator}_series"
            )
        else:
            st.caption("Cache unavailable.")
    with tab_conf:
        if generation is not None:
            st.plotly_chart(
                charts.confidence_bars(generation.prompt.confidence), width="stretch", key=f"{generator}_conf"
            )


def render(generator: str) -> None:
    template = template_for(generator)
    st.title(template.title)
    st.caption(template.description[:1].upper() + template.description[1:] + ".")
    settings = sidebar.settings()
    if settings.provider == "local":
        st.info(DEMO_NOTE, icon=":material/science:")
    try:
        service = _service()
    except (OptimizerError, ProviderError) as exc:
        st.error(f"{exc}")
        return
    query, values = _form(generator)
    request = GenerationRequest(generator, query, values, st.session_state.get("level", "medium"))
    ready = True
    try:
        _preview(service, request)
    except InputError as exc:
        st.info(f"{exc}")
        ready = False
    go, stop = st.columns([1, 1])
    generate = go.button("Generate", type="primary", key=f"{generator}_generate", disabled=not ready)
    stop.button("Stop", key=f"{generator}_stop", help="Ends the stream; the partial answer is kept, not cached.")
    if generate:
        _run(service, request, generator)
    generation: Generation | None = st.session_state.get(f"last_{generator}")
    if generation is not None and generation.response.done:
        if not generate:
            with st.container(border=True, key="answer_box"):
                st.markdown(generation.response.text or "_(no text)_")
        _result(generation, service)
        if (
            generator == "formulation"
            and generation.response.text
            and st.button("Cost this formulation →", key="to_costing")
        ):
            st.session_state["prefill_costing"] = {
                "formulation": values.get("product_type") or "this formulation",
                PREVIOUS_KEY: generation.as_context(),
            }
            st.switch_page("app_pages/costing.py")
    _side_panels(generator, generation, service)
