"""Reporters of `billtrack summary`, one module per format."""
