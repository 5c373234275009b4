"""Recording what happened: readings, consultations, proposals, decisions and parties.

Every write goes the same way. The record is built from a draft whose values were each
checked when it was made (`draft`), checked against the bill as it is on disk
(`workspace`), then with exactly the checks `billtrack validate` runs (`checks`), so
nothing real is touched before the record is known to be good. Only then is the file
created (atomic and create-only), tagged and committed (`transaction`); if a later step
fails, or Ctrl-C arrives, what this command made is removed again. Existing records are
never edited: a decision is a new event, and a party is appended to parties.yaml without
rewriting a byte of it (`parties`). The use cases are `reading`, `event` (consultations
and every other event that pins no text), `proposal` (new ones and decisions) and
`parties`.

The package returns what it did and never prints; it imports neither Typer nor rich,
never knows the CLI's option names (an error about one value names its field, and the
CLI words it), and reaches disk and git only through billtrack.store.
"""
