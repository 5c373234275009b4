"""Reporters: each renders a core result in one output format. Only reporters print."""
