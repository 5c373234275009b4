"""Reporters of `billtrack diff`: the format-neutral view and one module per format."""
