"""Commands that read the core's vendored data and never touch the data folder: ``count``
(tokens of a text) and ``prices`` (the validated price table in effect).

Split from ``optimizer.cli`` to keep that module short; ``add_offline_commands`` registers
them on its parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .errors import shown
from .tokens import DEFAULT_MODEL


def _cmd_count(args: argparse.Namespace) -> int:
    from .tokens import choose_encoding, count_tokens

    text = args.read_source(args.file)
    choice = choose_encoding(args.model)
    tokens = count_tokens(text, args.model)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "tokens": tokens,
                    "characters": len(text),
                    "model": args.model,
                    "encoding": choice.encoding_name,
                    "exact": choice.exact,
                    "note": choice.note,
                }
            )
        )
    else:
        print(tokens)
        if choice.note:
            print(f"note: {choice.note}", file=sys.stderr)
    return 0


def _cmd_prices(args: argparse.Namespace) -> int:
    from .pricing import load_prices, override_path

    table = load_prices()
    path, required_by = override_path()
    rows = table.models.values()
    if args.model:
        rows = [table.price(args.model)]
    print(
        json.dumps(
            {
                "as_of": table.as_of,
                "source": table.source,
                "override_file": shown(path) if path else None,
                "override_from": required_by or "data folder (optional)",
                "unit": "USD per 1M tokens",
                "models": {
                    p.model: {"input": p.input, "cached_input": p.cached_input, "output": p.output} for p in rows
                },
            },
            indent=2,
        )
    )
    return 0


def add_offline_commands(commands: argparse._SubParsersAction, read_source: Callable[[str], str]) -> None:
    """Add ``count`` and ``prices`` to the CLI's subcommands.

    Args:
        commands: the ``add_subparsers()`` result of the main parser.
        read_source: reads FILE or ``-`` with the CLI's size and encoding checks.
    """
    p = commands.add_parser("count", help="count the tokens of a text for a model (offline)")
    p.add_argument("file", nargs="?", default="-", help="a file, or - for standard input (default)")
    p.add_argument("--model", default=DEFAULT_MODEL, help="whose tokenizer counts (default %(default)s)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text: the count only; json: details")
    p.set_defaults(handler=_cmd_count, read_source=read_source)

    p = commands.add_parser(
        "prices",
        help="the price table in effect (vendored + overrides), validated",
        description="Show the prices every dollar figure uses. An override file is "
        "<data dir>/prices.toml or the file named by OPTIMIZER_PRICES (which must exist).",
    )
    p.add_argument("--model", default=None, help="only the row that prices this model")
    p.set_defaults(handler=_cmd_prices)
