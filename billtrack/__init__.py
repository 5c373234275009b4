"""billtrack: track a bill through parliament, provision by provision, with git as the store."""

__version__ = "0.1.0"
