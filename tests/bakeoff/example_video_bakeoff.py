"""Builds the worked example's small bake-off (`examples/ai-video-2026/bakeoff/`): fictional.

No media: each output is a one-line stand-in ("fictional stand-in for an 8 s clip"), so the
example stays small and the bake-off commands can still be tried on it. The votes are
simulated from Bradley-Terry strengths chosen to match the team's notes in
`bakeoff-2026-10.md` (usable first try: Seedance 66%, Kling 63%, Veo 58%, Runway 48%), with
a fixed seed, and each vote's note says "(fictional)". `tests/bakeoff/test_example.py`
rebuilds it and checks the committed files are exactly what this gives.

    cd tests && python -m bakeoff.example_video_bakeoff ../examples/ai-video-2026
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy.special import expit

from checklist.bakeoff.catalog import build_catalog
from checklist.bakeoff.folder import load_bakeoff
from checklist.bakeoff.manifest import import_manifest
from checklist.bakeoff.plan import PlanRequest, make_plan, plan_text
from checklist.bakeoff.votes import VoteFile
from checklist.files.atomic import write_atomic

SEED = 20261020
RATERS = ("Marco Bianchi", "Priya Raman")
#: Elo-like strengths (400-point logistic scale): the fictional truth behind the votes.
STRENGTHS = {"seedance-2": 60.0, "kling-3": 40.0, "veo-3-1": 0.0, "runway": -100.0}
TIE = 0.12
PROMPTS = [
    ("sneaker-drop", "text-to-video", "A runner laces new trail shoes at dawn; slow push-in, "
     "9:16, 8 s, no text on screen."),
    ("two-baristas", "text-to-video", "Two baristas hand each other a cup across the counter "
     "and laugh; both faces stay consistent."),
    ("price-card", "text-to-video", "A kitchen scene ends on the on-screen text 'From $49' "
     "spelled correctly, 16:9."),
    ("spin-bottle", "text-to-video", "A steel water bottle spins fast on a turntable; the logo "
     "stays legible."),
    ("rain-street", "text-to-video", "A courier cycles through a rainy street at night, neon "
     "reflections, handheld camera."),
    ("kids-picnic", "text-to-video", "A family picnic with a dog catching a frisbee; natural "
     "motion, no extra limbs."),
    ("desk-setup", "text-to-video", "Top-down timelapse of a desk being tidied, products "
     "placed one by one."),
    ("voice-line", "text-to-video", "A presenter says 'Free returns for 30 days' to camera; "
     "lips match the audio."),
    ("lamp-shot", "image-to-video", "Animate our product shot of the desk lamp: the light "
     "switches on, slow orbit. (The input image is not part of the example.)"),
    ("chair-shot", "image-to-video", "Animate our product shot of the office chair: it "
     "rotates 180 degrees. (The input image is not part of the example.)"),
    ("mug-shot", "image-to-video", "Animate our product shot of the mug: steam rises, camera "
     "pulls back. (The input image is not part of the example.)"),
    ("jacket-shot", "image-to-video", "Animate our product shot of the rain jacket: wind moves "
     "the fabric. (The input image is not part of the example.)"),
]


def build(folder: Path) -> None:
    """Writes bakeoff/ into the evaluation `folder` (which must not have one yet)."""
    bakeoff_dir = folder / "bakeoff"
    bakeoff_dir.mkdir()
    lines = ["# checklist bake-off: the team's own blind test of the evaluation's vendors.",
             "# FICTIONAL: part of the worked example; no media, every vote simulated.",
             "title: Ad briefs bake-off, October 2026 (fictional)",
             f"seed: {SEED}", "vendors:"]
    lines += [f"- {vendor}" for vendor in STRENGTHS]
    lines += ["reasons:", "- follows-prompt", "- quality", "- consistency", "- artifacts",
              "- text-and-audio", "prompts:"]
    for pid, task, text in PROMPTS:
        lines += [f"- id: {pid}", f"  text: {json.dumps(text)}", f"  task: {task}"]
    write_atomic(bakeoff_dir / "bakeoff.yaml", "\n".join(lines) + "\n")
    bakeoff = load_bakeoff(folder)
    with tempfile.TemporaryDirectory() as scratch:
        manifest = Path(scratch) / "outputs.jsonl"
        rows = [json.dumps({"vendor": vendor, "prompt": pid, "ok": True,
                            "text": f"(fictional) stand-in for {vendor}'s 8 s clip of "
                                    f"'{pid}'; the example has no media"})
                for vendor in STRENGTHS for pid, _, _ in PROMPTS]
        manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
        import_manifest(bakeoff, manifest)
    bakeoff = load_bakeoff(folder)
    plan = make_plan(bakeoff, build_catalog(bakeoff),
                     PlanRequest(list(RATERS), SEED, overlap=2))
    write_atomic(bakeoff_dir / "plan.yaml", plan_text(plan))
    bakeoff = load_bakeoff(folder)
    rng = np.random.default_rng(SEED)
    start = dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC)
    by_id = {c.id: c for c in plan.comparisons}
    for rater in RATERS:
        file = VoteFile.open(bakeoff, plan, rater)
        queue = plan.queues[file.rater]
        for step, comparison in enumerate(queue):
            planned = by_id[comparison]
            left = STRENGTHS[plan.outputs[planned.left].vendor]
            right = STRENGTHS[plan.outputs[planned.right].vendor]
            p_left = expit((left - right) * np.log(10) / 400)
            draw = rng.random()
            verdict = ("tie" if draw < TIE else
                       "left" if rng.random() < p_left else "right")
            file.cast(comparison, verdict, note="(fictional) simulated vote",
                      at=start + dt.timedelta(minutes=2 * step))


if __name__ == "__main__":
    build(Path(sys.argv[1]))
