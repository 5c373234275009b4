"""Reading a version of a bill's text from a document and keeping each provision's id.

`numbering` knows how parliaments label their provisions and containers, `formats`
turns a document (Markdown, plain text, DOCX, HTML, Akoma Ntoso, USLM) into a list of
`Unit`s, `matching` pairs them with the bill's provisions as one assignment, and `plan`
builds the provisions the bill will hold. Nothing here reads files or prints: the
caller passes bytes, and billtrack.record writes.
"""
