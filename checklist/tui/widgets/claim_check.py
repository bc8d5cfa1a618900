"""The bake-off's claim check on the compare screen: each comparative vendor claim against our
own blind votes, with its verdict, both numbers, the detectable gap and an interval bar.

The numbers come from `checklist.memo.claim_check_view.claim_check`, the one computation the
memo and `checklist bakeoff results` use, so the three always agree. Rating the bake-off
bootstraps the votes (about 2 s on the worked example), so it runs in a child process, not a
thread: importing numpy and scipy in a thread held the interpreter's lock for seconds on
end, and a key on the compare screen waited up to 4 s for it. The child reads the
evaluation from disk; the result is kept until evaluation.yaml or a bake-off file changes.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from textual import work
from textual.content import Content
from textual.widgets import Static

from checklist.memo.appendix_types import ClaimCheckRow, ClaimCheckView
from checklist.tui.literal import lines, literal, markup

TITLE = "[b]Claims versus our own test[/b]"
PENDING = "Checking the vendors' claims against our bake-off…"
#: Cells of the bar from 0% to 100%: with its labels it fits 80 columns.
BAR_WIDTH = 41
#: The bake-off files whose change means the check must be made again.
WATCHED = ("evaluation.yaml", "bakeoff/*.yaml", "bakeoff/votes/*")

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(folder: Path) -> Fingerprint:
    """What the check depends on: the evaluation (its claims) and the bake-off's files."""
    stamps = []
    for pattern in WATCHED:
        for path in sorted(folder.glob(pattern)):
            try:
                info = path.stat()
            except OSError:
                continue
            stamps.append((str(path.relative_to(folder)), info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def interval_bar(row: ClaimCheckRow, width: int = BAR_WIDTH) -> tuple[str, str]:
    """Our interval as a bar from 0% to 100% with our estimate (●), the 50% line (┼), and
    under it a ▲ at the claimed win probability: readable without colour."""
    def at(p: float) -> int:
        return round(min(max(p, 0.0), 1.0) * (width - 1))

    cells = ["─"] * width
    low, high = at(row.low_p), at(row.high_p)
    for x in range(low, high + 1):
        cells[x] = "━"
    cells[at(0.5)] = "┼"  # inside the interval too: whether it holds 50% is the question
    cells[low], cells[high] = "[", "]"
    cells[at(row.ours_p)] = "●"
    bar = f"0% {''.join(cells)} 100%"
    claimed = 3 + at(row.claimed_p)
    label = f"claimed {row.claimed}"
    if claimed + 2 + len(label) > len(bar) and claimed > len(label):
        return bar, " " * (claimed - len(label) - 1) + label + " ▲"  # no room to the right
    return bar, " " * claimed + "▲ " + label


def claim_check_content(view: ClaimCheckView | None) -> Content:
    """The check in words and bars; everything from a file enters as plain text."""
    if view is None:
        return Content("")
    rows = [markup(TITLE), literal(view.headline)]
    for row in view.rows:
        bar, under = interval_bar(row)
        rows += [
            Content(""),
            markup("[b]$verdict[/b]  $vendor: “$claim”", verdict=row.verdict.upper(),
                   vendor=row.vendor, claim=row.claim.strip()),
            markup("  $pair", pair=row.pair),
            markup("  claimed $claimed · ours $ours", claimed=row.claimed, ours=row.ours),
            markup("  $bar", bar=bar),
            markup("  $under", under=under),
            markup("  detectable gap $detect$remark", detect=row.detectable,
                   remark=f" · {row.remark}" if row.remark else ""),
        ]
    if view.rows:
        rows.append(markup("[dim]● ours · [━━━] its 95% interval · ┼ 50% (no preference) · "
                           "▲ what the claim implies[/dim]"))
    if view.not_checked:
        rows += [Content(""),
                 markup(f"[b]Not checked by the bake-off[/b] ({len(view.not_checked)}):")]
        rows += [markup("  - $vendor: “$claim”: $why", vendor=n.vendor,
                        claim=n.claim.strip(), why=n.why) for n in view.not_checked]
    if view.rows:
        rows.append(markup("[dim]inconclusive means our votes cannot tell; the detectable gap "
                           "says what they could have seen[/dim]"))
    return lines(rows)


class ClaimCheckPanel(Static):
    """Hidden while the evaluation has no bake-off; `check` fills it in a worker."""

    # Its rule is in compare.tcss: a DEFAULT_CSS would make Textual parse the stylesheet
    # again when the compare screen first shows.

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False
        self._shown: Fingerprint | None = None
        self._pending: Fingerprint | None = None
        #: What the panel shows once the worker is done (None: no bake-off), for tests.
        self.view: ClaimCheckView | None = None

    def check(self, folder: Path) -> None:
        """Shows the check of `folder`'s bake-off; made again only when something changed."""
        from checklist.bakeoff.folder import has_bakeoff

        if not has_bakeoff(folder):
            self.display = False
            self.view, self._shown, self._pending = None, None, None
            return
        stamp = fingerprint(folder)
        if stamp in (self._shown, self._pending):
            return  # shown already, or being checked: no second child for the same files
        self._pending = stamp
        self.display = True
        if self.view is None:
            self.update(lines([markup(TITLE), markup("[dim]$pending[/dim]", pending=PENDING)]))
        self._check(folder, stamp)

    @work(exclusive=True, group="claim-check")
    async def _check(self, folder: Path, stamp: Fingerprint) -> None:
        try:
            view = await _in_child(folder)
        except Exception as exc:  # a broken bake-off file must not take the screen down
            self._pending = None
            self.update(lines([markup(TITLE),
                               markup("Could not check the claims: $why", why=str(exc))]))
            return
        if self._pending != stamp:
            return  # a newer check is on its way
        self.view, self._shown, self._pending = view, stamp, None
        self.update(claim_check_content(view))


async def _in_child(folder: Path) -> ClaimCheckView | None:
    """`claim_check` of the evaluation on disk, in a fresh interpreter
    (`checklist.tui.claim_check_child`); a thread only waits for it."""
    from checklist.tui.claim_check_child import view_from

    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "checklist.tui.claim_check_child", str(folder)],
        capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit status {done.returncode}")
    return view_from(done.stdout)
