"""Where things live: the user's config folder, the bundled data, the search paths.

Everything that reads the environment is here, so tests can isolate a run by setting
`CHECKLIST_CONFIG_DIR`, `CHECKLIST_DATA_DIR` and the `*_PATH` variables instead of patching
functions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from pydantic import Field

from checklist.errors import ChecklistError
from checklist.files.atomic import write_atomic
from checklist.files.validate import to_model
from checklist.files.yamlio import dump_yaml, read_yaml
from checklist.model.common import Model

PACKAGE_DIR = Path(__file__).resolve().parent.parent
APP_NAME = "checklist"


def bundled_dir(name: str) -> Path:
    """`rubrics`, `templates` or `examples` as shipped: inside the wheel, or the source tree."""
    inside = PACKAGE_DIR / "_bundled" / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def config_dir() -> Path:
    """`CHECKLIST_CONFIG_DIR`, else the platform's user config folder (platformdirs: honours
    `XDG_CONFIG_HOME`, `~/.config/checklist` on Linux, `~/Library/Application Support` on
    macOS, `%LOCALAPPDATA%` on Windows)."""
    explicit = os.environ.get("CHECKLIST_CONFIG_DIR")
    if explicit:
        return Path(explicit).expanduser()
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Where the tool may create things of its own (a demo copy when the working folder is
    read-only, a recovery file when the evaluation's folders cannot take it): the user's
    data folder (platformdirs: `$XDG_DATA_HOME/checklist`, usually
    `~/.local/share/checklist`, on Linux), or `CHECKLIST_DATA_DIR`."""
    explicit = os.environ.get("CHECKLIST_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.yaml"


class UserConfig(Model):
    """What the tool remembers for a person between runs; safe to edit by hand."""

    rater: str | None = None
    theme: str | None = None
    recent: list[str] = Field(default_factory=list)
    keymap: dict[str, str] = Field(default_factory=dict)
    rubric_paths: list[str] = Field(default_factory=list)
    template_paths: list[str] = Field(default_factory=list)


def load_config() -> UserConfig:
    path = config_file()
    if not path.exists():
        return UserConfig()
    doc = read_yaml(path, what="config file")
    if doc.data is None:
        return UserConfig()
    return to_model(doc, UserConfig, what="config file")


def save_config(config: UserConfig) -> None:
    data = config.model_dump(exclude_defaults=True)
    header = "checklist user settings: safe to edit by hand"
    write_atomic(config_file(), dump_yaml(data, header=header))


@dataclass(frozen=True)
class Folder:
    """One folder on a search path, with a label saying where it came from."""

    label: str
    path: Path


def _env_folders(variable: str) -> list[Folder]:
    raw = os.environ.get(variable, "")
    return [Folder(variable, Path(p).expanduser()) for p in raw.split(os.pathsep) if p.strip()]


def _config_folders(paths: list[str], base: Path) -> list[Folder]:
    out = []
    for entry in paths:
        path = Path(entry).expanduser()
        out.append(Folder("team (config)", path if path.is_absolute() else base / path))
    return out


def search_path(
    kind: str, config: UserConfig | None = None, cwd: Path | None = None
) -> list[Folder]:
    """Folders for `rubrics` or `templates`, lowest priority first: later ones win by id.

    Order: bundled, installed packages that declare a folder as an entry point
    (`checklist.files.packages`), the user's own folder, team folders listed in the config
    file, the working folder's `./rubrics` (or `./templates`), then the environment variable.
    """
    from checklist.files.packages import package_folders

    if kind not in ("rubrics", "templates"):
        raise ValueError(kind)
    try:
        config = config if config is not None else load_config()
    except ChecklistError:
        config = UserConfig()  # a broken config must not hide the bundled rubrics
    cwd = cwd or Path.cwd()
    listed = config.rubric_paths if kind == "rubrics" else config.template_paths
    variable = "CHECKLIST_RUBRIC_PATH" if kind == "rubrics" else "CHECKLIST_TEMPLATE_PATH"
    return [
        Folder("bundled", bundled_dir(kind)),
        *(Folder(p.label, p.path) for p in package_folders(kind) if p.path is not None),
        Folder("user", config_dir() / kind),
        *_config_folders(listed, config_dir()),
        Folder(f"./{kind}", cwd / kind),
        *_env_folders(variable),
    ]
