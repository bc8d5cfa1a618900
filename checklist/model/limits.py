"""The length limits the models enforce, read from the models themselves.

A front end that takes text from a person (the TUI's input fields) stops at these limits
with a message, instead of accepting text that validation would refuse on save.
"""

from __future__ import annotations

from pydantic import BaseModel


def max_length(model: type[BaseModel], field: str) -> int:
    """The most characters `model.field` accepts (`Field(max_length=...)` or a
    `StringConstraints` type); a field without a limit is a mistake in the caller."""
    for item in model.model_fields[field].metadata:
        limit = getattr(item, "max_length", None)
        if isinstance(limit, int):
            return limit
    raise LookupError(f"{model.__name__}.{field} has no length limit")
