"""Reporters of `billtrack validate`'s problems: text, json, github (workflow annotations)."""
