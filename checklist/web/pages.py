"""The judging page's HTML, server-rendered.

Every text that comes from a file or a person (prompt, text outputs, reason tags, the rater's
name) goes through markupsafe's `Markup.format`, which escapes whatever is not itself
`Markup`: one choke point, no hand-written escaping. Text sits in `<bdi>`/isolated blocks
so a bidi override in an output cannot reorder the page around it.

What the page may name: the prompt (id, task, text, input asset), the comparison id, the
opaque output ids (in media URLs) and the rater. Never a vendor, an output's path or name:
the `Trial` this is built from carries none.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from checklist.bakeoff.judge import BlindOutput, BlindPrompt, Progress, Trial
from checklist.bakeoff.keys import REASON_KEYS, UNDO_KEY, VERDICT_KEYS

#: Notices after a redirect (`/?notice=...`): fixed texts, never text from a request.
NOTICES: dict[str, str] = {
    "voted": "Vote recorded. Press u to take it back.",
    "undone": "Your last vote was taken back; judge it again.",
    "nothing-to-undo": "There is no vote to take back.",
    "refused": ("That vote was not recorded: the votes file or the plan changed meanwhile "
                "(another window?). The terminal running `checklist bakeoff serve` says what "
                "happened. This page shows where you are now."),
    "bad-request": "That request was not understood; nothing was recorded.",
}

KEY_NAMES = {"ArrowLeft": "←", "ArrowRight": "→"}


def _page(title: str, body: Markup) -> str:
    return str(Markup(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"same-origin\">\n"
        "<title>{}</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/judge.css\">\n"
        "<script src=\"/static/judge.js\" defer></script>\n"
        "</head>\n<body>\n{}</body>\n</html>\n").format(title, body))


def _header(rater: str, progress: Progress, notice: str | None) -> Markup:
    text = NOTICES.get(notice or "")
    shown = Markup('<p class="notice" role="status">{}</p>\n').format(text) if text else ""
    return Markup(
        '<header>\n<h1>Blind bake-off</h1>\n'
        '<p class="progress"><span id="progress">{} of {}</span> judged '
        '<progress value="{}" max="{}"></progress></p>\n'
        '<p class="rater">judging as <bdi>{}</bdi></p>\n</header>\n{}'
    ).format(progress.done, progress.total, progress.done, max(progress.total, 1), rater, shown)


def trial_page(trial: Trial, rater: str, reasons: list[str], notice: str | None) -> str:
    body = Markup("{}{}{}{}{}{}").format(
        _header(rater, trial.progress, notice),
        _prompt(trial.prompt),
        _outputs(trial.left, trial.right),
        _vote_form(trial.comparison, reasons),
        _undo_form(),
        _help(reasons, videos="video" in (trial.left.kind, trial.right.kind)),
    )
    return _page(f"Judging {trial.progress.done + 1} of {trial.progress.total}", body)


def done_page(progress: Progress, rater: str, notice: str | None) -> str:
    if progress.total == 0:
        message = Markup("<p>Your share of the plan is empty: there is nothing to judge.</p>")
    else:
        message = Markup(
            "<p>Your share is done: {} of {} comparisons judged. Thank you.</p>\n"
            "<p>You can close this page and stop the server with Ctrl+C in its terminal.</p>"
        ).format(progress.done, progress.total)
    body = Markup('{}<main class="done">\n<h2>Done</h2>\n{}\n</main>\n{}').format(
        _header(rater, progress, notice), message, _undo_form() if progress.done else "")
    return _page("Judging done", body)


def error_page() -> str:
    body = Markup(
        "<header>\n<h1>Blind bake-off</h1>\n</header>\n<main>\n<h2>Something is wrong with "
        "the bake-off's files</h2>\n<p>The terminal running <code>checklist bakeoff serve"
        "</code> says what and what to do. Fix it, then reload this page.</p>\n</main>\n")
    return _page("Bake-off: a problem", body)


def _prompt(prompt: BlindPrompt) -> Markup:
    tags = Markup("").join(Markup('<span class="tag">{}</span>').format(t) for t in prompt.tags)
    text = (Markup('<div class="prompt-text user-text">{}</div>\n').format(prompt.text)
            if prompt.text.strip() else Markup(""))
    asset = Markup("")
    if prompt.input_kind is not None:
        url = f"/input/{prompt.id}"
        asset = Markup('<div class="input"><h3>Input</h3>{}</div>\n').format(
            _media(prompt.input_kind, url, "the prompt's input", synced=False))
    return Markup(
        '<section class="prompt">\n<h2>Prompt <span class="prompt-id">{}</span> '
        '<span class="task">{}</span> {}</h2>\n{}{}</section>\n'
    ).format(prompt.id, prompt.task, tags, text, asset)


def _outputs(left: BlindOutput, right: BlindOutput) -> Markup:
    videos = sum(1 for o in (left, right) if o.kind == "video")
    controls = Markup(
        '<div class="player" id="player">\n'
        '<button type="button" id="play">Play both <kbd>space</kbd></button>\n'
        '<input type="range" id="seek" min="0" max="1000" value="0" step="1" '
        'aria-label="position in both videos">\n'
        '<span id="clock">0.0 s</span>\n'
        '<button type="button" id="sound">Sound: off <kbd>m</kbd></button>\n'
        '</div>\n') if videos else Markup("")
    return Markup(
        '<section class="outputs">\n{}{}</section>\n{}'
    ).format(_side("A", left), _side("B", right), controls)


def _side(label: str, output: BlindOutput) -> Markup:
    return Markup(
        '<figure class="side" id="side-{}">\n<figcaption>{}</figcaption>\n{}\n</figure>\n'
    ).format(label.lower(), label, _output(output, label))


def _output(output: BlindOutput, label: str) -> Markup:
    if output.kind == "failed":
        return Markup('<p class="failed">No output: the request failed.</p>')
    if output.kind == "text":
        return Markup('<pre class="text user-text" tabindex="0">{}</pre>').format(
            output.text or "")
    return _media(output.kind, f"/media/{output.id}", f"output {label}", synced=True)


def _media(kind: str, url: str, alt: str, *, synced: bool) -> Markup:
    if kind == "image":
        return Markup('<img src="{}" alt="{}">').format(url, alt)
    if kind == "audio":
        return Markup('<audio src="{}" controls preload="auto"></audio>').format(url)
    if kind == "video":
        if synced:  # one control drives both sides (judge.js)
            return Markup('<video class="synced" src="{}" muted loop playsinline '
                          'preload="auto"></video>').format(url)
        return Markup('<video src="{}" controls muted loop playsinline preload="metadata">'
                      '</video>').format(url)
    return Markup('<a href="{}">open the {}</a>').format(url, alt)


def _vote_form(comparison: str, reasons: list[str]) -> Markup:
    buttons = Markup("").join(
        Markup('<button type="submit" name="verdict" value="{}" data-keys="{}">'
               '{} <kbd>{}</kbd></button>\n').format(
            k.verdict, " ".join((k.key, *k.aliases)), k.label,
            " / ".join((k.key, *(KEY_NAMES.get(a, a) for a in k.aliases))))
        for k in VERDICT_KEYS)
    tags = Markup("").join(
        Markup('<label><input type="checkbox" name="reasons" value="{}"{}> {}{}</label>\n')
        .format(reason, Markup(' data-keys="{}"').format(key) if key else "", reason,
                Markup(" <kbd>{}</kbd>").format(key) if key else "")
        for reason, key in _with_keys(reasons, REASON_KEYS))
    return Markup(
        '<form method="post" action="/vote" id="vote-form">\n'
        '<input type="hidden" name="comparison" value="{}">\n'
        '<div class="verdicts">\n{}</div>\n'
        '<fieldset class="reasons"><legend>Reasons (optional)</legend>\n{}</fieldset>\n'
        '<label class="note">Note (optional; <kbd>n</kbd> to write, <kbd>Esc</kbd> to leave)'
        '<textarea name="note" id="note" maxlength="2000" rows="2"></textarea></label>\n'
        '</form>\n'
    ).format(comparison, buttons, tags)


def _undo_form() -> Markup:
    return Markup(
        '<form method="post" action="/undo" id="undo-form">'
        '<button type="submit" data-keys="{}">Undo last vote <kbd>{}</kbd></button></form>\n'
    ).format(UNDO_KEY, UNDO_KEY)


def _help(reasons: list[str], *, videos: bool) -> Markup:
    verdicts = Markup(", ").join(
        Markup("<kbd>{}</kbd> {}").format(" / ".join((k.key, *(KEY_NAMES.get(a, a)
                                                              for a in k.aliases))), k.label)
        for k in VERDICT_KEYS)
    reason_keys = (Markup(", <kbd>1</kbd>-<kbd>{}</kbd> toggle a reason").format(
        min(len(reasons), len(REASON_KEYS))) if reasons else Markup(""))
    player = (Markup(", <kbd>space</kbd> play or pause both videos, <kbd>m</kbd> sound: A, "
                     "B, off") if videos else Markup(""))
    return Markup('<footer class="keys">Keys: {}, <kbd>{}</kbd> undo{}, <kbd>n</kbd> note{}.'
                  '</footer>\n').format(verdicts, UNDO_KEY, reason_keys, player)


def _with_keys(reasons: Iterable[str], keys: tuple[str, ...]) -> list[tuple[str, str]]:
    listed = list(reasons)
    return [(r, keys[i] if i < len(keys) else "") for i, r in enumerate(listed)]
