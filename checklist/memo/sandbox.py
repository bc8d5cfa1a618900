"""Jinja's immutable sandbox, with a bound on how big anything a template builds can get.

The sandbox keeps templates away from Python internals, but not from building huge values
with ordinary tools: `'x'.center(900000000)`, `"%0900000000d"|format(1)`,
`"{:>900000000}".format(1)` or a chain of `replace` each ask for gigabytes in one step, and
`**` or `*` on big numbers for minutes of CPU. The render's memory budget would stop them
(`checklist.memo.budget`), but only once the machine has handed the memory over, and at a
line that says "out of memory" rather than what went wrong. So every way a template makes
a value is bounded here, with `TooLarge` at the template's line:

- **Every filter and every method call**: the arguments and the result are measured (length
  of a text, list or mapping) and refused over `max_chars`. Where the size can be known
  before the work (the padding and repeating ones: `center`, `ljust`, `rjust`, `zfill`,
  `expandtabs`, `indent`, `wordwrap`, `replace`, `join`, `slice`, `sum`), it is estimated
  from the arguments and refused before anything is built.
- **Format strings** (`%`, the `format` filter, `str.format`, `format_map`): a width or
  precision over the limit is refused before formatting.
- **`**` and `*`**: integer results are bounded by size, estimated from the operands before
  computing (`a ** b` has about `a.bit_length() * b` bits, `a * b` about the sum of theirs),
  and a repeated text or list by its length. Nothing a memo needs comes close (2**10, 10**100
  are fine).
- **What accumulates**: a `namespace` attribute, a macro's or `{% set %}` block's output and
  the rendered memo itself are measured as they are stored or joined.

`max_chars` comes from the memory budget (`Budget.max_chars`); `~` (concatenation) is the
one operator Jinja does not let a sandbox intercept, so its result is measured where it is
next used, stored or printed.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from jinja2.sandbox import (  # type: ignore[attr-defined]
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    SecurityError,
)
from jinja2.utils import Namespace
from markupsafe import Markup

from checklist.memo.budget import CHARS_PER_MB, MB_VARIABLE


class TooLarge(SecurityError):
    """A value a template builds, or the memo, would be longer than the budget allows."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """`ImmutableSandboxedEnvironment` where no value outgrows `max_chars` (see the module)."""

    intercepted_binops = frozenset({"**", "*", "%"})
    MAX_EXPONENT = 256
    MAX_INT_BITS = 100_000
    MAX_REPEAT = 1_000_000

    def __init__(self, *args: Any, max_chars: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars
        self.globals["namespace"] = type("Namespace", (_BoundedNamespace,),
                                         {"environment": self})
        # Placeholder text has no place in a memo, and `lipsum(n)` is a loop of n paragraphs.
        self.globals.pop("lipsum", None)

    def bound_filters(self) -> None:
        """Wraps every filter (call once the filters are all in) so its size is checked."""
        self.filters = {name: _bounded_filter(self, name, function)
                        for name, function in self.filters.items()}

    # --- sizes ---------------------------------------------------------------------------

    def check(self, size: int, what: str, unit: str = "characters") -> None:
        """Refuses `what` when `size` (characters, or items of a list) is over the limit."""
        if size > self.max_chars:
            raise self.too_large(size, what, unit)

    def too_large(self, size: int, what: str, unit: str = "characters") -> TooLarge:
        return TooLarge(
            f"{what} would be {size:,} {unit} long, over the limit of {self.max_chars:,} "
            f"({CHARS_PER_MB:,} per MB of the memory budget; raise {MB_VARIABLE} for a memo "
            "this large)"
        )

    def checked(self, value: Any, what: str) -> Any:
        self.check(_size(value), what, "characters" if isinstance(value, str) else "items")
        return value

    def check_arguments(self, args: Iterable[Any], kwargs: Mapping[str, Any],
                        what: str) -> None:
        for value in (*args, *kwargs.values()):
            self.checked(value, f"an argument of {what}")

    # --- operators, calls, format strings --------------------------------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_product(left, right)
        elif operator == "%" and isinstance(left, str):
            self.check(_printf_size(left, right), "this '%' format")
        result = super().call_binop(context, operator, left, right)
        return self.checked(result, f"the result of '{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        what = f"{getattr(__obj, '__name__', 'this call')}()"
        __self.check_arguments(args, kwargs, what)
        estimate = _METHOD_SIZES.get(what[:-2]) if _is_str_method(__obj) else None
        if estimate is not None:
            __self.check(estimate(__obj.__self__, args, kwargs), what)
        result = super().call(__context, __obj, *args, **kwargs)
        return __self.checked(result, f"the result of {what}")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map` with the sandbox's formatter, whose every field is
        refused when its width or precision is over the limit (Jinja's own, plus the check)."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or \
                value.__name__ not in ("format", "format_map"):
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        formatter: SandboxedFormatter
        if isinstance(text, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=text.escape)
        else:
            formatter = _BoundedFormatter(self)
        str_type = type(text)
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return str_type(formatter.vformat(text, (), args[0]))
            return str_type(formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(wrapper, value)

    def concat(self, chunks: Iterable[str]) -> str:
        """Joins output (a macro's, a `{% set %}` block's, the memo's) once it fits."""
        parts = list(chunks)
        self.check(sum(map(len, parts)), "this output")
        return "".join(parts)

    # --- arithmetic --------------------------------------------------------------------

    def _check_power(self, left: Any, right: Any) -> None:
        if isinstance(right, int | float) and abs(right) > self.MAX_EXPONENT:
            raise TooLarge(f"exponent {right} is too large (limit {self.MAX_EXPONENT})")
        if _is_int(left) and _is_int(right) and right > 0:
            bits = max(1, abs(left).bit_length()) * right
            if bits > self.MAX_INT_BITS:
                raise TooLarge(f"a power with about {bits} bits is too large (limit "
                               f"{self.MAX_INT_BITS} bits)")

    def _check_product(self, left: Any, right: Any) -> None:
        if _is_int(left) and _is_int(right):
            bits = abs(left).bit_length() + abs(right).bit_length()
            if bits > self.MAX_INT_BITS:
                raise TooLarge(f"a product with about {bits} bits is too large (limit "
                               f"{self.MAX_INT_BITS} bits)")
            return
        for seq, count in ((left, right), (right, left)):
            if (isinstance(seq, str | list | tuple) and isinstance(count, int)
                    and len(seq) * count > self.MAX_REPEAT):
                raise TooLarge(f"repeating a value {count} times is too large")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)


def _size(value: Any) -> int:
    """What a value costs, as the limit counts it: the length of a text or a collection."""
    return len(value) if isinstance(value, _SIZED) else 0


def _is_str_method(obj: Any) -> bool:
    return isinstance(obj, types.BuiltinMethodType) and isinstance(obj.__self__, str)


# --- what a call will make, from its arguments ------------------------------------------------

Estimate = Callable[[Any, Sequence[Any], Mapping[str, Any]], int]


def _arg(args: Sequence[Any], kwargs: Mapping[str, Any], index: int, name: str,
         default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _number(value: Any) -> int:
    return value if _is_int(value) else 0


def _text_length(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


def _padded(name: str) -> Estimate:
    def size(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
        return max(_text_length(value), _number(_arg(args, kwargs, 0, name, 0)))
    return size


def _replaced(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    text = value if isinstance(value, str) else str(value)
    old = str(_arg(args, kwargs, 0, "old", ""))
    new = str(_arg(args, kwargs, 1, "new", ""))
    count = _arg(args, kwargs, 2, "count", None)
    found = text.count(old) if old else len(text) + 1
    if _is_int(count) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


def _expanded(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    text = str(value)
    return len(text) + text.count("\t") * _number(_arg(args, kwargs, 0, "tabsize", 8))


def _indented(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    text = value if isinstance(value, str) else str(value)
    width = _arg(args, kwargs, 0, "width", 4)
    step = len(width) if isinstance(width, str) else _number(width)
    return len(text) + (text.count("\n") + 1) * step


def _wrapped(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    text = value if isinstance(value, str) else str(value)
    width = max(1, _number(_arg(args, kwargs, 0, "width", 79)))
    wrap = _arg(args, kwargs, 2, "wrapstring", None)
    breaks = len(text) // width + text.count(" ") + 1
    return len(text) + breaks * (len(wrap) if isinstance(wrap, str) else 1)


def _joined(separator: Any, items: Any) -> int:
    if not isinstance(items, list | tuple):
        return 0  # an iterator: its result is measured after the call
    separators = len(str(separator)) * len(items)
    return separators + sum(len(item) for item in items if isinstance(item, str))


def _joined_filter(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    return _joined(_arg(args, kwargs, 0, "d", ""), value)


def _joined_method(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    return _joined(value, _arg(args, kwargs, 0, "iterable", ()))


def _sliced(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    return _number(_arg(args, kwargs, 0, "slices", 0))


def _summed(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    if not isinstance(value, list | tuple):
        return 0
    start = _arg(args, kwargs, 1, "start", 0)
    return _size(start) + sum(map(_size, value))


def _printf(value: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> int:
    return _printf_size(value, kwargs or tuple(args)) if isinstance(value, str) else 0


_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _printf_size(text: str, values: Any) -> int:
    """At least how long `text % values` is, from the widths and precisions it asks for."""
    stars = [v for v in (values if isinstance(values, tuple) else (values,)) if _is_int(v)]
    total = len(text)
    for field in _PRINTF_FIELD.finditer(text):
        for part in field.groups():
            if part == "*":
                total += max(stars, default=0)
            elif part:
                total += int(part)
    return total


#: str methods whose result can be far longer than their inputs, by name.
_METHOD_SIZES: dict[str, Estimate] = {
    "center": _padded("width"),
    "ljust": _padded("width"),
    "rjust": _padded("width"),
    "zfill": _padded("width"),
    "expandtabs": _expanded,
    "replace": _replaced,
    "join": _joined_method,
}

#: Filters whose result can be far longer than their inputs, by name.
_FILTER_SIZES: dict[str, Estimate] = {
    "center": _padded("width"),
    "indent": _indented,
    "wordwrap": _wrapped,
    "replace": _replaced,
    "join": _joined_filter,
    "format": _printf,
    "slice": _sliced,
    "sum": _summed,
}


def _bounded_filter(env: BoundedSandbox, name: str,
                    function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a filter), with its arguments, its expected size and its result checked.

    Filters marked `pass_context` / `pass_eval_context` / `pass_environment` get that
    object first; the wrapper keeps the mark (`functools.wraps` copies it)."""
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0
    estimate = _FILTER_SIZES.get(name)
    what = f"the filter '{name}'"

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
        env.check_arguments(rest, kwargs, what)
        if estimate is not None:
            env.check(estimate(value, rest, kwargs), what,
                      "items" if name == "slice" else "characters")
        return env.checked(function(*args, **kwargs), f"the result of {what}")

    return bounded


class _BoundedNamespace(Namespace):
    """`namespace()`, refusing an attribute value over the limit (a loop that doubles
    `ns.text` would otherwise grow it until memory runs out)."""

    environment: BoundedSandbox

    def __setitem__(self, name: str, value: Any) -> None:
        type(self).environment.checked(value, f"the namespace value '{name}'")
        super().__setitem__(name, value)


class _SpecCheck:
    """A format field's width or precision over the limit is refused before formatting."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        env: BoundedSandbox = self._env  # type: ignore[attr-defined]
        for digits in re.findall(r"\d+", format_spec):
            number = int(digits) if len(digits) <= 12 else 10**12
            env.check(number, f"the format field '{{:{format_spec[:20]}}}'")
        return super().format_field(value, format_spec)  # type: ignore[misc]


class _BoundedFormatter(_SpecCheck, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_SpecCheck, SandboxedEscapeFormatter):
    pass

