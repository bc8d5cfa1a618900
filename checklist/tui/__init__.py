"""The Textual front end: the only part of checklist that imports Textual.

Start it through `checklist.tui.app.make_app`, which the CLI and the tests share.
"""
