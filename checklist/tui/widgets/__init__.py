"""Reusable widgets; each keeps its own small DEFAULT_CSS."""
