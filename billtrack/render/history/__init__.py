"""Reporters of `billtrack log`, `history` and `status`: the shared wording, and one
module per format."""
