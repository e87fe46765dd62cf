"""One renderer for the five generator pages: form -> optimized prompt preview -> live
stream with tokens, time and cost ticking -> result table -> side panels.

The form remembers: every field keeps its value for the session (``persist_state``), and
the template fields are also bound to the URL's query parameters (``bind``), so a
refresh or a shared link brings them back. The free-text request is kept for the session
only: it can be long and confidential, and URLs end up in browser history and proxy
logs. There is one Stop (Streamlit's own is hidden on these pages); it keeps the partial
answer, marked incomplete.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from optimizer import InputError, OptimizerError
from optimizer.answer import FACTOR_HELP, money, prompt_saving_note, readable_stream
from optimizer.compression import compare_levels
from optimizer.compression.report import comparison_rows
from optimizer.generate import Generation, GenerationRequest, GenerationService
from optimizer.prompts import MAX_FIELD_CHARS, MAX_QUERY_CHARS, PREVIOUS_KEY, OptimizedPrompt, template_for
from optimizer.providers import DEMO_NOTE, ProviderError, make_provider

from . import charts, session, sidebar
from .generation_view import show_result, stream
from .render import shown
from .services import ledger, local_model_loaded

# Streamlit's own Stop (in the running indicator) would end the script without a rerun,
# leaving a partial answer unmarked: the page's Stop is the only one.
_ONE_STOP = "<style>[data-testid='stStatusWidget'] button { display: none; }</style>"


def _service() -> GenerationService:
    settings = sidebar.settings()
    if settings.provider == "local":
        local_model_loaded()
    provider = make_provider(settings)
    try:
        cache = sidebar.cache()
    except OptimizerError:
        cache = None
    return GenerationService(provider, cache, ledger(), priced_as=session.priced_as(), source="studio")


def field_key(generator: str, name: str) -> str:
    """The session-state key (and URL parameter) of a form field, e.g. ``costing_batch_size``."""
    return f"{generator}_{name}"


def prefill(generator: str, values: dict[str, str], *, query: str | None = None, previous: str | None = None) -> None:
    """Fill ``generator``'s form before switching to its page (chaining, History's re-run):
    the given fields change, every other field keeps what was typed there."""
    for name, value in values.items():
        st.session_state[field_key(generator, name)] = value
    if query is not None:
        st.session_state[field_key(generator, "query")] = query
    if previous is not None:
        st.session_state[f"prefill_{generator}"] = {PREVIOUS_KEY: previous} if previous else {}


def _form(generator: str) -> tuple[str, dict[str, Any]]:
    template = template_for(generator)
    carried = st.session_state.get(f"prefill_{generator}", {})
    values: dict[str, Any] = {}
    fields = list(template.fields)
    # Row by row (two per row): on a phone the columns stack and keep the form's order.
    for start in range(0, len(fields), 2):
        for column, field in zip(st.columns(2), fields[start : start + 2], strict=False):
            values[field.name] = (
                column.text_input(
                    field.label + ("" if field.required else " (optional)"),
                    placeholder=f"e.g. {field.example}",
                    key=field_key(generator, field.name),
                    max_chars=MAX_FIELD_CHARS,  # the core's limit (optimizer.prompts), stated in the widget
                    bind="query-params",
                    persist_state="session",
                )
                or ""
            )
    query = (
        st.text_area(
            "Your request (optional, in your own words)",
            key=field_key(generator, "query"),
            height=80,
            max_chars=MAX_QUERY_CHARS,
            placeholder="Anything the fields do not say: constraints, claims, what to avoid...",
            persist_state="session",
        )
        or ""
    )
    if carried.get(PREVIOUS_KEY):
        with st.expander("Input carried over from the previous generation (goes in compressed)"):
            st.code(carried[PREVIOUS_KEY], language=None, wrap_lines=True)
            if st.button("Remove the carried input", key=f"{generator}_drop_carried"):
                st.session_state[f"prefill_{generator}"] = {}
                st.rerun()
        values[PREVIOUS_KEY] = carried[PREVIOUS_KEY]
    return query, values


def _preview(service: GenerationService, request: GenerationRequest) -> OptimizedPrompt:
    prompt = service.prepare(request)
    tokenizer = service.reference_tokenizer
    a, b, c, d = st.columns(4)
    a.metric(
        f"Prompt tokens ({tokenizer})",
        prompt.optimized_tokens,
        delta=-prompt.saved_tokens,
        delta_color="inverse",
        help=f"The optimized prompt that will be sent, against the naive prompt ({prompt.naive_tokens} tokens), "
        f"both counted with {tokenizer}: the same figure as the result and the runs CSV.",
    )
    b.metric(
        "Confidence",
        f"{prompt.confidence.score:.2f}",
        help="Before the answer, from four weighted factors (under Confidence below); "
        "recomputed when the answer arrives.",
    )
    max_tokens = service.max_tokens_for(request)
    priced = "" if service.billed else f" (priced as {service.priced_as})"
    c.metric(
        "Estimated cost" + priced,
        money(service.price(prompt.optimized_tokens, max_tokens)),
        help=f"Prompt plus at most {max_tokens} answer tokens at {service.priced_as}'s price "
        f"(table of {service.prices.as_of})"
        + ("." if service.billed else f": what the same request would cost on {service.priced_as}."),
    )
    if prompt.context_raw_tokens:
        d.metric(
            "Carried input",
            f"{prompt.context_tokens} tok",
            delta=-prompt.context_saved_tokens,
            delta_color="inverse",
            help="The previous answer, compressed before it goes in.",
        )
    note = prompt_saving_note(prompt.saved_tokens)
    if note:
        st.caption(f":material/info: {shown(note)}.")
    with st.expander("Optimized prompt and the naive prompt it replaces"):
        left, right = st.columns(2)
        left.caption(f"Optimized · {prompt.optimized_tokens} tokens · {', '.join(prompt.techniques)}")
        left.code(prompt.text, language=None, wrap_lines=True)
        right.caption(f"Naive · {prompt.naive_tokens} tokens")
        right.code(prompt.naive_prompt, language=None, wrap_lines=True)
    for text in prompt.confidence.notes:
        st.caption(f":material/info: {shown(text)}")
    return prompt


def _start(generator: str) -> None:
    st.session_state[f"{generator}_starting"] = True


def _run(service: GenerationService, request: GenerationRequest, prompt: OptimizedPrompt, generator: str) -> None:
    try:
        generation = service.generate(request, prompt=prompt)
    except (OptimizerError, ProviderError) as exc:
        st.error(shown(str(exc)))
        return
    st.session_state[f"last_{generator}"] = generation
    with st.container(key="answer_box"):
        status, body = st.empty(), st.empty()
        stream(generation, generator=generator, status=status, body=body)
        with body.container():
            _finished(generation, generator, request)


def _finished(generation: Generation, generator: str, request: GenerationRequest | None) -> None:
    notice = show_result(generation, generator=generator)
    incomplete = notice is not None and notice.incomplete
    chain = generator == "formulation" and generation.response.text and not incomplete
    if chain and st.button("Cost this formulation →", key="to_costing"):  # never for a partial answer
        product = (request.context.get("product_type") if request else "") or "this formulation"
        prefill("costing", {"formulation": str(product)}, previous=generation.as_context())
        st.switch_page("app_pages/costing.py")


@st.fragment(run_every=0.5)
def _stopping(generator: str) -> None:
    generation: Generation | None = st.session_state.get(f"last_{generator}")
    if generation is None or generation.response.done:
        st.rerun()  # the whole page, now with the stopped answer and its mark
    st.caption(":material/hourglass_top: Stopping: the model hands back after its current step…")
    st.code(readable_stream(generator, generation.response.text) or "…", language=None, wrap_lines=True)


def _side_panels(generator: str, generation: Generation | None, service: GenerationService | None) -> None:
    labels = ["Confidence", "Compression of this answer", "Cache over time"]
    conf, compress, cache = st.tabs(labels, key=f"{generator}_panels", on_change="rerun")
    if conf.open:
        with conf:
            _confidence_panel(generation)
    if compress.open:
        with compress:
            _compression_panel(generator, generation, service)
    if cache.open:
        with cache:
            if service is not None and service.cache is not None:
                st.plotly_chart(
                    charts.cache_series(service.cache.series(generator), zone=st.context.timezone),
                    width="stretch",
                    key=f"{generator}_series",
                )
            else:
                st.caption("Cache unavailable.")


def _confidence_panel(generation: Generation | None) -> None:
    if generation is None or generation.confidence is None:
        st.caption("Generate an answer: its confidence is recomputed when it arrives (parse success is a factor).")
        return
    confidence = generation.confidence
    st.plotly_chart(charts.confidence_bars(confidence), width="stretch", key="confidence_chart")
    rows = [
        {"factor": name.replace("_", " "), "value": round(value, 2), "how it counts": how, "what it means": means}
        for name, value, how, means in confidence.explained()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="confidence_factors")
    st.caption(f"Confidence {confidence.summary}. {FACTOR_HELP['answer'].capitalize()}.")


def _compression_panel(generator: str, generation: Generation | None, service: GenerationService | None) -> None:
    text = generation.response.text if generation is not None and generation.response.done else ""
    if not text.strip() or service is None:
        st.caption("Generate an answer to compare its compression levels.")
        return
    try:
        rows = comparison_rows(compare_levels(text, service.pricing.token_model))
    except InputError as exc:
        st.info(str(exc))
        return
    st.plotly_chart(charts.levels_bar(rows), width="stretch", key=f"{generator}_levels")
    st.caption(
        "Tokens of this answer at each level (context compression when it feeds the next generation); "
        "fidelity: numbers, negations and ingredients kept, similarity."
    )
    frame = pd.DataFrame(rows)[
        ["level", "compressed_tokens", "saved_pct", "similarity", "numbers_kept", "negations_kept"]
    ]
    frame.columns = ["Level", "Tokens", "Saved %", "Similarity", "Numbers kept", "Negations kept"]
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "Saved %": st.column_config.NumberColumn(format="%.1f"),
            "Similarity": st.column_config.NumberColumn(format="%.3f"),
        },
    )


def render(generator: str) -> None:
    """Draw the page of ``generator`` (one of ``optimizer.prompts.GENERATORS``)."""
    template = template_for(generator)
    st.html(_ONE_STOP)
    st.title(template.title)
    st.caption(template.description[:1].upper() + template.description[1:] + ".")
    if sidebar.settings().provider == "local":
        st.info(DEMO_NOTE, icon=":material/science:")
    service: GenerationService | None = None
    problem = ""
    try:
        service = _service()
    except (OptimizerError, ProviderError) as exc:
        problem = str(exc)  # the form stays, with what was typed; Generate waits for a fix
    query, values = _form(generator)
    who = session.principal()
    request = GenerationRequest(
        generator,
        query,
        values,
        st.session_state.get("level", "medium"),
        user=who.user,
        keep_text=session.keep_text(),
    )
    prompt: OptimizedPrompt | None = None
    if service is not None:
        try:
            prompt = _preview(service, request)
        except InputError as exc:
            st.info(shown(f"{exc}"))
    else:
        st.error(shown(f"{problem}. Your form is kept: fix the model settings in the sidebar, then Generate."))
    starting = bool(
        st.session_state.pop(f"{generator}_starting", False) or st.session_state.pop(f"{generator}_autorun", False)
    )
    starting = starting and prompt is not None
    go, stop, _ = st.columns([1, 1, 4])
    go_slot, stop_slot = go.empty(), stop.empty()

    def generate_button() -> None:
        go_slot.button(
            "Generate",
            type="primary",
            key=f"{generator}_generate",
            disabled=prompt is None,
            on_click=_start,
            args=(generator,),
        )

    if starting:
        # While streaming: Generate is greyed out (another key: the real one is drawn once
        # the stream ends) and Stop appears. Any click ends the running script; Stop says
        # so, and the partial answer is kept.
        go_slot.button("Generate", type="primary", key=f"{generator}_generate_busy", disabled=True)
        stop_slot.button(
            "Stop", key=f"{generator}_stop", help="Ends the stream; the partial answer is kept, marked, not cached."
        )
        _run(service, request, prompt, generator)  # type: ignore[arg-type]
        stop_slot.empty()
    generate_button()
    generation: Generation | None = st.session_state.get(f"last_{generator}")
    if not starting and generation is not None:
        with st.container(key="answer_box"):
            if generation.response.done:
                _finished(generation, generator, request)
            else:
                # Stopped (or navigated away) while the model was mid-step: the script that
                # streamed it ends at its next update; show the text so far until then.
                generation.response.stop()
                _stopping(generator)
    _side_panels(generator, generation, service)
