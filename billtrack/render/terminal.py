"""Making file text safe for a terminal: control characters and escape sequences shown, not run."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, the line and paragraph
# separators (a line break to some programs, nothing to a terminal), and the bidi
# overrides that can make a line read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Text with every control character made visible (tabs and newlines kept)."""
    return _UNSAFE.sub(_escape, text)


def clean_line(text: str) -> str:
    """One line: also newlines made visible, so a message never spans lines."""
    return clean(text).replace("\r", "\\r").replace("\n", "\\n")
