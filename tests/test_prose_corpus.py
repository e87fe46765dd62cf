"""The prose corpora behind ``bench compression``: halves, authors' lists, per-kind tables."""

from __future__ import annotations

import pytest

from optimizer.bench.prose_corpus import author_check, texts, verbose_answers
from optimizer.bench.prose_tables import kind_of, protected_shares


def test_verbose_answers_have_two_disjoint_halves_with_their_authors_lists():
    tune, report = verbose_answers("tune"), verbose_answers("report")
    assert len(tune) >= 24 and len(report) >= 24
    assert not {i.text for i in tune} & {i.text for i in report}
    for item in tune:
        assert item.protected["numbers"], item.name  # every answer carries figures
        assert all(s in item.text for kind in item.protected.values() for s in kind)


def test_author_check_counts_what_a_compressed_text_lost():
    item = verbose_answers("tune")[0]
    number = item.protected["numbers"][0]
    check = author_check(item, item.text.replace(number, "?"))
    assert f"numbers: {number}" in check.missing and not check.all_kept
    assert author_check(item, item.text).all_kept


def test_unknown_source_or_half_is_refused():
    with pytest.raises(ValueError, match="unknown source"):
        texts("blog", "tune")
    with pytest.raises(ValueError, match="unknown half"):
        verbose_answers("train")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("verbose-report/costing-edp-50ml.txt", "costing"),
        ("report/formulation_verbose_bakuchiol-cream.txt", "formulation"),
        ("fixture/market", "fixture"),
    ],
)
def test_kind_of_reads_both_naming_schemes(name, kind):
    assert kind_of(name) == kind


def test_protected_share_is_higher_for_a_table_of_figures_than_for_chat():
    items = [i for i in verbose_answers("tune") if kind_of(i.name) in {"costing", "branding"}]
    shares = {s.kind: s for s in protected_shares(items, "o200k_base")}
    assert shares["costing"].protected_share > shares["branding"].protected_share
    assert 0 < shares["TOTAL"].protected_share <= shares["TOTAL"].region_share < 1


@pytest.mark.model
def test_model_throughput_measures_and_restores_the_shared_model():
    from optimizer.bench.prose_tables import model_throughput
    from optimizer.compression import scoring

    if scoring.model_unavailable_reason():
        pytest.skip(f"embedded model unavailable: {scoring.model_unavailable_reason()}")
    from optimizer.providers.local import exclusive_model

    with exclusive_model() as llm:
        before = (llm.context_params.n_threads, llm.context_params.n_threads_batch)
    rows = model_throughput("The serum uses 5% niacinamide. " * 8, threads=(1,), batches=(32,), runs=1)
    # The shipped file first (the baseline), then the copy the shared model runs.
    assert [(r.file, r.threads, r.batch) for r in rows] == [
        ("shipped Q4_1 (baseline)", 1, 32),
        ("studio's Q8_0", 1, 32),
    ]
    assert all(r.tokens > 0 and r.tokens_per_second > 0 for r in rows)
    assert rows[0].tokens == rows[1].tokens  # the same text, the same tokenizer
    with exclusive_model() as llm:
        assert (llm.context_params.n_threads, llm.context_params.n_threads_batch) == before
        assert llm.n_tokens == 0  # the next generation evaluates its prompt from scratch


@pytest.mark.model
def test_model_throughput_can_time_the_model_with_no_output_layer():
    from optimizer.bench.prose_tables import model_throughput
    from optimizer.compression import scoring

    if scoring.model_unavailable_reason():
        pytest.skip(f"embedded model unavailable: {scoring.model_unavailable_reason()}")
    rows = model_throughput("The serum uses 5% niacinamide. " * 8, threads=(1,), batches=(16, 32), runs=1, bare=True)
    bare = [r for r in rows if r.file.endswith("no output layer")]
    assert [(r.threads, r.batch) for r in bare] == [(1, 32)]  # the most threads, the largest batch
    assert bare[0].tokens == rows[0].tokens and bare[0].tokens_per_second > 0
