"""Safe markdown: untrusted text (a model's answer, a request, an error) as markdown that
can load nothing, for a page or an exported document.

A model's answer is untrusted text: a markdown image in it (``![](http://host/pixel)``)
would make every viewer's browser fetch that URL (a tracking pixel, a request to an
internal host), raw HTML could do the same, and ``$...$`` turns prices into formulas.
:func:`safe_markdown` rewrites an answer so the markdown Streamlit renders keeps its
formatting (headings, lists, bold, tables, code) but has no image, no HTML, no link and
no math:

* images become ``[image: alt text, not loaded]`` and links become ``text (url)``,
  both plain text;
* in prose, every character that could open an image, a link, HTML, an autolink, a code
  span, a fence or math (``\\ [ ] < > ` $`` and runs of ``~~~``) is backslash-escaped;
* code is re-emitted by this module in a form whose bounds cannot be mistaken: inline
  code as a single-line span with a delimiter longer than any backtick run in it, fenced
  blocks with a fence longer than any backtick run inside.

So whatever the answer contains, the only unescaped constructs in the output are the
ones written here; a mistake in finding code costs a visible backslash, never a load.

>>> safe_markdown("Buy ![pixel](http://127.0.0.1:9/p.png) now: **$12** <img src=x>")
'Buy \\\\[image: pixel, not loaded\\\\] now: **\\\\$12** \\\\<img src=x\\\\>'
>>> safe_markdown("see [docs](https://example.com/a) and `a[0]`")
'see docs (https://example.com/a) and ` a[0] `'
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
# An inline image or link with an inline destination (one level of brackets in the text).
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(\s*<?([^()<>\s]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^()<>\s]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_REF_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:\[[^\[\]]*\])?")
_SPECIAL = set("\\[]<>`$")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _escape_prose(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCT:
            out.append(text[i : i + 2])  # already an escape: it yields a plain character
            i += 2
        elif ch == "~" and text.startswith("~~~", i):
            j = i
            while j < n and text[j] == "~":
                j += 1
            out.append("\\" + text[i:j])  # a run that could open a fence
            i = j
        else:
            out.append("\\" + ch if ch in _SPECIAL else ch)
            i += 1
    return "".join(out)


def _friendly(text: str) -> str:
    """Images and links as plain words (escaped afterwards like any prose)."""
    text = _IMAGE.sub(lambda m: f"[image: {m.group(1).strip() or 'no description'}, not loaded]", text)
    text = _REF_IMAGE.sub(lambda m: f"[image: {m.group(1).strip() or 'no description'}, not loaded]", text)
    return _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1), text)


def _longest_run(text: str, ch: str = "`") -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)


def _code_span(content: str) -> str:
    content = content.replace("\n", " ")  # one line: a line break could start a block
    if not content.strip():
        return _escape_prose("`" + content + "`")
    fence = "`" * (_longest_run(content) + 1)
    return f"{fence} {content} {fence}"


def _prose(text: str) -> str:
    """Escape a prose segment, re-emitting the code spans found in it (CommonMark's rule:
    a run of n backticks up to the next run of exactly n; a backslash escapes a backtick)."""
    out: list[str] = []
    plain: list[str] = []
    i, n = 0, len(text)

    def flush() -> None:
        if plain:
            out.append(_escape_prose(_friendly("".join(plain))))
            plain.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _PUNCT:
            # An escape: a literal backtick (escaped again below) or a pair kept as it is.
            plain.append("`" if text[i + 1] == "`" else text[i : i + 2])
            i += 2
            continue
        if ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            run = j - i
            close = re.compile(r"(?<!`)" + "`" * run + r"(?!`)")
            found = close.search(text, j)
            if found is None:
                plain.append(text[i:j])
                i = j
                continue
            flush()
            if out and out[-1].endswith("`"):
                out.append(" ")
            out.append(_code_span(text[j : found.start()]))
            i = found.end()
            continue
        plain.append(ch)
        i += 1
    flush()
    return "".join(out)


def safe_markdown(text: str) -> str:
    """``text`` (a model's answer) as markdown that loads nothing when rendered: no
    image, no raw HTML, no link, no math; formatting and code kept (see the module
    docstring). Never raises."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
            marker = match.group(2)
            closing = re.compile(r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
            end = next((k for k in range(i + 1, len(lines)) if closing.match(lines[k])), len(lines))
            body = "\n".join(lines[i + 1 : end])
            if prose:
                out.append(_prose("\n".join(prose)))
                prose = []
            fence = "`" * max(3, _longest_run(body) + 1)
            out.append(f"{fence}\n{body}\n{fence}" if body else f"{fence}\n{fence}")
            i = end + 1
            continue
        prose.append(lines[i])
        i += 1
    if prose:
        out.append(_prose("\n".join(prose)))
    return "\n".join(out)
