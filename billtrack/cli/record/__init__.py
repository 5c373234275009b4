"""The write commands: `reading record`, `consultation record`, `proposal new`,
`proposal decide` and `party add`.

Each command gathers its options (a missing required one is asked for on a terminal,
with the known parties, stages or proposals offered, and is exit 2 elsewhere), calls one
function of billtrack.record, and prints one line per thing done. Errors are raised, never
printed: the boundary in billtrack.cli turns them into one line and an exit code.
"""

# Importing the command modules registers their commands on the groups.
from billtrack.cli.record import events, parties, proposals  # noqa: F401
