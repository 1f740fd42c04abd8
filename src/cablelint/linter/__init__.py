"""Diagnostics and the checks that turn a parsed cable into them."""
