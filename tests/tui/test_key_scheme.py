"""Issue 20 item 8: one key scheme: on every question type, the key printed beside an option
is the key that picks it (a choice once took 1-6 while a score took 0-4, so "3" on a choice
recorded another option than the one a rater read "3" beside).

Already so on main when this test was written (`test_walk.test_each_question_type_takes_its_
keys` presses "2" for the second choice); this test checks every option of every keyed type
against what the picker prints."""

from __future__ import annotations

from tui_support import pilot_test, plain, settle

from checklist.tui.screens.scoring import ScoringScreen


def options(screen: ScoringScreen) -> list[tuple[str, str]]:
    """(key, line) for each option the level picker prints with a key ("○ 2 Preview = …")."""
    rows = []
    for line in plain(screen.query_one("#levels")).splitlines():
        key = line[1:3].strip()
        if key and not line[1:3].startswith(" x"):
            rows.append((key, line))
    return rows


@pilot_test
async def test_the_key_beside_each_option_picks_that_option(make):
    app = make(rater="Ana", vendor="gamma")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        seen = set()
        for qid in ("who-ran", "api", "status"):
            index = next(i for i, (_, q) in enumerate(screen.session.questions) if q.id == qid)
            screen.goto("gamma", index)
            await settle(pilot)
            seen.add(screen.question.type)
            shown = options(screen)
            assert len(shown) >= 2, plain(screen.query_one("#levels"))
            for key, line in shown:
                await pilot.press(key)
                await settle(pilot)
                picked = [row for row in plain(screen.query_one("#levels")).splitlines()
                          if "← your answer" in row]
                assert len(picked) == 1 and picked[0].startswith(f"●{key:>2} "), (key, line,
                                                                                  picked)
                assert picked[0].removesuffix("  ← your answer")[1:] == line[1:]
        assert seen == {"score", "yes_no", "choice"}
