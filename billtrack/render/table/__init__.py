"""Reporters of `billtrack table` (the comparative table), one module per format."""
