"""`python -m billtrack.validate.compiled`: regenerate the fast checks of the schemas."""

from __future__ import annotations

from billtrack.schemas import KINDS
from billtrack.validate.compiled import HERE, generated
from billtrack.validate.schema import draft7

for kind in KINDS:
    (HERE / f"{kind}.py").write_text(generated(kind, draft7(kind)), encoding="utf-8")
