"""Issue 20 item 9: a vendor's impossible figure reads as the vendor's, not as our error
("win rate 367%" looked like a bug). Every front end prints a claim's figure through
`figure_text`: the TUI's claim line used its own `:g` copy (1500000000 read 1.5e+09)."""

from __future__ import annotations

from checklist.model.claim import Claim, figure_text

ODD = " (as published; a win rate is 0-100%)"


def claim(value: float | str, unit: str | None, metric: str = "") -> Claim:
    return Claim(text="a claim", metric=metric, value=value, unit=unit)  # type: ignore[arg-type]


def test_a_win_rate_over_100_percent_says_it_is_as_published() -> None:
    assert figure_text(claim(367, "win-rate")) == "367% win rate" + ODD
    assert figure_text(claim(62.35, "win-rate")) == "62.35% win rate"
    assert figure_text(claim(100, "win-rate")) == "100% win rate"
    assert figure_text(claim(-5, "win-rate")).endswith(ODD)
    assert figure_text(claim(367, "percent")) == "367%"  # "367% faster" is a possible claim


def test_the_tui_claim_line_prints_the_figure_as_the_memo_does() -> None:
    from checklist.tui.widgets.claims import claim_details

    assert claim_details(claim(367, "win-rate", "win rate")).startswith(
        "367% win rate" + ODD + " · ")
    assert claim_details(claim(1500000000, "score", "parameters")).startswith(
        "parameters 1500000000 · ")
    assert claim_details(claim(1250, None, "Elo")).startswith("Elo 1250 · ")
    assert claim_details(claim("top 3", "rank", "arena rank")).startswith("arena rank top 3 · ")
    assert claim_details(claim("", None)).startswith("run by: not stated")
