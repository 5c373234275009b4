"""Reporters of `billtrack show`: the view and one module per format."""
