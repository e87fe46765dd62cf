"""How long a stalled endpoint takes to be reported, against the configured deadline.

    python scripts/endpoint_deadline.py

A loopback server reads the request and sends nothing ("stall"), or two tokens and then
nothing ("stall-mid"); the provider runs with the client's default retries (2).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> int:
    from support.endpoints import RawEndpoint

    from optimizer.providers import Message, OpenAIProvider, ProviderError
    from optimizer.tokens import count_tokens

    count_tokens("warm the tokenizer", "gpt-4o-mini")
    print("| endpoint | deadline | reported after | ratio | requests sent | kind |\n|---|---|---|---|---|---|")
    for behaviour in ("stall", "stall-mid"):
        for deadline in (1.0, 2.0):
            server = RawEndpoint(behaviour)
            provider = OpenAIProvider("gpt-4o-mini", base_url=server.url, timeout=deadline)
            started = time.monotonic()
            kind = "none"
            try:
                for _ in provider.stream((Message("user", "x"),), max_tokens=5, temperature=0):
                    pass
            except ProviderError as exc:
                kind = exc.kind.value
            took = time.monotonic() - started
            print(
                f"| {behaviour} | {deadline:g} s | {took:.2f} s | {took / deadline:.2f}x | {len(server.requests)} | {kind} |"
            )
            server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
