"""The journalist's change summary, as data: records.py says what a summary holds,
build.py builds one from a comparison, naming.py names versions, parties, provisions
and events in words (the comparative table, billtrack.table, names them the same way).

A summary is deterministic, generated from the data alone, with every label and
sentence in the requested language (billtrack.i18n); file text is kept as written, for
each reporter to escape. Nothing here prints, and neither Typer nor rich is imported.

Rules the output follows:
- The window is diff's (diff.Window.holds): an event belongs to it when its date (a
  partial date, as an interval) overlaps [old side's date, new side's date], the
  working tree being open.
- A dropped provision is "replaced by" an added one when the data links them: the
  diff carried it over under another id (a rename), or some event in the window names
  both (in its `provisions` or by deciding proposals about both) and the added one
  takes the dropped one's place (it follows the same surviving provision, or its `add`
  proposal names the dropped one as `after`). The place condition keeps unrelated
  changes decided at one sitting from being presented as replacements.
- Each party's stance is its latest position in the window's events, in the order
  they happened (in_timeline_order).
- Sources are every `sources` entry of the proposals and events the summary shows,
  deduplicated, in the order the summary first shows them.
- Provision and proposal text is shown in the output language when the text has it,
  else in the bill's primary language.
"""
