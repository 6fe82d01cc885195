#!/usr/bin/env python3
"""List every Rust function in src/ longer than a limit (tracker issue 17).

Scans src/**/*.rs, finds every `fn` with a body (free functions, methods in impl blocks,
default methods in traits, nested functions; any of `pub`, `pub(crate)`, `const`, `async`,
`unsafe`, `extern "C"` before `fn`; generics and where clauses spanning lines) and measures
it from the line of its `fn` keyword to the line of the brace that closes its body, both
included. Comments, strings (also raw and byte strings) and character literals are blanked
before matching, so braces or the word `fn` inside them do not count. Prints every function
longer than the limit as `path:line name length`, longest first, and exits 1 if there is
any, 0 otherwise.

Usage: scripts/function_lengths.py [--max N] [--all] [ROOT]
  --max N  the limit in lines (default 80)
  --all    print every function with its length, not only the long ones (exit code unchanged)
  ROOT     the repository root (default: the parent of this script's folder)
"""

import argparse
import re
import sys
from pathlib import Path

FN_RE_BLANKED = re.compile(r"(?<![A-Za-z0-9_])fn\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)")


def is_ident(ch):
    return ch.isalnum() or ch == "_"


def blank(text):
    """Return text with comments, string and char literals replaced by spaces (newlines kept)."""
    out = list(text)
    n = len(text)
    i = 0

    def wipe(a, b):
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            wipe(i, j)
            i = j
        elif c in "rb" and (i == 0 or not is_ident(text[i - 1])) and (
            m := re.match(r"(?:br|r)(#*)\"", text[i:i + 300])
        ):
            hashes = m.group(1)
            start = i + m.end()
            end = text.find('"' + hashes, start)
            end = n if end < 0 else end + 1 + len(hashes)
            wipe(i, end)
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            wipe(i, j + 1)
            i = j + 1
        elif c == "'":
            # A char literal ('x', '\n', '\u{7f}', '{') or a lifetime / label ('a, 'static).
            if nxt == "\\":
                j = text.find("'", i + 3)
                j = n if j < 0 else j
                wipe(i, j + 1)
                i = j + 1
            elif i + 2 < n and text[i + 2] == "'":
                wipe(i, i + 3)
                i += 3
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def body_span(blanked, start):
    """Offsets of the body's `{` and its closing `}` for the fn whose name ends at start.

    Returns None for a declaration without a body (a trait method ending in `;`).
    """
    n = len(blanked)
    depth = 0  # ( and [ nesting in the signature, so `[u8; 4]` does not end it
    i = start
    while i < n:
        c = blanked[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == ";" and depth == 0:
            return None
        elif c == "{" and depth == 0:
            break
        i += 1
    else:
        return None
    open_at = i
    level = 0
    while i < n:
        c = blanked[i]
        if c == "{":
            level += 1
        elif c == "}":
            level -= 1
            if level == 0:
                return open_at, i
        i += 1
    return None


def functions(path):
    """Yield (line, name, length) for every fn with a body in one file."""
    text = path.read_text(encoding="utf-8")
    blanked = blank(text)
    line_starts = [0]
    for k, ch in enumerate(blanked):
        if ch == "\n":
            line_starts.append(k + 1)

    def line_of(offset):
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    for m in FN_RE_BLANKED.finditer(blanked):
        span = body_span(blanked, m.end())
        if span is None:
            continue
        first = line_of(m.start())
        last = line_of(span[1])
        yield first, m.group(1), last - first + 1


def main():
    parser = argparse.ArgumentParser(description="List Rust functions in src/ over a length limit.")
    parser.add_argument("--max", type=int, default=80, help="the limit in lines (default 80)")
    parser.add_argument("--all", action="store_true", help="print every function with its length")
    parser.add_argument("root", nargs="?", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args()
    root = Path(args.root)
    src = root / "src"
    if not src.is_dir():
        print(f"function_lengths: no src/ folder under {root}", file=sys.stderr)
        return 2
    found = []
    for path in sorted(src.rglob("*.rs")):
        rel = path.relative_to(root).as_posix()
        for line, name, length in functions(path):
            found.append((rel, line, name, length))
    long_ones = [f for f in found if f[3] > args.max]
    shown = found if args.all else long_ones
    for rel, line, name, length in sorted(shown, key=lambda f: (-f[3], f[0], f[1])):
        print(f"{rel}:{line} {name} {length}")
    return 1 if long_ones else 0


if __name__ == "__main__":
    sys.exit(main())
