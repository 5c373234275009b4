"""Reporters: each writes a core result in one output format. Only reporters print.

One writer per medium holds what that medium needs to be safe: `text` (cleaning,
wrapping, styles), `json` (the only JSON writer), `html` (the only Jinja2 environment),
`markdown` (escaping). Each report family is a package with a format-neutral `view` and
one module per format; `reporters` is the registry the CLI picks from. A reporter never
imports another reporter or the registry, and never decides colour or reads the
environment: the CLI passes that down.
"""

# Characters that take no room at all: the zero-width space and joiners, the LRM, RLM and
# ALM marks, the word joiner and invisible operators, the zero-width no-break space.
# Every output shows them as escapes (text, Markdown, HTML, CSV) or \u escapes (JSON),
# so that two texts that look the same never read the same when they differ. A range
# for a regular expression's character class.
INVISIBLE = "\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff"
