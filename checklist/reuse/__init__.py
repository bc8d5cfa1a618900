"""Reuse across teams and over time: rubric diffs, upgrades, re-assessment diffs, spreadsheets.

Core logic only (no UI, no templates): the CLI, the TUI and the memo call these functions and
render the results their own way.
"""
