"""Reporters: each writes a core result in one output format. Only reporters print.

One writer per medium holds what that medium needs to be safe: `text` (cleaning,
wrapping, styles), `json` (the only JSON writer), `html` (the only Jinja2 environment),
`markdown` (escaping). Each report family is a package with a format-neutral `view` and
one module per format; `reporters` is the registry the CLI picks from. A reporter never
imports another reporter or the registry, and never decides colour or reads the
environment: the CLI passes that down.
"""
