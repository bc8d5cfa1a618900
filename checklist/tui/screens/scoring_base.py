"""What the scoring screen's parts (`scoring_answers`, `scoring_moves`) may use of the screen.

`ScoringScreen` is put together from mixins, one per responsibility: answering (the keys that
change this rater's answer) and moving (to another question, section or vendor). The mixins
are plain classes at run time (Textual builds only the screen itself); for the type checker
they see the screen through `ScoringBase`, which names what the screen provides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.tui.live import ChecklistScreen
    from checklist.tui.widgets.spot import Place, Spot

    class ScoringBase(Place, ChecklistScreen):
        vendor_index: int
        index: int
        #: Where the rater is, set again on every change of the answer.
        answered: Spot | None
        #: When the key being handled arrived (for the latency benchmark).
        _key_time: float | None
        #: A digit began a typed value whose field may not have the focus yet.
        _typing_value: bool

        def goto(self, vendor: str | None, index: int | None = None,
                 section: str | None = None) -> None: ...

        def show_answer(self) -> None: ...

        def hint(self, message: str, *, warn: bool = True) -> None: ...

        def _take_value(self, raw: str) -> None: ...

        def _leave_inputs(self) -> None: ...
else:
    ScoringBase = object
