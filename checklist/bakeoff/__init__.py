"""The team's own blind bake-off, inside an evaluation folder (`bakeoff/`): no UI here.

Prompts and settings (`bakeoff.yaml`), each vendor's outputs (files by convention under
`outputs/`, or rows imported from a manifest into `outputs.yaml`), a seeded balanced plan of
comparisons (`plan.yaml`), and one votes file per rater (`votes/<rater>.yaml`).

Front ends (the TUI judging screen, the local web page, the CLI) call:

- `checklist.bakeoff.judge.Judge`: one rater's blind session: `next_trial()`, `trial(id)`,
  `vote(...)`, `undo()`, `progress()`, `output_file(id)` for media, `others_votes()`;
- `checklist.bakeoff.folder.load_bakeoff` / `init_bakeoff`, `catalog.build_catalog`,
  `manifest.import_manifest`, `plan.make_plan` / `plan.write_plan`, `power.detectable_gap`,
  `status.bakeoff_status`, `votes.load_votes`, `votes.visible_votes`;
- `checklist.bakeoff.bradley_terry.fit` for ratings (issue 16 builds on it).

Only this package's `bradley_terry` and `power` modules import numpy/scipy, and nothing here
imports Textual, Jinja or a web stack (`tests/test_layering.py`).
"""
