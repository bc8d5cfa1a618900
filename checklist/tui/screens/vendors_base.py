"""What the Vendors screen's parts (`vendors_claims`) may use of the screen.

`VendorScreen` is put together from mixins, one per responsibility, as the scoring screen is;
the mixins are plain classes at run time and see the screen through `VendorsBase`, which
names what the screen provides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from checklist.model.evaluation import Evaluation, Vendor
    from checklist.tui.live import ChecklistScreen
    from checklist.tui.record_edit import RecordEdit

    class VendorsBase(ChecklistScreen):
        @property
        def evaluation(self) -> Evaluation: ...

        @property
        def vendor(self) -> Vendor | None: ...

        def refresh_view(self) -> None: ...

        def _save(self, edit: RecordEdit, mine: str,
                  refused: Callable[[], None] | None = None,
                  then: Callable[[], None] | None = None) -> None: ...
else:
    VendorsBase = object
