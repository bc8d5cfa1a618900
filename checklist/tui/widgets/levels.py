"""The rater's answer: the level picker (every level, the chosen one marked in words, each
clickable), the answer line with the keys that answer, and the evidence list."""

from __future__ import annotations

from textual.content import Content

from checklist import numbers
from checklist.model.ratings import Answer
from checklist.model.rubric import Question, Scale
from checklist.scoring.values import number_to_level
from checklist.tui.literal import lines, markup
from checklist.tui.session import scoring_day
from checklist.tui.text import answer_text, evidence_text, yes_no_text
from checklist.tui.widgets.spot import Spot, SpotPanel

#: A level as the picker lists it: key, text, action on click, chosen.
Row = tuple[str, str, str, bool]


def keys_hint(question: Question, scale: Scale, digits_are_levels: bool) -> str:
    """Which keys answer this question ("press 0-4, x for N/A")."""
    na = ", x for N/A" if question.allow_na else ""
    if question.type == "yes_no":
        return f"press y or n{na}"
    if question.type == "choice":
        return f"press 1-{len(question.choices)} for a choice{na}"
    if question.type == "number":
        unit = f" in {question.unit}" if question.unit else ""
        return f"type the measured value{unit}, Enter to keep it{na}"
    if digits_are_levels:
        return f"press {scale.min}-{scale.max}{na}"
    return f"type a score {scale.min}..{scale.max}, Enter to keep it{na}"


class LevelPicker(SpotPanel):
    """Every level with what it means; the chosen one marked with ● and in words. A click
    on a level answers as its key would."""

    HIDE_WHEN_EMPTY = False

    def draw(self, spot: Spot) -> Content:
        question, mine = spot.question, spot.mine
        answered = mine is not None and mine.is_answered and not mine.na
        chosen = mine if answered else None
        if question.type == "yes_no":
            rows = _yes_no_rows(question, spot.rubric.scale, chosen)
        elif question.type == "choice":
            rows = _choice_rows(question, spot.rubric.scale, chosen)
        elif question.type == "number":
            rows = _number_rows(question, spot.rubric.scale, chosen)
        else:
            rows = _score_rows(question, spot.rubric.scale, chosen, spot.digits_are_levels)
        shown = []
        for key, text, action, is_chosen in rows:
            mark = "●" if is_chosen else "○"
            label = f"{key:>2} " if key else "   "
            body = markup(f"{mark}{label}$text", text=text)
            if action:
                body = body.stylize(f"@click=screen.{action}")
            if is_chosen:
                body = Content.assemble(body.stylize("b reverse"), "  ← your answer")
            shown.append(body)
        if mine is not None and mine.na:
            shown.append(markup("[b reverse]●  N/A: not applicable[/]  ← your answer"))
        elif question.allow_na:
            shown.append(markup("[@click=screen.na]○ x N/A: not applicable[/]"))
        return lines(shown)


def _yes_no_rows(question: Question, scale: Scale, chosen: Answer | None) -> list[Row]:
    value = chosen.answer if chosen is not None else None
    rows: list[Row] = []
    for key, answer in (("y", True), ("n", False)):
        good = ("yes" if answer else "no") == question.good
        anchor = question.anchors.get(scale.max if good else scale.min, "").strip()
        text = yes_no_text(answer, question)
        rows.append((key, f"{text}{': ' + anchor if anchor else ''}", f"yes_no({answer})",
                     value is answer))
    return rows


def _choice_rows(question: Question, scale: Scale, chosen: Answer | None) -> list[Row]:
    chosen_id = chosen.choice if chosen is not None else None
    return [(str(n), f"{choice.label} = {numbers.label(choice.score, scale)}", f"digit({n})",
             chosen_id == choice.id) for n, choice in enumerate(question.choices, 1)]


def _number_rows(question: Question, scale: Scale, chosen: Answer | None) -> list[Row]:
    reached = (number_to_level(question, chosen.value, scale)
               if chosen is not None and chosen.value is not None else None)
    sign = "≥" if question.better == "higher" else "≤"
    unit = f" {question.unit}" if question.unit else ""
    rows: list[Row] = []
    for level in sorted(question.thresholds, reverse=True):
        limit = question.thresholds[level]
        rows.append(("", f"{numbers.label(level, scale)}: {sign} {limit:g}{unit}", "",
                     reached == level))
    below = "below" if question.better == "higher" else "above"
    worst = min(question.thresholds) if question.thresholds else None
    if worst is not None and scale.min not in question.thresholds:
        rows.append(("", f"{numbers.label(scale.min, scale)}: {below} "
                     f"{question.thresholds[worst]:g}{unit}", "", reached == scale.min))
    return rows


def _score_rows(question: Question, scale: Scale, chosen: Answer | None,
                digits: bool) -> list[Row]:
    chosen_level = chosen.score if chosen is not None else None
    levels = list(scale.levels())
    if len(levels) > 12:  # a wide scale: only the anchored levels
        levels = sorted(question.anchors) or [scale.min, scale.max]
    rows: list[Row] = []
    for level in levels:
        anchor = question.anchors.get(level, "").strip()
        label = scale.labels.get(level, "")
        text = (label if digits else numbers.label(level, scale)) or ""
        text = f"{text}: {anchor}" if text and anchor else (text or anchor)
        rows.append((str(level) if digits else "", text,
                     f"digit({level})" if digits else "", chosen_level == level))
    return rows


class AnswerLine(SpotPanel):
    """The rater's answer in words with the confidence, or the keys that would answer."""

    HIDE_WHEN_EMPTY = False

    def draw(self, spot: Spot) -> Content:
        mine, question = spot.mine, spot.question
        confidence = mine.confidence if mine and mine.confidence else "not set"
        if mine is not None and mine.is_answered:
            return markup("[b]Your answer: $answer[/b] · confidence: $confidence (c)",
                          answer=answer_text(mine, question, spot.rubric),
                          confidence=confidence)
        return markup("[b]Not answered[/b]: $keys · confidence: $confidence (c)",
                      keys=keys_hint(question, spot.rubric.scale, spot.digits_are_levels),
                      confidence=confidence)


class EvidenceList(SpotPanel):
    """The rater's evidence for this answer, numbered, with how to add and remove it."""

    def draw(self, spot: Spot) -> Content:
        mine = spot.mine
        evidence = mine.evidence if mine else []
        stale = stale_text(spot)
        if not evidence:
            return lines([markup("[b]Your evidence[/b]: none yet (e to add)"), *stale])
        return lines([
            markup("[b]Your evidence[/b] (e add, E remove last)"),
            *(markup(f"{i}. $item", item=evidence_text(e)) for i, e in enumerate(evidence, 1)),
            *stale,
        ])


def stale_text(spot: Spot) -> list[Content]:
    """'STALE: evidence 45 days old, rule 30' when the answer here went stale (in words, so
    it never rests on colour); nothing while fresh or undated."""
    session = spot.session
    result = session.result(spot.vendor.id, spot.index)
    aging = result.aging
    if not result.stale or aging is None:
        return []
    today = scoring_day(session.clock)
    return [markup(f"[b]stale[/b]: evidence {aging.age(today)} days old, rule {aging.rule} "
                   "(fresh until $until); check it again and add dated evidence "
                   "(s: next stale)",
                   until=aging.fresh_until.isoformat())]
