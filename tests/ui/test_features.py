"""Compare view features: entities, find, zoom, follow order, swap, overview, bands, themes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from twofold.ui.highlight import change_at, shows_words
from twofold.ui.layout import follow_order
from twofold.ui.mainwindow import MainWindow


def _entity_with_counterpart(window: MainWindow):  # type: ignore[no-untyped-def]
    c = window.view.comparison
    right_keys = {e.key for e in c.right_entities}
    shared = [e for e in c.left_entities if e.key in right_keys and e.mentions]
    return max(shared or [e for e in c.left_entities if e.mentions], key=lambda e: len(e.mentions))


def test_clicking_an_entity_highlights_its_mentions(compared: MainWindow, qtbot) -> None:
    entity = _entity_with_counterpart(compared)
    item = compared.entities.item_for("left", entity.key)
    tree = compared.entities.trees["left"]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = compared.view.left
    expected = [(pane.position(m.paragraph, m.start), pane.position(m.paragraph, m.end))
                for m in entity.mentions]
    assert pane.layers.ranges("entity") == expected
    first = entity.mentions[0]
    assert pane.is_visible_at(pane.char_top(first.paragraph, first.start))
    other = compared.entities.counterpart("left", entity)
    if other is not None:
        right = compared.view.right
        assert len(right.layers.ranges("entity")) == len(other.mentions)
        m = other.mentions[0]
        assert right.is_visible_at(right.char_top(m.paragraph, m.start))


def test_entity_filter_hides_other_entities(compared: MainWindow) -> None:
    entity = _entity_with_counterpart(compared)
    compared.entities.filter.setText(entity.name)
    item = compared.entities.item_for("left", entity.key)
    assert not item.isHidden()
    compared.entities.filter.setText("zzzz-no-such-entity")
    assert item.isHidden()


def test_entity_marks_say_shared_or_only_here(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert c.left_entities
    for entity in c.left_entities:
        text = compared.entities.item_for("left", entity.key).text(2)
        if entity.spelled_differently:
            assert "there" in text
        elif entity.shared:
            assert "both" in text
        else:
            assert "only here" in text


def test_find_highlights_matches_in_both_panes(compared: MainWindow, qtbot) -> None:
    compared.activateWindow()
    compared.view.left.setFocus()
    qtbot.keyClick(compared, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert compared.view.findbar.isVisible()
    qtbot.keyClicks(compared.view.findbar.field, "Niger")
    left_count = compared.view.left.toPlainText().lower().count("niger")
    right_count = compared.view.right.toPlainText().lower().count("niger")
    assert len(compared.view.left.layers.ranges("find")) == left_count
    assert len(compared.view.right.layers.ranges("find")) == right_count
    qtbot.keyClick(compared.view.findbar.field, Qt.Key.Key_Return)
    assert compared.view.left.textCursor().selectedText().lower() == "niger"
    qtbot.keyClick(compared.view.findbar.field, Qt.Key.Key_Escape)
    assert not compared.view.findbar.isVisible()
    assert compared.view.left.layers.ranges("find") == []


def test_zoom_scales_text_and_keeps_alignment(compared: MainWindow, qtbot) -> None:
    view = compared.view
    before = view.left.document().defaultFont().pointSizeF()
    compared.view.setFocus()
    qtbot.keyClick(compared, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.left.document().defaultFont().pointSizeF() > before
    from .test_window import _chain

    chain = _chain(view)
    assert len(chain) >= 3
    for li, ri in chain:
        assert abs(view.left.text_top(view.left.order[li])
                   - view.right.text_top(view.right.order[ri])) <= 1
    qtbot.keyClick(compared, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.left.document().defaultFont().pointSizeF() == before


def test_follow_left_order_rearranges_the_right_column(compared: MainWindow) -> None:
    c = compared.view.comparison
    compared.actions_["follow"].trigger()
    assert compared.view.follow_left
    assert compared.view.right.order == follow_order(c)
    assert compared.view.linkmap.band_count() == len(c.links)
    for pid in compared.view.right.order:
        assert compared.view.right.block(pid).text().replace("\u2028", "\n") == (
            c.right.paragraphs[pid].text)
    compared.actions_["follow"].trigger()
    assert compared.view.right.order == [p.id for p in c.right.paragraphs]


def test_swap_sides_exchanges_articles_and_highlights(compared: MainWindow) -> None:
    c = compared.view.comparison
    compared.actions_["swap"].trigger()
    s = compared.view.comparison
    assert (s.left.path, s.right.path) == (c.right.path, c.left.path)
    assert (compared.left_path, compared.right_path) == (c.right.path, c.left.path)
    # a paragraph with one strong counterpart shows that link's changes
    alone = [(k, op) for k in c.links for op in k.ops if op.tag == "delete"
             and shows_words(k) and sum(j.left == k.left for j in c.links) == 1]
    assert alone, "the sample pair has left-only words in a singly linked paragraph"
    link, op = alone[0]
    pane = compared.view.right  # what only the left had is now only the right's: an insertion
    assert change_at(pane.document(), pane.position(link.left, op.left[0])) == "insert"


def test_clicking_a_band_makes_its_link_current(compared: MainWindow, qtbot) -> None:
    linkmap = compared.view.linkmap
    visible = linkmap.bands(visible_only=True)
    _n, path = visible[0]
    box = path.boundingRect().toRect()
    inside = next(QPoint(2, y) for y in range(max(0, box.top()), box.bottom())
                  if path.contains(QPoint(2, y).toPointF()))
    hit = linkmap.link_at(inside.toPointF())
    qtbot.mouseClick(linkmap, Qt.MouseButton.LeftButton, pos=inside)
    link = compared.view.comparison.links[hit]
    assert linkmap._current == hit
    assert compared.view.left.current == {link.left}


def test_overview_click_scrolls_the_pane(compared: MainWindow, qtbot) -> None:
    strip = compared.view.left_strip
    bar = compared.view.left.verticalScrollBar()
    bar.setValue(0)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(5, strip.height() - 3))
    assert bar.value() == bar.maximum()
    kinds = {kind for _, kind in strip.marks()}
    assert kinds <= {"same", "changed", "unique"} and kinds


def test_status_bar_shows_similarity_and_counts(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert f"{c.similarity:.0%}" in compared.status.similarity_label.text()
    assert f"{len(c.links)} links" in compared.status.counts_label.text()
    assert not compared.busy.isVisible()


def test_status_bar_says_when_two_articles_have_no_passage_in_common(qtbot) -> None:  # type: ignore[no-untyped-def]
    from twofold.engine.compare import compare
    from twofold.engine.load import parse_text
    from twofold.ui.statusbar import CompareStatus

    bakery = parse_text("The bakery on the corner sells sourdough loaves every morning.\n\n"
                        "Customers queue in the rain for cinnamon rolls.", path="bakery.txt")
    port = parse_text("Dock workers in Rotterdam ended their strike on Monday.\n\n"
                      "The union said the new contract raises pay by four percent.",
                      path="port.txt")
    status = CompareStatus()
    qtbot.addWidget(status)
    status.show_comparison(compare(bakery, port))
    assert "no passage in common" in status.counts_label.text()
    assert "different stories" in status.counts_label.toolTip()
    status.show_comparison(compare(bakery, bakery))
    assert "no passage in common" not in status.counts_label.text()
    assert not status.counts_label.toolTip()


def test_dark_theme_repaints_the_view(compared: MainWindow, qapp) -> None:
    palette = qapp.palette()
    try:
        compared.actions_["theme-dark"].trigger()
        assert compared.view.colors.dark
        assert qapp.palette().base().color().lightness() < 80
    finally:
        compared.set_theme("light", apply=False)
        qapp.setPalette(palette)


def _panel_with_first_person(compared: MainWindow, qtbot, width: int, **changes: object):  # type: ignore[no-untyped-def]
    """A standalone entities panel of the compared pair, its first person changed."""
    from dataclasses import replace

    from twofold.ui.entitypanel import EntityPanel

    c = compared.view.comparison
    person = next(e for e in c.left_entities if e.label == "PERSON")
    panel = EntityPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 500)
    panel.show()
    changed = replace(person, **changes)
    panel.set_comparison(replace(c, left_entities=(changed, *c.left_entities[1:])))
    qtbot.waitExposed(panel)
    return panel, panel.trees["left"], panel.item_for("left", person.key)


def test_entity_names_keep_most_of_a_narrow_dock_beside_long_marks(compared: MainWindow,
                                                                   qtbot) -> None:
    _panel, tree, item = _panel_with_first_person(
        compared, qtbot, 270, other_forms=("Donald John Trump Senior of New York City",))
    assert tree.columnWidth(0) >= tree.viewport().width() * 0.4, "names squeezed by the marks"
    assert tree.columnWidth(2) <= tree.viewport().width() * 0.4 + 1
    assert "Donald John Trump Senior" in item.toolTip(2)  # the whole mark when it elides


def test_an_entitys_other_forms_read_as_a_muted_second_line_not_another_entity(
        compared: MainWindow, qtbot) -> None:
    compared.set_theme("light")
    _panel, tree, item = _panel_with_first_person(
        compared, qtbot, 300, forms=("Someone", "Someone Else Entirely"), titles=("spokesman",))
    assert "\n" in item.text(0)
    rect = tree.visualItemRect(item)
    image = tree.viewport().grab().toImage()

    def darkest(top: int, bottom: int) -> int:
        return min(image.pixelColor(x, y).lightness()
                   for x in range(rect.left(), tree.columnWidth(0))  # the name column
                   for y in range(top, bottom))

    middle = rect.top() + rect.height() // 2
    name, forms = darkest(rect.top(), middle), darkest(middle, rect.bottom())
    assert forms > name + 40, (name, forms)  # the second line in the muted colour
