"""House rules that keep the app remappable and styled the same way everywhere."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.screen import Screen

import checklist.tui.screens
from checklist.tui.app import ChecklistApp


def _classes() -> list[type]:
    found: list[type] = [ChecklistApp]
    for info in pkgutil.iter_modules(checklist.tui.screens.__path__):
        module = importlib.import_module(f"checklist.tui.screens.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and hasattr(cls, "BINDINGS"):
                found.append(cls)
    return found


def test_every_binding_has_an_id_and_a_description():
    """Users remap keys by binding id (`keymap:` in the config); F1 shows the description."""
    for cls in _classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), f"{cls.__name__}: use Binding(..., id=...)"
            assert binding.id, f"{cls.__name__}: binding {binding.key!r} has no id"
            assert binding.description, f"{cls.__name__}: binding {binding.id} says nothing"


def test_binding_ids_are_unique_and_namespaced():
    seen: dict[str, str] = {}
    for cls in _classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            owner = seen.setdefault(binding.id, cls.__name__)
            assert owner == cls.__name__ or binding.id.startswith("dialog."), binding.id
            assert "." in binding.id, f"{binding.id}: name it <screen>.<what>"


def test_every_screen_has_its_own_stylesheet():
    """One .tcss per app or screen (DEFAULT_CSS only in reusable widgets)."""
    for cls in _classes():
        if isinstance(cls, type) and issubclass(cls, (Screen, ChecklistApp)):
            path = cls.__dict__.get("CSS_PATH")
            assert path, f"{cls.__name__} has no CSS_PATH"
            folder = Path(inspect.getfile(cls)).parent
            assert (folder / str(path)).is_file(), f"{cls.__name__}: {path} is missing"
            assert not cls.__dict__.get("DEFAULT_CSS"), f"{cls.__name__}: use its .tcss"


def test_no_screen_escapes_file_text_into_markup_strings():
    """File text reaches the screen through `checklist.tui.literal` (Content with the text
    inserted after parsing); `textual.markup.escape` leaves `[red`, `\\[` and a trailing
    backslash to be parsed, so nothing in the app uses it (see tests/tui/test_hostile_text)."""
    package = Path(inspect.getfile(ChecklistApp)).parent
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "markup import escape" not in source and "markup.escape(" not in source, path


def _stylesheet_scopes() -> dict[Path, set[str]]:
    """Each screen stylesheet and the type names its rules start with."""
    from textual.app import App
    from textual.css.model import SelectorType
    from textual.css.stylesheet import Stylesheet

    variables = App().get_css_variables()
    scopes: dict[Path, set[str]] = {}
    for cls in _classes():
        if not (isinstance(cls, type) and issubclass(cls, Screen)) or "CSS_PATH" not in vars(cls):
            continue
        path = Path(inspect.getfile(cls)).parent / str(cls.CSS_PATH)
        if path in scopes:
            continue
        sheet = Stylesheet(variables=variables)
        sheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
        sheet.parse()
        firsts = set()
        for rule in sheet.rules:
            for selector_set in rule.selector_set:
                first = selector_set.selectors[0]
                assert first.type == SelectorType.TYPE, (
                    f"{path.name}: a rule starts with {first.css!r}; start it with the screen's "
                    "type (`ScoringScreen #body`): stylesheets are global in Textual")
                firsts.add(first.name)
        scopes[path] = firsts
    return scopes


def test_no_two_screens_stylesheet_rules_collide():
    """Textual applies every loaded stylesheet to every screen: a `#body` rule in one
    screen's .tcss would restyle any other screen's `#body`. So each screen's rules start
    with the type of the screen(s) that load it (one type per file), and no two files share
    a type or scope one a subclass of the other, so a rule can only reach its own screens."""
    screens = {cls.__name__: cls for cls in _classes()
               if isinstance(cls, type) and issubclass(cls, Screen)}
    from checklist.tui.screens.dialogs import Dialog

    screens["Dialog"] = Dialog
    scopes = _stylesheet_scopes()
    scope_types: dict[Path, type] = {}
    for path, names in scopes.items():
        assert len(names) == 1, f"{path.name}: rules start with several types {sorted(names)}"
        (name,) = names
        assert name in screens, f"{path.name}: {name} is not one of our screens"
        scope_types[path] = screens[name]
    for path, scope in scope_types.items():
        for other_path, other in scope_types.items():
            if path != other_path:
                assert not issubclass(scope, other), (
                    f"{path.name} ({scope.__name__}) and {other_path.name} "
                    f"({other.__name__}): the rules of one reach the other's screens")
