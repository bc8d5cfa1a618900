"""Building small bake-offs for the tests: an evaluation of three vendors against the tiny
rubric, four prompts and a text output from every vendor for every prompt."""

from __future__ import annotations

from pathlib import Path

from checklist.cli import main

REPO = Path(__file__).resolve().parents[2]
TINY_RUBRIC = REPO / "tests" / "data" / "tiny.yaml"
VENDORS = ("acme", "beta-corp", "gamma")
PROMPTS = ("p01", "p02", "p03", "p04")


def make_bakeoff(root: Path, *, outputs: bool = True, name: str = "ev") -> Path:
    folder = root / name
    assert main(["new", str(folder), "--rubric", str(TINY_RUBRIC), "--title", "Bake test",
                 "--vendor", "Acme", "--vendor", "Beta Corp", "--vendor", "Gamma",
                 "--context", "public=yes"]) == 0
    prompts = root / "prompts.txt"
    prompts.write_text("".join(f"Prompt number {k}\n" for k in range(1, len(PROMPTS) + 1)))
    assert main(["bakeoff", "init", str(folder), "--prompts", str(prompts), "--seed", "11",
                 "--task", "text-generation"]) == 0
    if outputs:
        for vendor in VENDORS:
            for prompt in PROMPTS:
                (folder / "bakeoff" / "outputs" / vendor / f"{prompt}.txt").write_text(
                    f"{vendor} answers {prompt}\n")
    return folder


def plan(folder: Path, *raters: str, extra: tuple[str, ...] = ()) -> None:
    args = ["bakeoff", "plan", str(folder), "--simulations", "100"]
    for rater in raters or ("ana", "bob"):
        args += ["--rater", rater]
    assert main([*args, *extra]) == 0
