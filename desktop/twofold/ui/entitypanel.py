"""The entities dock: who and what each article names, by type, marked against the other."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QBrush,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.model import Comparison, Entity

from .theme import LIGHT, Colors

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG",)),
    ("Places", ("GPE", "LOC")),
    ("Dates", ("DATE",)),
    ("Figures", ("QUANTITY", "MONEY", "PERCENT")),
)


def mark_of(entity: Entity) -> tuple[str, str]:
    """(kind, text) of the mark beside an entity: shared, only here or spelled differently."""
    if entity.spelled_differently:
        return "spelled", "≠ there: " + " / ".join(f"“{f}”" for f in entity.other_forms)
    if entity.shared:
        return "shared", "✓ both"
    return "only", "● only here"


# The types a reader can give an entity, in the order the menu offers them.
TYPE_NAMES: dict[str, str] = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Place (country, region, city)",
    "LOC": "Place (other location)", "DATE": "Date", "QUANTITY": "Figure (quantity)",
    "MONEY": "Figure (money)", "PERCENT": "Figure (percentage)",
}


class NameDelegate(QStyledItemDelegate):
    """Paints an entity's name, and below it (smaller, muted) its other forms and titles, so the
    second line never reads as another entity."""

    SECOND_SCALE = 0.88  # the second line's font size, relative to the name's

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        name = QFont(option.font)  # type: ignore[attr-defined]
        small = QFont(name)
        small.setPointSizeF(name.pointSizeF() * self.SECOND_SCALE)
        return name, small

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if "\n" not in text:
            return size
        name, small = self._fonts(option)
        return QSize(size.width(), QFontMetrics(name).height() + QFontMetrics(small).height() + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if "\n" not in text:
            super().paint(painter, option, index)
            return
        first, second = text.split("\n", 1)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        box = box.adjusted(3, 2, -3, -2)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = opt.palette  # type: ignore[attr-defined]
        name, small = self._fonts(opt)
        painter.save()
        painter.setFont(name)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected
                                     else QPalette.ColorRole.Text))
        metrics = QFontMetrics(name)
        top = QRect(box.left(), box.top(), box.width(), metrics.height())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(first, Qt.TextElideMode.ElideMiddle, box.width()))
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected
                                     else QPalette.ColorRole.PlaceholderText))
        metrics = QFontMetrics(small)
        below = QRect(box.left(), top.bottom() + 2, box.width(), metrics.height())
        painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(second, Qt.TextElideMode.ElideRight, box.width()))
        painter.restore()


class EntityTree(QTreeWidget):
    """Entities with their marks; the names keep most of the width, the mark column takes
    what it needs up to `MARK_SHARE` of it and elides the other article's forms beyond that."""

    MARK_SHARE = 0.4

    def fit_columns(self) -> None:
        """Size the mark column for its rows and the width (the name column takes the rest)."""
        need = max(self.sizeHintForColumn(2), self.header().sectionSizeHint(2))
        self.header().resizeSection(2, min(need, int(self.viewport().width() * self.MARK_SHARE)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()


class EntityPanel(QWidget):
    """Two tabs of entities; clicking one asks (by signal) for its mentions to be shown."""

    entityActivated = Signal(str, object, object)  # side, entity, counterpart or None
    typeCorrected = Signal(str, object)  # entity key, the type the reader gave (None: undo it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter entities")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.trees: dict[str, EntityTree] = {}
        for side in ("left", "right"):
            tree = EntityTree()
            tree.setObjectName(f"{side}Entities")
            tree.setItemDelegateForColumn(0, NameDelegate(tree))
            tree.setHeaderLabels(["Entity", "×", "Other article"])
            tree.setUniformRowHeights(False)
            tree.setWordWrap(False)  # long names elide in the middle; the tooltip has them whole
            tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tree.customContextMenuRequested.connect(
                lambda pos, t=tree: self._menu(t, pos))
            tree.headerItem().setToolTip(1, "Number of mentions in this article")
            tree.headerItem().setToolTip(2, "Whether the other article names it too, and how")
            tree.header().setStretchLastSection(False)
            tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            tree.itemClicked.connect(lambda item, _c, s=side: self._clicked(s, item))
            tree.itemActivated.connect(lambda item, _c, s=side: self._clicked(s, item))
            self.trees[side] = tree
            self.tabs.addTab(tree, side.title())
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.filter)
        column.addWidget(self.tabs, 1)
        self._entities: dict[str, tuple[Entity, ...]] = {"left": (), "right": ()}
        self._comparison: Comparison | None = None
        self.colors: Colors = LIGHT
        # The reader's types: entity key -> type, read once per listing (one query, not one a row).
        self.corrections: Callable[[], Mapping[str, str]] = dict

    def set_colors(self, colors: Colors) -> None:
        """List the entities again with another scheme's mark colours."""
        self.colors = colors
        self.set_comparison(self._comparison)

    def set_comparison(self, comparison: Comparison | None) -> None:
        """List the entities of both articles (empty when there is no comparison)."""
        self._comparison = comparison
        left = comparison.left_entities if comparison else ()
        right = comparison.right_entities if comparison else ()
        self._entities = {"left": tuple(left), "right": tuple(right)}
        for n, (side, entities) in enumerate(self._entities.items()):
            name = (comparison.left if side == "left" else comparison.right).display_name if (
                comparison) else side.title()
            self.tabs.setTabText(n, f"{side.title()} · {len(entities)}")
            self.tabs.setTabToolTip(n, name)
            self._fill(self.trees[side], entities, comparison is not None)
        self.apply_filter(self.filter.text())

    def _fill(self, tree: EntityTree, entities: Sequence[Entity], compared: bool) -> None:
        tree.clear()
        if not entities:
            item = QTreeWidgetItem([
                "No entities found in this article" if compared else "Nothing compared yet"])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(item)
            return
        self._fill_groups(tree, entities)
        tree.fit_columns()

    def _fill_groups(self, tree: QTreeWidget, entities: Sequence[Entity]) -> None:
        corrected = self.corrections()
        bold = QFont(tree.font())
        bold.setBold(True)
        for title, labels in GROUPS:
            members = sorted((e for e in entities if e.label in labels),
                             key=lambda e: (-len(e.mentions), e.name.casefold()))
            if not members:
                continue
            group = QTreeWidgetItem([f"{title} ({len(members)})"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            tree.addTopLevelItem(group)
            for entity in members:
                group.addChild(self._row(entity, entity.key in corrected))
            group.setExpanded(True)
            group.setFirstColumnSpanned(True)

    def _row(self, entity: Entity, corrected: bool) -> QTreeWidgetItem:
        others = [f for f in entity.forms if f != entity.name]
        extra = " · ".join(others + list(entity.titles))
        item = QTreeWidgetItem([entity.name + (f"\n{extra}" if extra else ""),
                                str(len(entity.mentions))])
        kind, text = mark_of(entity)
        item.setText(2, text)
        item.setToolTip(2, text)  # whole when the column elides it
        item.setForeground(2, QBrush(self.colors.entity_marks[kind]))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, ENTITY_ROLE, entity)
        typed = " — your correction" if corrected else ""
        tip = [f"{entity.name} ({TYPE_NAMES.get(entity.label, entity.label)}{typed})",
               f"{len(entity.mentions)} mention(s)"]
        if entity.forms:
            tip.append("Written as: " + ", ".join(f"“{f}”" for f in entity.forms))
        if entity.titles:
            tip.append("Described as: " + ", ".join(entity.titles))
        tip.append(text)
        tip.append("Right-click to correct its type")
        item.setToolTip(0, "\n".join(tip))
        return item

    def apply_filter(self, text: str) -> None:
        """Show only entities whose name or forms contain `text`."""
        needle = text.casefold().strip()
        for tree in self.trees.values():
            for g in range(tree.topLevelItemCount()):
                group = tree.topLevelItem(g)
                shown = 0
                for c in range(group.childCount()):
                    child = group.child(c)
                    entity: Entity = child.data(0, ENTITY_ROLE)
                    hay = " ".join((entity.name, *entity.forms, *entity.titles)).casefold()
                    child.setHidden(bool(needle) and needle not in hay)
                    shown += not child.isHidden()
                group.setHidden(group.childCount() > 0 and shown == 0)

    def type_menu(self, entity: Entity) -> QMenu:
        """The menu that corrects an entity's type (the current one checked)."""
        menu = QMenu("Entity &Type", self)
        group = QActionGroup(menu)
        for label, name in TYPE_NAMES.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(entity.label == label)
            action.setData(label)
            group.addAction(action)
            action.triggered.connect(
                lambda _=False, k=entity.key, lab=label: self.typeCorrected.emit(k, lab))
        menu.addSeparator()
        undo = menu.addAction("Use Twofold's Own Type")
        undo.setEnabled(entity.key in self.corrections())
        undo.triggered.connect(lambda _=False, k=entity.key: self.typeCorrected.emit(k, None))
        return menu

    def _menu(self, tree: QTreeWidget, pos: QPoint) -> None:
        item = tree.itemAt(pos)
        entity = item.data(0, ENTITY_ROLE) if item is not None else None
        if not isinstance(entity, Entity):
            return
        menu = QMenu(self)
        menu.addMenu(self.type_menu(entity))
        menu.popup(tree.viewport().mapToGlobal(pos))

    def entities(self, side: str) -> tuple[Entity, ...]:
        """Entities listed for a side."""
        return self._entities[side]

    def item_for(self, side: str, key: str) -> QTreeWidgetItem | None:
        """The row of an entity, by key."""
        tree = self.trees[side]
        for g in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(g)
            for c in range(group.childCount()):
                entity = group.child(c).data(0, ENTITY_ROLE)
                if entity is not None and entity.key == key:
                    return group.child(c)
        return None

    def counterpart(self, side: str, entity: Entity) -> Entity | None:
        """The same entity in the other article, when shared."""
        other = self._entities["right" if side == "left" else "left"]
        return next((e for e in other if e.key == entity.key), None)

    def _clicked(self, side: str, item: QTreeWidgetItem) -> None:
        entity = item.data(0, ENTITY_ROLE)
        if isinstance(entity, Entity):
            self.entityActivated.emit(side, entity, self.counterpart(side, entity))
