"""A bill's life across its git history, one module a concern: walk (reading the bill
across commits), provision (one provision's life), timeline (the log) and status
(where the bill stands). Imports neither Typer nor rich; never prints.
"""
