"""The gateway's commands: ``serve`` (the HTTP API and OpenAI-compatible gateway) and
``keys create | list | revoke`` (its API keys).

Split from ``optimizer.cli`` to keep that module short; ``add_server_commands`` registers
them on its parser.

``keys create`` prints the new key once, as the last line of standard output (so a script
can take ``| tail -1``); only its hash is stored, in the ledger's database.
"""

from __future__ import annotations

import argparse
import json

from .argcheck import number, whole


def _key_store():
    from .keys import KeyStore
    from .ledger import Ledger

    return KeyStore(Ledger())


def _cmd_keys(args: argparse.Namespace) -> int:
    store = _key_store()
    try:
        if args.action == "create":
            created = store.create(args.name, args.role, rate_limit=args.rate_limit or "", budget_usd=args.budget_usd)
            key = created.key
            limits = []
            if key.rate_limit:
                limits.append(f"rate limit {key.rate_limit}")
            if key.budget_usd is not None:
                limits.append(f"budget ${key.budget_usd:g}")
            print(
                f"created the key '{key.name}' (role {key.role.value}{', ' if limits else ''}{', '.join(limits)}) "
                f"in {store.location}; only its hash is kept, so this is the only time it is shown:"
            )
            print(created.secret)
        elif args.action == "list":
            keys = store.list(include_revoked=not args.active)
            if args.format == "json":
                print(json.dumps([k.as_dict() for k in keys], indent=2))
            else:
                print(f"{'name':<24} {'role':<8} {'prefix':<9} {'created':<26} {'rate limit':<12} {'budget':<9} state")
                for k in keys:
                    budget = "default" if k.budget_usd is None else f"${k.budget_usd:g}"
                    state = f"revoked {k.revoked_at}" if k.revoked else "active"
                    print(
                        f"{k.name:<24} {k.role.value:<8} {k.prefix:<9} {k.created_at:<26} "
                        f"{k.rate_limit or 'default':<12} {budget:<9} {state}"
                    )
                print(f"{len(keys)} key(s) in {store.location}")
        elif args.action == "revoke":
            key = store.revoke(args.name)
            print(f"revoked the key '{key.name}' ({key.prefix}...); every gateway refuses it from its next request")
    finally:
        store.ledger.close()
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .server.config import GatewayConfig
    from .server.run import serve

    config = GatewayConfig.from_env(strategy=args.strategy, workers=args.workers)
    return serve(args.host, args.port, config=config, access_log=not args.no_access_log)


def add_server_commands(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``serve`` and ``keys`` to the CLI's subcommands.

    Args:
        commands: the ``add_subparsers()`` result of the main parser.
        parser_class: the parser class for nested subcommands (one-line errors).
    """
    p = commands.add_parser(
        "serve",
        help="the HTTP API and OpenAI-compatible gateway (/v1/chat/completions, /api/v1/optimization/*)",
        description="Serve the optimizer over HTTP. Upstream: the operator's OPENAI_API_KEY / OPENAI_BASE_URL / "
        "OPENAI_MODEL (else the embedded model). Without any API key created it runs keyless and listens on "
        "loopback only. See docs/gateway.md.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    p.add_argument("--port", type=whole, default=8000, help="port (default %(default)s; 0 picks a free one)")
    p.add_argument(
        "--strategy",
        default=None,
        choices=("aggressive", "balanced", "conservative"),
        help="cache strategy (default $OPTIMIZER_GATEWAY_STRATEGY or balanced)",
    )
    p.add_argument(
        "--workers",
        type=whole,
        default=None,
        help="processes serving the port, sharing the ledger, cache, keys and rate limits "
        "(default $OPTIMIZER_GATEWAY_WORKERS or 1)",
    )
    p.add_argument("--no-access-log", action="store_true", help="do not log one line per request")
    p.set_defaults(handler=_cmd_serve)

    p = commands.add_parser(
        "keys",
        help="the gateway's API keys: create, list, revoke",
        description="API keys for `serve`, kept as hashes in the ledger's database (SQLite in the data folder, "
        "or OPTIMIZER_DATABASE_URL), so every gateway instance shares them.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=parser_class)
    a = actions.add_parser("create", help="make a key; it is printed once (the last line of output)")
    a.add_argument("--name", required=True, help="who uses it (recorded as the user of every run)")
    a.add_argument("--role", required=True, choices=("analyst", "admin"), help="admin may also clear the cache")
    a.add_argument("--rate-limit", default=None, help="its own rate limit, e.g. 60/minute (default: the gateway's)")
    a.add_argument(
        "--budget-usd", type=number, default=None, help="its own budget per period in USD (default: the gateway's)"
    )
    a = actions.add_parser("list", help="every key: name, role, prefix, limits, revoked or not (never the key)")
    a.add_argument("--active", action="store_true", help="only keys that are not revoked")
    a.add_argument("--format", choices=("text", "json"), default="text")
    a = actions.add_parser("revoke", help="revoke a key: every instance refuses it from its next request")
    a.add_argument("name")
    p.set_defaults(handler=_cmd_keys)
