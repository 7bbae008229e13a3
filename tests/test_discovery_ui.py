"""The trends screen, the compare screen and the detail pane's Related block, driven by Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.console import Group
from rich.text import Text
from textual.widgets import Input, OptionList, Static

from tests.discovery_apps import DetailHost, ScreenHost, reading_for, sample_library, show_with_related
from tests.discovery_fixtures import State
from tui.digest.model import Paper, Section
from tui.discovery.trends import period_query, trend
from tui.store.query import parse_query
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.trends import TrendsScreen
from tui.ui.widgets.detail import DetailPane, PaperView
from tui.ui.widgets.related import NONE_FOUND, PENDING, RelatedRow
from tui.ui.widgets.trend_chart import TrendChart

SIZE = (120, 40)


async def _settle(app: ScreenHost) -> None:
    """Until the screen's workers (and the typing pause before them) are done."""
    for _ in range(3):
        await asyncio.sleep(0.2)
        await app.workers.wait_for_complete()


async def test_the_trends_screen_charts_each_term_with_the_counts_search_finds(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: TrendsScreen(library, State(), terms="agent, diffusion"))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        chart = app.screen.query_one(TrendChart)
        assert [t.term for t in chart.trends] == ["agent", "diffusion"]
        assert chart.trends[0].counts == trend(library, "agent", State()).counts
        # To the charts, one bar back, enter: the search that lists that bar's papers.
        await pilot.press("tab")
        assert app.screen.focused is chart
        await pilot.press("left", "enter")
        await pilot.pause()
        month = list(chart.trends[0].counts)[-2]
        assert app.results == [period_query("agent", month, "month")]
        assert app.results[0] == f"agent date:{month}"
        hits = library.search(str(app.results[0]), State())
        assert len(hits) == trend(library, "agent", State()).counts[month]


async def test_ctrl_t_counts_by_week_and_enter_gives_that_weeks_search(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: TrendsScreen(library, State(), terms="gaussian splatting"))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        await pilot.press("ctrl+t")
        await _settle(app)
        chart = app.screen.query_one(TrendChart)
        assert all("-W" in period for period in chart.periods)
        weeks = [p for p, c in chart.trends[0].counts.items() if c]
        await pilot.press("tab")
        chart.period = chart.periods.index(weeks[-1])
        await pilot.press("enter")
        await pilot.pause()
        query = str(app.results[0])
        assert query.startswith('"gaussian splatting" date:')
        assert ".." in query
        assert len(library.search(query, State())) == chart.trends[0].counts[weeks[-1]]


async def test_typing_terms_recounts_and_a_term_without_papers_is_said_so(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: TrendsScreen(library, State()))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        chart = app.screen.query_one(TrendChart)
        assert chart.trends == []
        await pilot.press(*"agent, zzqx")
        await _settle(app)
        assert [t.term for t in chart.trends] == ["agent", "zzqx"]
        assert "No papers mention 'zzqx'" in chart.message
        app.screen.query_one(Input).value = "is:famous"
        await _settle(app)
        assert "is:famous" in chart.message
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_the_rising_list_shows_bars_and_enter_charts_the_term(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: TrendsScreen(library, State()))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(app)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        options = screen.query_one("#rising", OptionList)
        if not screen.rising_terms:
            assert "Nothing is rising" in str(options.get_option_at_index(0).prompt)
            return
        first = screen.rising_terms[0]
        assert first.term in str(options.get_option_at_index(0).prompt)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await _settle(app)
        assert first.term in screen.terms()
        assert first.term in [t.term for t in screen.query_one(TrendChart).trends]


def _paper(title: str, **texts: str) -> Paper:
    from tui.digest.model import Links

    sections = tuple(Section(kind, text) for kind, text in texts.items())  # type: ignore[arg-type]
    return Paper(
        "2025-03-01",
        "2503.00001",
        title,
        ("A. Author",),
        " ".join(texts.values()),
        sections,
        (),
        Links(),
        "x.md:1",
    )


def _texts(renderable: Group) -> list[Text]:
    return [part for part in renderable.renderables if isinstance(part, Text)]


async def test_a_method_word_is_highlighted_in_the_method_section_only() -> None:
    app = DetailHost()
    async with app.run_test(size=SIZE):
        pane = app.query_one(DetailPane)
        paper = _paper(
            "Reward models", methodology="We train a reward model.", results="The reward improves."
        )
        group = pane.render_paper(PaperView(paper, terms=parse_query("method:reward").positive_terms))
        assert isinstance(group, Group)
        texts = {t.plain: t for t in _texts(group)}
        assert texts["We train a reward model."].spans
        assert not texts["The reward improves."].spans
        assert not texts["Reward models"].spans
        everywhere = pane.render_paper(PaperView(paper, terms=parse_query("reward").positive_terms))
        assert isinstance(everywhere, Group)
        assert all(t.spans for t in _texts(everywhere) if "eward" in t.plain)


async def test_the_related_block_lists_similar_papers_and_enter_jumps(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    index = next(i for i in range(len(library)) if "Gaussian Splatting" in library.title(i))
    first_neighbour = library.discovery.related(index, 5)[0].index
    reading = reading_for(library, tmp_path / "d", State(starred={library.key(first_neighbour)}))
    app = DetailHost()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        show_with_related(pane, library, reading, index)
        text = pane.plain_text
        assert "Related" in text
        assert library.title(first_neighbour)[:40] in text
        assert "★" in text.split("Related", 1)[1]  # the starred neighbour shows its star
        assert pane.focus_related()
        assert pane.related_active
        await pilot.press("down", "up", "down", "enter")
        await pilot.pause()
        assert app.chosen == [library.discovery.related(index, 5)[1].index]
        assert not pane.related_active
        # Escape gives the keys back without choosing; j then scrolls/moves as usual again.
        assert pane.focus_related()
        await pilot.press("escape")
        assert not pane.related_active
        assert app.chosen == [library.discovery.related(index, 5)[1].index]


async def test_the_related_block_says_when_it_is_looking_and_when_nothing_is_similar() -> None:
    app = DetailHost()
    async with app.run_test(size=SIZE):
        pane = app.query_one(DetailPane)
        pane.show_paper(PaperView(_paper("Lonely", objective="Nothing like it.")))
        assert "Related" not in pane.plain_text  # nobody asked for neighbours: no block
        pane.related_pending()
        assert PENDING in pane.plain_text
        assert not pane.focus_related()
        pane.set_related([])
        assert NONE_FOUND in pane.plain_text
        assert not pane.focus_related()
        pane.set_related(
            [RelatedRow(3, "A [b]markup[/b] title\x1b]52;c;x\x07", "2025-01-01", False, True, 0.5)]
        )
        assert "A [b]markup[/b] title" in pane.plain_text  # shown as text, controls stripped
        assert "\x1b" not in pane.plain_text
        # Another paper: its block comes with its own neighbours, not these.
        pane.show_paper(PaperView(_paper("Next", objective="Other.")))
        assert "Related" not in pane.plain_text


async def test_the_compare_screen_puts_papers_side_by_side(tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    papers = library.papers([0, 1, 2])
    app = ScreenHost(lambda: CompareScreen(papers))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-table", Static)
        lines = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        rendered = "\n".join(lines)
        assert "Objective" in rendered
        assert "Method" in rendered
        for paper in papers:
            assert paper.arxiv_id is not None
            assert paper.arxiv_id in rendered.replace("\n", "") or paper.title[:20] in rendered
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize("count", [0, 1])
async def test_compare_with_fewer_than_two_papers_says_what_to_do(tmp_path: Path, count: int) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: CompareScreen(library.papers(range(count))))
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#compare-table", Static)
        assert "two or more papers" in str(table.render())


async def test_order_foryou_ranks_the_browser_search_by_the_stars(tmp_path: Path) -> None:
    from tests.apps import make_app
    from tui.store.state import StarInfo

    app, _, store = make_app(tmp_path / "data")
    library = app.browser.library
    liked = [i for i in range(len(library)) if "diffusion" in library.index.titles[i]][-3:]
    store.state.set_starred(
        [StarInfo(library.key(i), library.date(i), library.title(i)) for i in liked], True
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"order:foryou")
        await _settle(app)  # type: ignore[arg-type]
        shown = app.browser.paper_list.indices
        model = library.discovery.for_you(store.state.snapshot)
        assert model.ready
        assert shown == model.rank(range(len(library)))
        assert set(shown[:3]) == set(liked)  # what you starred resembles itself most
        assert shown != list(range(len(library)))  # ranked, not the day order


async def test_the_index_warms_in_a_child_and_then_related_rows_arrive(tmp_path: Path) -> None:
    from textual import on

    from tui.ui.discovery_worker import DiscoveryReady, RelatedFound, find_related, warm_discovery

    library = sample_library(tmp_path / "d")
    reading = reading_for(library, tmp_path / "d")
    got: list[object] = []

    class Host(DetailHost):
        @on(DiscoveryReady)
        def ready(self, message: DiscoveryReady) -> None:
            got.append(message)

        @on(RelatedFound)
        def found(self, message: RelatedFound) -> None:
            got.append(message)

    app = Host()
    async with app.run_test(size=SIZE):
        assert not find_related(app.screen, reading, 0)  # not ready: it starts warming instead
        warm_discovery(app.screen, library)  # a second call while warming does nothing
        for _ in range(100):
            await asyncio.sleep(0.1)
            if any(isinstance(m, DiscoveryReady) for m in got):
                break
        assert library.discovery.ready
        assert (tmp_path / "d" / "similarity.index").is_file()  # written by the child process
        assert find_related(app.screen, reading, 0)
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.1)
        found = [m for m in got if isinstance(m, RelatedFound)]
        assert found
        assert found[0].index == 0
        assert [r.index for r in found[0].rows] == [n.index for n in library.discovery.related(0, 8)]
