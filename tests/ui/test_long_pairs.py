"""Long pairs stay responsive: panes filled in one edit, bands cut to the gutter, a band only
passing through drawn as a hairline, changes merged without scanning every equal stretch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from twofold.engine.model import Article, Comparison, Entity, Link, Mention, Paragraph
from twofold.ui.compareview import REALIGN_SETTLE_MS, CompareView
from twofold.ui.entitypanel import EntityPanel
from twofold.ui.highlight import _drop_overlaps, _merge, apply_changes
from twofold.ui.linkmap import LinkMap, band_outlines, hairlines
from twofold.ui.pane import ArticlePane
from twofold.ui.statusbar import CompareStatus
from twofold.ui.theme import LIGHT


def _article(name: str, count: int) -> Article:
    text = "A sentence of the story that is long enough to fill a line or two of the pane. " * 3
    return Article(name, None, None, None, tuple(
        Paragraph(n, "body", f"{n}: {text}") for n in range(count)))


def _smooth_y(a: float, b: float, x: float, width: float) -> float:
    """The uncut band edge's height at x: solve x(t) by bisection, then y(t)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        t = (lo + hi) / 2
        if width * (1.5 * t * (1 - t) + t ** 3) < x:
            lo = t
        else:
            hi = t
    t = (lo + hi) / 2
    return a + (b - a) * t * t * (3 - 2 * t)


def test_a_band_reaching_far_beyond_the_gutter_is_cut_to_it_and_keeps_its_course() -> None:
    width, lo, hi = 48.0, -4.0, 904.0
    (outline,) = band_outlines([(-50_000, -49_920, 30_000, 30_100)], width, lo, hi)
    box = outline.boundingRect()
    assert box.top() >= lo and box.bottom() <= hi  # drawn whole it spanned 80,000 pixels
    points = [outline.at(i) for i in range(outline.size())]
    half = len(points) // 2
    inside = [(p, a, b) for p, (a, b) in
              [(p, (-50_000, 30_000)) for p in points[:half]]
              + [(p, (-49_920, 30_100)) for p in points[half:]] if lo < p.y() < hi]
    assert inside, "the part in view is drawn"
    for p, a, b in inside:
        assert abs(p.y() - _smooth_y(a, b, p.x(), width)) < 0.5


def test_a_hairline_follows_the_middle_of_its_band_within_the_gutter() -> None:
    width, lo, hi = 48.0, -4.0, 904.0
    ends = [(-3_000.0, 5_000.0), (-50.0, 950.0), (2_000.0, -10.0)]
    lines = hairlines(ends, width, lo, hi)
    assert len(lines) % len(ends) == 0
    per = len(lines) // len(ends)
    for n, (a, b) in enumerate(ends):
        pieces = lines[n * per:(n + 1) * per]
        ys = [y for line in pieces for y in (line.y1(), line.y2())]
        assert min(ys) == pytest.approx(lo) and max(ys) == pytest.approx(hi)  # top to bottom
        for line in pieces:
            for x, y in ((line.x1(), line.y1()), (line.x2(), line.y2())):
                if lo < y < hi:
                    assert abs(y - _smooth_y(a, b, x, width)) < 0.5


def test_a_band_in_view_is_the_whole_curve() -> None:
    (outline,) = band_outlines([(10, 40, 200, 260)], 48.0, -4.0, 904.0)
    points = [outline.at(i) for i in range(outline.size())]
    assert (points[0].x(), points[0].y()) == (0.0, 10.0)
    assert any(p.x() == 48.0 and p.y() == 200.0 for p in points)
    assert any(p.x() == 48.0 and p.y() == 260.0 for p in points)
    assert points[-1].x() == 0.0 and points[-1].y() == 40.0
    assert outline.containsPoint(QPointF(24, 130), Qt.FillRule.OddEvenFill)  # its middle


def _panes(qtbot, count: int, links: tuple[Link, ...]) -> tuple[QWidget, ArticlePane,
                                                                 ArticlePane, LinkMap]:
    holder = QWidget()
    qtbot.addWidget(holder)
    left, right = ArticlePane("left"), ArticlePane("right")
    linkmap = LinkMap(left, right)
    row = QHBoxLayout(holder)
    for w in (left, linkmap, right):
        row.addWidget(w)
    holder.resize(900, 400)
    holder.show()
    left.show_article(_article("l", count))
    right.show_article(_article("r", count))
    linkmap.set_links(links)
    qtbot.waitExposed(holder)
    return holder, left, right, linkmap


def test_a_band_only_passing_through_the_view_is_a_hairline_not_a_target(qtbot) -> None:
    count = 60
    passing = Link(0, count - 1, 0.9, "paraphrase", ())
    beside = Link(30, 30, 0.9, "paraphrase", ())
    _holder, left, right, linkmap = _panes(qtbot, count, (passing, beside))
    middle = left.text_top(30) - 100
    left.verticalScrollBar().setValue(int(middle))
    right.verticalScrollBar().setValue(int(middle))
    visible = dict(linkmap._places(visible_only=True))
    assert set(visible) == {0, 1}  # both cross the gutter
    assert linkmap._passes(*visible[0]) and not linkmap._passes(*visible[1])
    image = linkmap.grab().toImage()  # paints both without error
    assert not image.isNull()
    lt, lb, rt, rb = visible[0]
    width, middle_y = linkmap.width(), linkmap.height() / 2
    # where the passing band's middle crosses half the gutter's height
    x = min((i / 4 for i in range(width * 4)), key=lambda x: abs(
        _smooth_y((lt + lb) / 2, (rt + rb) / 2, x, width) - middle_y))
    assert linkmap.link_at(QPointF(x, middle_y)) is None  # a hairline is no band to click
    lt, lb, rt, rb = visible[1]
    assert linkmap.link_at(QPointF(2, (lt + lb) / 2)) == 1
    linkmap.set_current(0)  # the current link is a whole band wherever it runs
    assert linkmap.link_at(QPointF(x, middle_y)) == 0


def test_a_pane_and_its_highlights_reach_the_layout_as_one_edit_each(qtbot) -> None:
    pane = ArticlePane("left")
    qtbot.addWidget(pane)
    edits: list[tuple[int, int, int]] = []
    pane.document().contentsChange.connect(lambda *args: edits.append(args))
    pane.show_article(_article("l", 200))
    assert len(edits) <= 3  # the clear, the options, then 200 paragraphs (one edit each before)
    edits.clear()
    ranges = {n: [(0, 2, "replace"), (10, 20, "insert")] for n in range(200)}
    apply_changes(pane.document(), pane.block, ranges, LIGHT)  # type: ignore[arg-type]
    assert len(edits) == 1
    edits.clear()
    pane.set_pads([float(n % 3) for n in range(200)], 6.0)
    assert len(edits) == 1


def _naive_merge(links: list[list[tuple[int, int, str]]]) -> list[tuple[int, int, str]]:
    """change_ranges' merging as first written: every cut looked at for every change."""
    if len(links) == 1:
        return [(s, e, t) for s, e, t in links[0] if t != "equal"]
    equal = sorted((s, e) for ops in links for s, e, t in ops if t == "equal")
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for ops in links:
        for s, e, t in ops:
            if t == "equal":
                continue
            start, pieces = s, []
            for cs, ce in equal:
                if ce <= start or cs >= e:
                    continue
                if cs > start:
                    pieces.append((start, cs))
                start = max(start, ce)
                if start >= e:
                    break
            if start < e:
                pieces.append((start, e))
            for piece in pieces:
                if piece not in seen:
                    seen.add(piece)
                    out.append((piece[0], piece[1], t))
    return _drop_overlaps(sorted(out))  # type: ignore[arg-type]


_ops = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 25),
                          st.sampled_from(["equal", "replace", "delete", "insert"])),
                min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ops, min_size=1, max_size=5))
def test_merging_a_paragraphs_links_matches_looking_at_every_cut(raw) -> None:
    links = []
    for ops in raw:
        pos, spans = 0, []
        for gap, length, tag in ops:
            spans.append((pos + gap, pos + gap + length, tag))
            pos += gap + length
        links.append(spans)
    assert _merge(links) == _naive_merge(links)


def test_the_entity_list_reads_the_readers_types_once_per_listing(qtbot) -> None:
    panel = EntityPanel()
    qtbot.addWidget(panel)
    reads: list[int] = []

    def corrections() -> dict[str, str]:
        reads.append(1)
        return {"person:ada": "PERSON"}

    panel.corrections = corrections
    people = tuple(Entity(f"person:{n}", "PERSON", n.title(), (), (Mention(0, 0, 3),))
                   for n in ["ada", "bo", "cy", "di", "ed"])
    left, right = _article("l", 1), _article("r", 1)
    panel.set_comparison(Comparison(left, right, (), left_entities=people,
                                    right_entities=people[:2]))
    assert len(reads) == 2  # one per side, not one per row
    item = panel.item_for("left", "person:ada")
    assert item is not None and "your correction" in item.toolTip(0)
    other = panel.item_for("left", "person:bo")
    assert other is not None and "your correction" not in other.toolTip(0)


def _view(qtbot) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    left, right = _article("l", 30), _article("r", 30)
    links = tuple(Link(n, n, 0.9, "paraphrase", ()) for n in range(30))
    view.set_comparison(Comparison(left, right, links))
    return view


def test_a_slow_realignment_waits_for_the_window_to_stop_resizing(qtbot) -> None:
    view = _view(qtbot)
    realigned: list[int] = []
    view.realigned.connect(lambda: realigned.append(1))
    view._realign_seconds = 0.3  # as for a long pair
    for width in (880, 860, 840, 820):
        view.resize(width, 500)
        QApplication.processEvents()  # the resize event, without waiting
    assert realigned == []  # not at each step of the drag
    qtbot.waitUntil(lambda: len(realigned) == 1, timeout=2000)
    qtbot.wait(REALIGN_SETTLE_MS + 100)
    assert len(realigned) == 1  # once, when it stopped


def test_a_quick_realignment_follows_each_resize(qtbot) -> None:
    view = _view(qtbot)
    realigned: list[int] = []
    view.realigned.connect(lambda: realigned.append(1))
    for width in (880, 860, 840):
        view._realign_seconds = 0.0
        view.resize(width, 500)
        qtbot.waitUntil(lambda w=width: len(realigned) == (900 - w) // 20, timeout=1000)


def test_on_a_narrow_window_the_long_status_texts_give_way_to_the_short_ones(qtbot) -> None:
    status = CompareStatus()
    qtbot.addWidget(status)
    status.similarity_label.setText("Similarity <b>33%</b>")
    status.counts_label.setText("Linked: <b>577</b> left, <b>571</b> right ¶ (4507 links, "
                                "4507 reworded) · only left <b>13</b>, only right <b>20</b>")
    status.divergences_label.setText("15 divergences")
    status.show_note("long pair: 242 of 1883 sentences embedded (those where meaning decides "
                     "a link), the rest compared on words")
    status.show_position("Difference 25 of 4540 (F7 / Shift+F7)")
    status.resize(700, 30)
    status.show()
    qtbot.waitExposed(status)
    for kept in (status.similarity_label, status.divergences_label, status.position_label):
        assert kept.width() >= kept.sizeHint().width(), kept.text()
    assert status.note_label.width() < status.note_label.sizeHint().width()
