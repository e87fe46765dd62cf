"""Remove credentials from URLs and free text before they are logged, stored, exported or
shown.

One home for the rule: every message that may carry a URL (a provider error, a Redis
error, a health line, a ledger error cell) passes through :func:`redact_text`.

>>> redact_url("http://user:KEY@host:8080/v1?api-key=KEY&x=1")
'http://user:***@host:8080/v1?api-key=***&x=1'
>>> redact_text("Bearer sk-abcdefghijklmnopqrstuvwxyz012345 was refused")
'Bearer *** was refused'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# Query parameters that carry a secret (compared lower-case, with - and _ alike).
_SECRET_PARAMS = frozenset(
    {
        "apikey",
        "api_key",
        "key",
        "token",
        "access_token",
        "accesstoken",
        "auth",
        "authorization",
        "password",
        "passwd",
        "pwd",
        "secret",
        "client_secret",
        "sig",
        "signature",
        "code",
        "id_token",
        "refresh_token",
        "session",
        "sessionid",
        "x-api-key",
        "subscription-key",
    }
)

_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
# A secret that shows up without a URL around it.
_BEARER = re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}")
_KEY_LIKE = re.compile(r"\b(?:sk|pk|rk|sess|ghp|gho|xox[abp])[-_][A-Za-z0-9_-]{16,}\b")
# NAME=value, NAME: value or NAME => value, where NAME names a secret ("password", "api_key",
# "SECRET_KEY", "Ocp-Apim-Subscription-Key", "client_secret", "auth_token"), its name quoted
# or not (JSON, a dict's repr), its value quoted (spaces and all) or one word (a word may hold
# "&": "Tr0ub4dor&3"; in a URL's query the pairs are split first). See ``_masked_value``.
_ASSIGNED = re.compile(
    r"(?i)(?<![\w-])(?P<q1>['\"]?)(?P<name>[\w-]*?(?:api[-_]?key|apikey|[-_]key|password|passwd|passphrase|pwd"
    r"|secret|token|signature|credentials?))(?P=q1)(?P<sep>\s*(?:=>|[=:])\s*)"
    r"(?:(?P<q2>['\"])(?P<quoted>(?:\\.|(?!(?P=q2)).)*)(?P=q2)?|(?P<word>[^\s'\",;}]+))"
)
# Names that mean a secret however they are used; a bare "secret" or "token" may open prose
# ("The brand's secret: less fragrance", "Token: the unit a model counts").
_PROSE_NAMES = frozenset({"secret", "token", "signature", "credential", "credentials"})
# A value that looks like a credential, not a word of prose: no space, six characters or more
# with a digit in it, or twelve or more.
_CREDENTIAL = re.compile(r"(?=[\w.~+/=&-]*\d)[\w.~+/=&-]{6,}|[\w.~+/=&-]{12,}")


# A parameter whose name has one of these words ("auth_token", "private_token",
# "access_key", "X-Amz-Signature") carries a secret too.
_SECRET_PARTS = frozenset(
    {"token", "key", "apikey", "secret", "password", "passwd", "pwd", "signature", "sig", "auth", "credential",
     "credentials", "session", "sessionid", "jwt", "bearer"}
)  # fmt: skip
_NORMAL_SECRET_PARAMS = frozenset(p.replace("-", "_") for p in _SECRET_PARAMS)
# name=value pairs of a query or a fragment, with & or ; between them.
_PAIR = re.compile(r"(^|[&;?#])([^=&;#?]+)=([^&;#]*)")
# A password in a URL's userinfo, found without parsing (a URL that urlsplit refuses).
_USERINFO = re.compile(r"(://[^/\s:@]*:)[^@\s/]+@")


def _is_secret_param(name: str) -> bool:
    normal = name.strip().lower().replace("-", "_")
    return normal in _NORMAL_SECRET_PARAMS or any(part in _SECRET_PARTS for part in normal.split("_"))


def _mask_pairs(text: str) -> str:
    """Each ``name=value`` of a query or fragment whose name carries a secret, masked."""
    return _PAIR.sub(lambda m: f"{m.group(1)}{m.group(2)}={MASK}" if _is_secret_param(m.group(2)) else m.group(), text)


def redact_url(url: str) -> str:
    """``url`` with its password and secret-looking query and fragment values masked
    (``&`` or ``;`` between them).

    Returns the URL unchanged when it carries no credential; never raises (a string that
    is not a URL comes back with the free-text rules applied, a userinfo password too).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return _redact_free(_USERINFO.sub(rf"\g<1>{MASK}@", url))
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user, sep, _password = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{host}" if sep else f"{MASK}@{host}" if _looks_secret(user) else f"{user}@{host}"
    query = _mask_pairs(parts.query) if "=" in parts.query else parts.query
    fragment = _mask_pairs(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def _looks_secret(user: str) -> bool:
    # A lone userinfo part ("https://KEY@host") is usually a token, not a user name.
    return len(user) >= 16 or bool(_KEY_LIKE.fullmatch(user))


def _redact_free(text: str) -> str:
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    text = _KEY_LIKE.sub(MASK, text)
    return _ASSIGNED.sub(_masked_value, text)


def _masked_value(m: re.Match[str]) -> str:
    """The assignment with its value masked, or as written when it is prose. After "=" or
    "=>", a quoted name (JSON), or a name that can only mean a secret ("password:",
    "POSTGRES_PASSWORD:", "x-api-key:"), any value is masked (quoted: whole). After ":" a
    bare "secret" or "token" masks its value only when it looks like a credential."""
    quote = m.group("q2") or ""
    value = m.group("quoted") if quote else m.group("word")
    config = ":" not in m.group("sep") or bool(m.group("q1")) or m.group("name").lower() not in _PROSE_NAMES
    if not config and (quote or not _CREDENTIAL.fullmatch(value or "")):
        return m.group()
    head = m.group()[: m.start("q2" if quote else "word") - m.start()]
    return f"{head}{quote}{MASK}{quote}"


def redact_text(text: str, *, secrets: tuple[str, ...] = ()) -> str:
    """``text`` with every URL credential, bearer token, key-shaped string and each of
    ``secrets`` (exact strings, e.g. the configured API key) replaced by ``***``.

    >>> redact_text("cannot reach redis://:hunter2@db:6379/0", secrets=())
    'cannot reach redis://:***@db:6379/0'
    """
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    text = _URL.sub(lambda m: redact_url(m.group()), text)
    return _redact_free(text)
