"""The HTTP layer under the official ``openai`` client: where a request may go, which
credential it carries, and how long and how large its answer may be.

The client keeps its own machinery (retries with backoff and Retry-After, timeouts); this
module adds what it does not know about, in an ``httpx2`` transport:

* **Binding**: every request must go to the one origin (scheme, host, port) the
  provider was built for, and carries exactly the credential bound to it: the
  ``Authorization`` the client built (and any header it took from the environment) is
  replaced, so an operator's key can never reach a visitor's endpoint. Redirects are not
  followed at all.
* **Deadline**: the total time for one generation (connection, retries and stream). Each
  read waits at most until the deadline, and a timer shuts the socket at the deadline,
  so a stalled or trickling endpoint is reported at about the deadline.
* **Size cap**: the bytes of one response, so a trickle or one endless line is cut.

>>> origin_of("HTTPS://API.OpenAI.com/v1")
('https', 'api.openai.com', 443)
"""

from __future__ import annotations

import heapq
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx2
import openai

from .base import FailureKind

# The generation's deadline travels with the request in this header (a monotonic
# timestamp); the transport removes it before anything is sent.
DEADLINE_HEADER = "x-optimizer-deadline"
MAX_BYTES_HEADER = "x-optimizer-max-bytes"  # this request's size cap, likewise removed
# The only headers a request keeps from the client: everything else (an Authorization the
# client built, headers it took from OPENAI_CUSTOM_HEADERS, organization and project ids)
# is dropped, and the binding adds its own.
_KEPT_HEADERS = frozenset(
    {
        "host",
        "accept",
        "accept-encoding",
        "content-type",
        "content-length",
        "user-agent",
        "connection",
        "idempotency-key",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


# The HTTP libraries log request URLs at INFO, and a caller's code may configure the root
# logger at INFO (WordLlama's package does when imported): keep them at WARNING unless set
# on purpose.
for _name in ("openai", "httpx2", "httpcore2", "httpx", "httpcore"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.WARNING)

_REMEMBERED = 64  # deadlines whose last failure is kept (see GuardedTransport._last)
_ERROR_BODY_BYTES = 1 << 20  # the most an error response body may have


class TransportCut(openai.OpenAIError):
    """Raised by the transport; an ``OpenAIError`` so the client neither retries nor wraps it."""

    def __init__(self, kind: FailureKind, detail: str = "") -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.detail = detail


def origin_of(url: str | httpx2.URL) -> tuple[str, str, int]:
    """The (scheme, host, port) a URL really points at, as the HTTP client parses it."""
    parsed = url if isinstance(url, httpx2.URL) else httpx2.URL(str(url))  # a request's URL is parsed already
    scheme = parsed.scheme.lower()
    host = (parsed.host or "").lower().rstrip(".")
    return scheme, host, parsed.port or _DEFAULT_PORTS.get(scheme, 0)


@dataclass(frozen=True)
class Binding:
    """Where requests may go and which credential they carry there.

    ``authorization`` is the exact ``Authorization`` value to send (``None``: send none);
    ``identity_headers`` are sent as given (OpenAI organization and project for the
    operator's endpoint; none for a visitor's).
    """

    origin: tuple[str, str, int]
    authorization: str | None = field(default=None, repr=False)
    identity_headers: tuple[tuple[str, str], ...] = ()


class GuardedTransport(httpx2.BaseTransport):
    """An ``httpx2`` transport that enforces a :class:`Binding`, the deadline and the size cap.

    :param binding: the one origin and credential allowed.
    :param max_bytes: the most bytes one response body may have.
    :param inner: the transport that really sends (default ``httpx2.HTTPTransport()``).
    """

    def __init__(self, binding: Binding, *, max_bytes: int, inner: httpx2.BaseTransport | None = None) -> None:
        self.binding = binding
        self.max_bytes = max_bytes
        self.inner = inner or httpx2.HTTPTransport(trust_env=False)
        # deadline -> the last failure of that generation: when the deadline leaves no
        # time for the client's next retry, the retry fails at once with the real cause
        # (refused, 503...) rather than a vague "no answer in time".
        self._last: dict[float, BaseException | tuple[int, Any, bytes]] = {}
        self._lock = threading.Lock()

    def _remember(self, deadline: float | None, failure: BaseException | tuple[int, Any, bytes]) -> None:
        if deadline is None:
            return
        with self._lock:
            if len(self._last) >= _REMEMBERED:
                self._last.clear()
            self._last[deadline] = failure

    def _replay_last(self, deadline: float, request: httpx2.Request) -> httpx2.Response:
        with self._lock:
            failure = self._last.get(deadline)
        if isinstance(failure, BaseException):
            raise failure
        if failure is not None:
            status, headers, content = failure
            return httpx2.Response(status, headers=headers, content=content, request=request)
        raise TransportCut(FailureKind.DEADLINE, "before the request was sent")

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send ``request`` to the bound origin only, with its credential, within the deadline and size cap.

        :raises TransportCut: another host, the deadline passed, or the body is too large.
        """
        deadline = pop_deadline(request.headers)
        max_bytes = _pop_int(request.headers, MAX_BYTES_HEADER) or self.max_bytes
        if origin_of(request.url) != self.binding.origin:
            raise TransportCut(FailureKind.NOT_ALLOWED, "a request to another host than the configured endpoint")
        for name in [
            n for n in request.headers if n.lower() not in _KEPT_HEADERS and not n.lower().startswith("x-stainless-")
        ]:
            del request.headers[name]
        if self.binding.authorization:
            request.headers["Authorization"] = self.binding.authorization
        for name, value in self.binding.identity_headers:
            request.headers[name] = value
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return self._replay_last(deadline, request)
            timeouts = dict(request.extensions.get("timeout") or {})
            for key in ("connect", "read", "write", "pool"):
                value = timeouts.get(key)
                timeouts[key] = remaining if value is None else min(value, remaining)
            request.extensions["timeout"] = timeouts
        try:
            response = self.inner.handle_request(request)
        except httpx2.TimeoutException:
            if deadline is not None and time.monotonic() >= deadline - 0.05:
                raise TransportCut(FailureKind.DEADLINE, "before the answer started") from None
            raise
        except httpx2.TransportError as exc:
            self._remember(deadline, exc)
            raise
        network = response.extensions.get("network_stream")
        sock = network.get_extra_info("socket") if network is not None else None
        failed = response.status_code >= 400
        cap = min(max_bytes, _ERROR_BODY_BYTES) if failed else max_bytes
        response.stream = _GuardedStream(response.stream, deadline=deadline, max_bytes=cap, sock=sock)
        if failed:
            response.read()  # capped: kept to answer a retry the deadline leaves no time for
            self._remember(deadline, (response.status_code, response.headers, response.content))
            return response
        if response.status_code == 200 and "html" in response.headers.get("content-type", "").lower():
            response.close()
            raise TransportCut(FailureKind.NOT_OPENAI, "an HTML page")
        return response

    def close(self) -> None:
        """Close the inner transport."""
        self.inner.close()


class _Watchdog:
    """Calls a function at a monotonic time, for every stream from one thread (a timer
    thread per stream cost more than the rest of a short request).

    >>> dog = _Watchdog(); hits = []
    >>> entry = dog.schedule(time.monotonic(), lambda: hits.append(1))
    >>> dog.cancel(dog.schedule(time.monotonic() + 60, lambda: hits.append(2)))
    >>> time.sleep(0.2); hits
    [1]
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[list[Any]] = []
        self._seq = 0
        self._thread: threading.Thread | None = None

    def schedule(self, at: float, action: Any) -> list[Any]:
        """Run ``action()`` at monotonic time ``at``; returns a handle for :meth:`cancel`."""
        with self._cond:
            self._seq += 1
            entry = [at, self._seq, action]
            heapq.heappush(self._heap, entry)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="stream-deadlines", daemon=True)
                self._thread.start()
            self._cond.notify()
            return entry

    def cancel(self, entry: list[Any]) -> None:
        """Do not run it (it is dropped when its time comes)."""
        entry[2] = None

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2] is None:
                        heapq.heappop(self._heap)
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        action = heapq.heappop(self._heap)[2]
                        break
                    self._cond.wait(wait)
            if action is not None:
                try:
                    action()
                except Exception:  # an expiry that fails must not stop the others
                    pass


_WATCHDOG = _Watchdog()


class _GuardedStream(httpx2.SyncByteStream):
    def __init__(self, inner: Any, *, deadline: float | None, max_bytes: int, sock: socket.socket | None) -> None:
        self.inner = inner
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.sock = sock
        self.received = 0
        self.expired = False

    def _expire(self) -> None:
        # Wakes a read that is blocked on a stalled endpoint: recv returns at once.
        self.expired = True
        try:
            if self.sock is not None:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def __iter__(self) -> Iterator[bytes]:
        timer = None
        if self.deadline is not None and self.sock is not None:
            timer = _WATCHDOG.schedule(self.deadline, self._expire)
        try:
            for chunk in self.inner:
                self.received += len(chunk)
                if self.received > self.max_bytes:
                    raise TransportCut(FailureKind.TOO_LARGE, f"more than {self.max_bytes:,} bytes")
                if self.expired or (self.deadline is not None and time.monotonic() > self.deadline):
                    raise TransportCut(FailureKind.DEADLINE, "mid-answer")
                yield chunk
        except httpx2.TransportError:
            if self.expired:
                raise TransportCut(FailureKind.DEADLINE, "mid-answer") from None
            raise
        finally:
            if timer is not None:
                _WATCHDOG.cancel(timer)
        if self.expired:
            raise TransportCut(FailureKind.DEADLINE, "mid-answer")

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


def pop_deadline(headers: Any) -> float | None:
    """Remove the deadline header and return its monotonic timestamp (``None`` if absent)."""
    value = headers.pop(DEADLINE_HEADER, None)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _pop_int(headers: Any, name: str) -> int | None:
    value = headers.pop(name, None)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class BoundClient(openai.OpenAI):
    """The official client with two of its own knobs adjusted per generation: the retry
    backoff is scaled by ``backoff`` (tests set it small) and never sleeps past the
    generation's deadline."""

    backoff: float = 1.0

    def _calculate_retry_timeout(self, remaining_retries: int, options: Any, response_headers: Any = None) -> float:
        delay = super()._calculate_retry_timeout(remaining_retries, options, response_headers) * self.backoff
        headers = options.headers if isinstance(options.headers, dict) else {}
        raw = next((v for k, v in headers.items() if k.lower() == DEADLINE_HEADER), None)
        try:
            deadline = float(raw) if isinstance(raw, str) else None
        except ValueError:
            deadline = None
        if deadline is not None:
            delay = min(delay, max(0.0, deadline - time.monotonic()))
        return delay


def make_client(
    base_url: str,
    binding: Binding,
    *,
    timeout: float,
    connect_timeout: float = 10.0,
    max_retries: int = 2,
    backoff: float = 1.0,
    max_bytes: int,
) -> BoundClient:
    """An ``openai.OpenAI`` client that can only talk to ``binding.origin``.

    Everything the client would read from the environment (key, base URL, organization,
    custom headers, proxies) is given explicitly or overridden by the transport.

    :param timeout: seconds a single read may wait (the total deadline is per request).
    :param max_retries: the client's own retries (429, 5xx, connection errors, timeouts).
    :param backoff: scale of the client's retry delays (1.0: its defaults).
    :param max_bytes: the most bytes one response may have.
    """
    http_client = httpx2.Client(
        transport=GuardedTransport(binding, max_bytes=max_bytes),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx2.Timeout(timeout, connect=min(connect_timeout, timeout)),
    )
    # A query on the base URL ("...?api-version=1" or "?api-key=..."): the client would
    # append the API path after it; it goes on every request instead.
    parts = urlsplit(base_url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    base_url = urlunsplit(parts._replace(query="", fragment=""))
    client = BoundClient(
        api_key="no-key",  # a placeholder, not a secret: the transport sets the real header
        admin_api_key="",
        organization=None,
        project=None,
        base_url=base_url,
        default_query=query or None,
        max_retries=max_retries,
        timeout=httpx2.Timeout(timeout, connect=min(connect_timeout, timeout)),
        http_client=http_client,
    )
    client.backoff = backoff
    return client
