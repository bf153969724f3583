"""The agenda's drawing surface: a time grid (day and week views, one column per day and
collaborator) or a month grid, with appointments as blocks and due tasks as markers.

Mouse work in the grid: drag across empty time to select a slot (creates an appointment), drag a
block to move it, drag its bottom edge to resize it, double-click to open. The mouse handlers
call `press`, `drag_to` and `release`, which tests call too, so both share one path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from uuid import UUID

from PySide6.QtCore import QDate, QEvent, QPointF, QRectF, QSize, Qt, QTime, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ekocrm_desktop.services.agenda import Occurrence

HOUR_HEIGHT = 44
GUTTER = 56
SNAP_MINUTES = 15
EDGE = 6
MIN_COLUMN = 56
#: Background colours of the collaborators' blocks, in column order.
PALETTE = ("#64b5f6", "#81c784", "#ffb74d", "#ba68c8", "#4db6ac", "#f06292", "#a1887f", "#90a4ae", "#dce775")


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of the time grid: a day, for one collaborator (None: everyone shown together)."""

    day: dt.date
    collaborator_id: UUID | None
    collaborator_name: str
    color_index: int


@dataclasses.dataclass
class Block:
    """Where an occurrence is drawn (one block per column it belongs to, per day it spans)."""

    occurrence: Occurrence
    column: int
    rect: QRectF
    start: dt.datetime
    end: dt.datetime


@dataclasses.dataclass
class _Drag:
    kind: str  # "select", "move", "resize"
    column: int
    anchor: dt.datetime
    block: Block | None = None
    offset: dt.timedelta = dt.timedelta(0)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    preview_column: int = 0
    moved: bool = False


class AgendaView(QWidget):
    """Paints a day, week or month and turns mouse gestures into requests the page carries out."""

    #: A slot was selected on empty time: (collaborator id or None, start, end), aware.
    slot_selected = Signal(object, object, object)
    #: A block was dragged (moved or resized): (occurrence, new start, new end, aware; the collaborator
    #: of the column it left and of the column it was dropped in, None when columns are not per person).
    block_dropped = Signal(object, object, object, object, object)
    #: A block or task was double-clicked.
    block_activated = Signal(object)
    #: A block or task was clicked (None: the selection was cleared).
    block_selected = Signal(object)
    #: A day of the month grid was double-clicked away from its entries.
    day_activated = Signal(object)
    #: Delete was pressed with an occurrence selected.
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.mode = "week"
        self.tz: dt.tzinfo = dt.UTC
        #: Where "today" and the red now-line are (the session's clock, set by the page).
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self.columns: list[Column] = []
        self.month_days: list[dt.date] = []
        self.month: int = 1
        self.occurrences: list[Occurrence] = []
        self.blocks: list[Block] = []
        self.selected: Occurrence | None = None
        self.editable = True
        self._drag: _Drag | None = None
        self._hint_more = ""

    def today(self) -> dt.date:
        """The day highlighted as today, in the agenda's time zone."""
        return self.clock().astimezone(self.tz).date()

    # ------------------------------------------------------------------ content
    def set_content(
        self,
        mode: str,
        columns: Sequence[Column],
        occurrences: Sequence[Occurrence],
        tz: dt.tzinfo,
        *,
        month_days: Sequence[dt.date] = (),
        month: int = 1,
    ) -> None:
        """What to draw; `columns` for the day and week views, `month_days` (whole weeks) for the month."""
        self.mode = mode
        self.columns = list(columns)
        self.occurrences = list(occurrences)
        self.tz = tz
        self.month_days = list(month_days)
        self.month = month
        if self.selected is not None:
            same = [o for o in self.occurrences if _same(o, self.selected)]
            self.selected = same[0] if same else None
        if mode == "month":
            self.setMinimumSize(7 * 90, 6 * 70)
        else:
            self.setMinimumSize(GUTTER + max(len(self.columns), 1) * MIN_COLUMN, 24 * HOUR_HEIGHT)
        self.relayout()
        self.update()

    def sizeHint(self) -> QSize:
        """Tall enough for the whole day (the scroll area shows 8:00 to 20:00 first)."""
        return QSize(900, 24 * HOUR_HEIGHT if self.mode != "month" else 600)

    def resizeEvent(self, event: object) -> None:
        """Blocks follow the column widths."""
        self.relayout()

    # ------------------------------------------------------------------ geometry
    def column_width(self) -> float:
        """The width of one column of the time grid."""
        return max((self.width() - GUTTER) / max(len(self.columns), 1), 1.0)

    def column_x(self, column: int) -> float:
        """Left edge of a column."""
        return GUTTER + column * self.column_width()

    def y_for(self, moment: dt.datetime, day: dt.date) -> float:
        """Vertical position of a moment in a day's column (clamped to that day)."""
        local = moment.astimezone(self.tz)
        if local.date() < day:
            return 0.0
        if local.date() > day:
            return 24.0 * HOUR_HEIGHT
        return (local.hour * 60 + local.minute + local.second / 60) / 60 * HOUR_HEIGHT

    def time_at(self, column: int, y: float) -> dt.datetime:
        """The moment (aware, UTC) at height `y` in a column, snapped to a quarter of an hour."""
        minutes = round(max(0.0, min(y, 24 * HOUR_HEIGHT)) / HOUR_HEIGHT * 60 / SNAP_MINUTES) * SNAP_MINUTES
        day = self.columns[column].day
        local = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
        return local.replace(tzinfo=self.tz).astimezone(dt.UTC)

    def column_at(self, x: float) -> int | None:
        """The column under `x`, None in the hour gutter."""
        if not self.columns or x < GUTTER:
            return None
        return min(int((x - GUTTER) // self.column_width()), len(self.columns) - 1)

    def point_for(self, column: int, moment: dt.datetime) -> QPointF:
        """A point inside a column at a moment (tests aim the mouse with it)."""
        day = self.columns[column].day
        return QPointF(self.column_x(column) + self.column_width() / 2, self.y_for(moment, day) + 1)

    def column_of(self, day: dt.date, collaborator_id: UUID | None = None) -> int:
        """The column of a day (and collaborator)."""
        for index, column in enumerate(self.columns):
            if column.day == day and (collaborator_id is None or column.collaborator_id == collaborator_id):
                return index
        raise KeyError(day)

    def blocks_of(self, activity_id: UUID) -> list[Block]:
        """Where an activity is drawn."""
        return [b for b in self.blocks if b.occurrence.activity_id == activity_id]

    def relayout(self) -> None:
        """Place every occurrence: per column and day, overlapping ones share the width in lanes."""
        self.blocks = []
        if self.mode == "month":
            self._layout_month()
            return
        per_column: dict[int, list[tuple[Occurrence, dt.datetime, dt.datetime]]] = {}
        # Columns by (day, collaborator): each occurrence goes straight to its few columns.
        by_key: dict[tuple[dt.date, UUID | None], int] = {
            (column.day, column.collaborator_id): index for index, column in enumerate(self.columns)
        }
        everyone = any(column.collaborator_id is None for column in self.columns)
        bounds: dict[dt.date, tuple[dt.datetime, dt.datetime]] = {}
        for column in self.columns:
            if column.day not in bounds:
                bounds[column.day] = (
                    dt.datetime.combine(column.day, dt.time(), self.tz),
                    dt.datetime.combine(column.day + dt.timedelta(days=1), dt.time(), self.tz),
                )
        for occurrence in self.occurrences:
            first = occurrence.start.astimezone(self.tz).date()
            last = max(occurrence.end - dt.timedelta(microseconds=1), occurrence.start).astimezone(self.tz).date()
            owners: tuple[UUID | None, ...] = (None,) if everyone else occurrence.people
            day = first
            while day <= last:
                if day in bounds:
                    day_start, day_end = bounds[day]
                    for person in owners:
                        index = by_key.get((day, person))
                        if index is None:
                            continue
                        if occurrence.kind == "task":
                            item = (occurrence, occurrence.start, occurrence.start)
                        else:
                            item = (occurrence, max(occurrence.start, day_start), min(occurrence.end, day_end))
                        per_column.setdefault(index, []).append(item)
                day += dt.timedelta(days=1)
        for index, items in per_column.items():
            day = self.columns[index].day
            items.sort(key=lambda item: (item[1], -(item[2] - item[1]).total_seconds()))
            lanes_end: list[dt.datetime] = []
            cluster: list[tuple[int, Occurrence, dt.datetime, dt.datetime]] = []
            cluster_end: dt.datetime | None = None

            for occ, start, end in items:
                visual_end = max(end, start + dt.timedelta(minutes=25))
                if cluster_end is not None and start >= cluster_end:
                    self._place(index, day, cluster, len(lanes_end))
                    cluster, lanes_end, cluster_end = [], [], None
                lane = next((i for i, e in enumerate(lanes_end) if e <= start), None)
                if lane is None:
                    lanes_end.append(visual_end)
                    lane = len(lanes_end) - 1
                else:
                    lanes_end[lane] = visual_end
                cluster.append((lane, occ, start, end))
                cluster_end = visual_end if cluster_end is None else max(cluster_end, visual_end)
            self._place(index, day, cluster, len(lanes_end))

    def _place(
        self, index: int, day: dt.date, cluster: list[tuple[int, Occurrence, dt.datetime, dt.datetime]], lanes: int
    ) -> None:
        """Blocks for a cluster of overlapping occurrences, each in its lane."""
        width = self.column_width()
        left = GUTTER + index * width
        lanes = max(lanes, 1)
        day_start = dt.datetime.combine(day, dt.time(), self.tz)
        day_end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), self.tz)
        # On a day of 24 hours, elapsed time gives the height without converting each time to
        # local time (thousands of blocks in a team's week); DST days go through `y_for`.
        regular = day_end - day_start == dt.timedelta(days=1)
        per_second = HOUR_HEIGHT / 3600
        for lane, occ, start, end in cluster:
            if regular:
                top = max((start - day_start).total_seconds(), 0.0) * per_second
                bottom = min((end - day_start).total_seconds() * per_second, 24.0 * HOUR_HEIGHT)
            else:
                top, bottom = self.y_for(start, day), self.y_for(end, day)
            height = max(bottom - top, 16.0 if occ.kind == "task" else 18.0)
            x = left + 2 + lane * (width - 4) / lanes
            rect = QRectF(x, top, (width - 4) / lanes - 1, height)
            self.blocks.append(Block(occ, index, rect, occ.start, occ.end))

    def _month_cell(self, index: int) -> QRectF:
        cell_w = self.width() / 7
        cell_h = self.height() / max(len(self.month_days) // 7, 1)
        return QRectF((index % 7) * cell_w, (index // 7) * cell_h, cell_w, cell_h)

    def _layout_month(self) -> None:
        line = self.fontMetrics().height() + 2
        for index, day in enumerate(self.month_days):
            cell = self._month_cell(index)
            todays = [
                o
                for o in self.occurrences
                if o.start.astimezone(self.tz).date()
                <= day
                <= (o.end - dt.timedelta(seconds=1)).astimezone(self.tz).date()
                or o.start.astimezone(self.tz).date() == day
            ]
            room = max(int((cell.height() - line - 4) // line), 1)
            if len(todays) > room:
                room = max(room - 1, 1)  # the last line says how many more there are
            for row, occurrence in enumerate(todays[:room]):
                rect = QRectF(cell.x() + 2, cell.y() + line + 2 + row * line, cell.width() - 4, line - 1)
                self.blocks.append(Block(occurrence, index, rect, occurrence.start, occurrence.end))

    # ------------------------------------------------------------------ gestures (shared by mouse and tests)
    def block_at(self, pos: QPointF) -> Block | None:
        """The topmost block under a point."""
        for block in reversed(self.blocks):
            if block.rect.contains(pos):
                return block
        return None

    def press(self, pos: QPointF) -> None:
        """Start a gesture: on a block's bottom edge a resize, on a block a move, elsewhere a selection."""
        self._drag = None
        block = self.block_at(pos)
        if self.mode == "month":
            self.select(block.occurrence if block else None)
            return
        column = self.column_at(pos.x())
        if column is None:
            return
        if block is not None:
            self.select(block.occurrence)
            occurrence = block.occurrence
            if not self.editable or occurrence.kind != "appointment":
                return
            at = self.time_at(column, pos.y())
            kind = "resize" if pos.y() >= block.rect.bottom() - EDGE else "move"
            self._drag = _Drag(
                kind,
                column,
                at,
                block=block,
                offset=at - occurrence.start,
                start=occurrence.start,
                end=occurrence.end,
                preview_column=block.column,
            )
            return
        self.select(None)
        if not self.editable:
            return
        at = self.time_at(column, pos.y() - HOUR_HEIGHT * SNAP_MINUTES / 120)
        self._drag = _Drag("select", column, at, start=at, end=at + dt.timedelta(minutes=SNAP_MINUTES))
        self._drag.preview_column = column
        self.update()

    def drag_to(self, pos: QPointF) -> None:
        """Follow the mouse: the selection grows, the block moves or stretches (snapped to 15 minutes)."""
        drag = self._drag
        if drag is None:
            return
        if drag.kind == "select":
            at = self.time_at(drag.column, pos.y())
            low, high = min(drag.anchor, at), max(drag.anchor, at)
            drag.start, drag.end = low, max(high, low + dt.timedelta(minutes=SNAP_MINUTES))
        elif drag.kind == "move" and drag.block is not None:
            column = self.column_at(pos.x())
            if column is None:
                column = drag.preview_column
            occurrence = drag.block.occurrence
            length = occurrence.end - occurrence.start
            at = self.time_at(column, pos.y() - drag.offset.total_seconds() / 3600 * HOUR_HEIGHT)
            drag.preview_column = column
            drag.start, drag.end = at, at + length
        elif drag.kind == "resize" and drag.block is not None:
            occurrence = drag.block.occurrence
            at = self.time_at(drag.block.column, pos.y())
            drag.start, drag.end = occurrence.start, max(at, occurrence.start + dt.timedelta(minutes=SNAP_MINUTES))
        drag.moved = True
        self.update()

    def release(self, pos: QPointF) -> None:
        """End the gesture and say what it asked for."""
        drag = self._drag
        if drag is None:
            return
        self.drag_to(pos)
        self._drag = None
        self.update()
        if drag.start is None or drag.end is None:
            return
        if drag.kind == "select":
            column = self.columns[drag.column]
            self.slot_selected.emit(column.collaborator_id, drag.start, drag.end)
        elif drag.block is not None and drag.moved:
            occurrence = drag.block.occurrence
            source = self.columns[drag.block.column].collaborator_id
            target = self.columns[drag.preview_column].collaborator_id
            if (drag.start, drag.end) != (occurrence.start, occurrence.end) or source != target:
                self.block_dropped.emit(occurrence, drag.start, drag.end, source, target)

    def activate(self, pos: QPointF) -> None:
        """Double-click: open what is there (in the month grid, an empty spot opens the day)."""
        self._drag = None
        block = self.block_at(pos)
        if block is not None:
            self.block_activated.emit(block.occurrence)
        elif self.mode == "month":
            for index, day in enumerate(self.month_days):
                if self._month_cell(index).contains(pos):
                    self.day_activated.emit(day)

    def select(self, occurrence: Occurrence | None) -> None:
        """Highlight one occurrence (or none)."""
        self.selected = occurrence
        self.block_selected.emit(occurrence)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the selected occurrence, Delete deletes it, Left and Right go to the previous or next one."""
        key = event.key()
        if self.selected is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.block_activated.emit(self.selected)
        elif self.selected is not None and key == Qt.Key.Key_Delete:
            self.delete_requested.emit(self.selected)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left) and self.blocks:
            ordered = sorted(self.blocks, key=lambda b: (b.start, b.column))
            keys = [(b.occurrence.activity_id, b.occurrence.original_start) for b in ordered]
            current = (
                keys.index((self.selected.activity_id, self.selected.original_start))
                if self.selected is not None and (self.selected.activity_id, self.selected.original_start) in keys
                else -1
            )
            step = 1 if key == Qt.Key.Key_Right else -1
            self.select(ordered[(current + step) % len(ordered)].occurrence)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """A tooltip on a block says what, when and where in full (blocks are often too narrow)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(QPointF(event.pos()))
            if block is None:
                QToolTip.hideText()
                event.ignore()
                return True
            occurrence = block.occurrence
            lines = [occurrence.subject]
            if occurrence.kind == "task":
                local = occurrence.start.astimezone(self.tz)
                lines.append(
                    self.locale().toString(QTime(local.hour, local.minute), self.locale().FormatType.ShortFormat)
                )
            else:
                lines.append(self._span_text(occurrence.start, occurrence.end))
            if occurrence.place:
                lines.append(occurrence.place)
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.press(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.drag_to(event.position())
            return
        block = self.block_at(event.position())
        on_edge = (
            block is not None
            and self.mode != "month"
            and block.occurrence.kind == "appointment"
            and event.position().y() >= block.rect.bottom() - EDGE
        )
        self.setCursor(Qt.CursorShape.SizeVerCursor if on_edge else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.release(event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate(event.position())

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.mode == "month":
            self._paint_month(painter)
        else:
            self._paint_grid(painter)
        painter.end()

    def _grid_pen(self, strong: bool) -> QPen:
        color = self.palette().color(QPalette.ColorRole.Mid)
        if not strong:
            color.setAlpha(90)
        return QPen(color, 1)

    def _paint_grid(self, painter: QPainter) -> None:
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        width = self.column_width()
        # Hours outside 8:00-20:00 are shaded like closed hours in desktop calendars.
        shade = palette.color(QPalette.ColorRole.AlternateBase)
        painter.fillRect(QRectF(GUTTER, 0, self.width() - GUTTER, 8 * HOUR_HEIGHT), shade)
        painter.fillRect(QRectF(GUTTER, 20 * HOUR_HEIGHT, self.width() - GUTTER, 4 * HOUR_HEIGHT), shade)
        today = self.today()
        for index, column in enumerate(self.columns):
            if column.day == today:
                highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
                highlight.setAlpha(22)
                painter.fillRect(QRectF(self.column_x(index), 0, width, 24 * HOUR_HEIGHT), highlight)
        locale = self.locale()
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        painter.setFont(small)
        for hour in range(24):
            y = hour * HOUR_HEIGHT
            painter.setPen(self._grid_pen(True))
            painter.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            painter.setPen(self._grid_pen(False))
            painter.drawLine(QPointF(GUTTER, y + HOUR_HEIGHT / 2), QPointF(self.width(), y + HOUR_HEIGHT / 2))
            if hour:
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                label = locale.toString(QTime(hour, 0), locale.FormatType.ShortFormat)
                painter.drawText(
                    QRectF(0, y - 8, GUTTER - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
                )
        collaborators = len({c.collaborator_id for c in self.columns})
        for index in range(len(self.columns) + 1):
            x = GUTTER + index * width
            day_edge = index % max(collaborators, 1) == 0
            painter.setPen(self._grid_pen(day_edge))
            painter.drawLine(QPointF(x, 0), QPointF(x, 24 * HOUR_HEIGHT))
        painter.setFont(self.font())
        for block in self.blocks:
            self._paint_block(painter, block)
        drag = self._drag
        if drag is not None and drag.start is not None and drag.end is not None:
            target = drag.preview_column
            day = self.columns[target].day
            top = self.y_for(drag.start, day)
            rect = QRectF(self.column_x(target) + 2, top, width - 4, max(self.y_for(drag.end, day) - top, 8.0))
            color = QColor(palette.color(QPalette.ColorRole.Highlight))
            color.setAlpha(90)
            painter.fillRect(rect, color)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                rect.adjusted(4, 2, -2, -2), Qt.AlignmentFlag.AlignLeft, self._span_text(drag.start, drag.end)
            )
        now = self.clock().astimezone(self.tz)
        for index, column in enumerate(self.columns):
            if column.day == now.date():
                painter.setPen(QPen(QColor("#e53935"), 2))
                now_y = self.y_for(now, column.day)
                painter.drawLine(QPointF(self.column_x(index), now_y), QPointF(self.column_x(index) + width, now_y))

    def _span_text(self, start: dt.datetime, end: dt.datetime) -> str:
        locale = self.locale()
        first = start.astimezone(self.tz)
        last = end.astimezone(self.tz)
        fmt = locale.FormatType.ShortFormat
        return (
            self.tr("%1 – %2")
            .replace("%1", locale.toString(QTime(first.hour, first.minute), fmt))
            .replace("%2", locale.toString(QTime(last.hour, last.minute), fmt))
        )

    def _block_color(self, block: Block) -> QColor:
        if self.mode == "month" or not self.columns:
            index = 0
            if block.occurrence.people:
                ids = list(dict.fromkeys(c.collaborator_id for c in self.columns))
                first = block.occurrence.people[0]
                index = ids.index(first) if first in ids else 0
        else:
            index = self.columns[block.column].color_index
        return QColor(PALETTE[index % len(PALETTE)])

    def _paint_block(self, painter: QPainter, block: Block) -> None:
        occurrence = block.occurrence
        color = self._block_color(block)
        selected = self.selected is not None and _same(self.selected, occurrence)
        dragged = self._drag is not None and self._drag.block is block and self._drag.moved
        rect = block.rect
        text_color = QColor("#1b1b1b")
        if occurrence.kind == "task":
            # A due task: a small flag at its time, not a block of time.
            painter.setPen(QPen(color.darker(160), 1))
            painter.setBrush(color.lighter(130) if not selected else color)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(text_color)
            done = occurrence.status in {"done", "cancelled"}
            mark = "☑" if done else "☐"
            painter.drawText(
                rect.adjusted(3, 0, -2, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.fontMetrics().elidedText(
                    f"{mark} {occurrence.subject}", Qt.TextElideMode.ElideRight, int(rect.width()) - 5
                ),
            )
            return
        fill = QColor(color)
        fill.setAlpha(110 if dragged else 220)
        painter.setPen(QPen(color.darker(170), 2 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(text_color)
        inner = rect.adjusted(4, 1, -3, -1)
        metrics = self.fontMetrics()
        if self.mode == "month":
            local = occurrence.start.astimezone(self.tz)
            time = self.locale().toString(QTime(local.hour, local.minute), self.locale().FormatType.ShortFormat)
            text = metrics.elidedText(f"{time} {occurrence.subject}", Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            return
        height = metrics.height()
        y = inner.top()
        if rect.height() > 2 * height:
            span = self._span_text(occurrence.start, occurrence.end)
            if metrics.horizontalAdvance(span) > inner.width():
                # Narrow columns (several collaborators side by side): the start time alone.
                local = occurrence.start.astimezone(self.tz)
                span = self.locale().toString(QTime(local.hour, local.minute), self.locale().FormatType.ShortFormat)
            if occurrence.recurring and metrics.horizontalAdvance(span + " ⟳") <= inner.width():
                span += " ⟳"  # a series, when there is room to say so
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), height),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(span, Qt.TextElideMode.ElideRight, int(inner.width())),
            )
            y += height
        # The subject wraps over the lines left (narrow blocks), keeping one for the place.
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        room = max(int((inner.bottom() + 2 - y) // height), 1)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        needed = bold_metrics.boundingRect(0, 0, max(int(inner.width()), 1), 10_000, flags, occurrence.subject)
        subject_lines = min(
            max(round(needed.height() / height), 1), room - 1 if occurrence.place and room > 1 else room
        )
        if any(bold_metrics.horizontalAdvance(word) > inner.width() for word in occurrence.subject.split()):
            subject_lines = 1  # a word wider than the block: one elided line reads better than cut words
        painter.setFont(bold)
        if subject_lines == 1:
            text = bold_metrics.elidedText(occurrence.subject, Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(QRectF(inner.left(), y, inner.width(), height), Qt.AlignmentFlag.AlignLeft, text)
        else:
            painter.save()
            box = QRectF(inner.left(), y, inner.width(), subject_lines * height)
            painter.setClipRect(box)
            painter.drawText(box, flags, occurrence.subject)
            painter.restore()
        y += subject_lines * height
        painter.setFont(self.font())
        if occurrence.place and y + height <= inner.bottom() + 2:
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), height),
                Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(occurrence.place, Qt.TextElideMode.ElideRight, int(inner.width())),
            )

    def _paint_month(self, painter: QPainter) -> None:
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        today = self.today()
        line = self.fontMetrics().height() + 2
        locale = self.locale()
        for index, day in enumerate(self.month_days):
            cell = self._month_cell(index)
            if day.month != self.month:
                painter.fillRect(cell, palette.color(QPalette.ColorRole.AlternateBase))
            if day == today:
                highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
                highlight.setAlpha(30)
                painter.fillRect(cell, highlight)
            painter.setPen(self._grid_pen(True))
            painter.drawRect(cell)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            label = locale.toString(QDate(day.year, day.month, day.day), "d MMM" if day.day == 1 else "d")
            painter.drawText(cell.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
        shown: dict[int, int] = {}
        for block in self.blocks:
            self._paint_block(painter, block)
            shown[block.column] = shown.get(block.column, 0) + 1
        for index, day in enumerate(self.month_days):
            cell = self._month_cell(index)
            total = sum(
                1
                for o in self.occurrences
                if o.start.astimezone(self.tz).date()
                <= day
                <= (o.end - dt.timedelta(seconds=1)).astimezone(self.tz).date()
                or o.start.astimezone(self.tz).date() == day
            )
            hidden = total - shown.get(index, 0)
            if hidden > 0:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    cell.adjusted(4, 0, -4, -2),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    self.tr("+%n more", "", hidden),
                )
        del line


def _same(a: Occurrence, b: Occurrence) -> bool:
    return a.activity_id == b.activity_id and a.original_start == b.original_start


class AgendaHeader(QWidget):
    """Day names (and collaborators under them) above the time grid, aligned with its columns."""

    def __init__(self, view: AgendaView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaHeader")
        self.view = view
        self.right_margin = 0
        #: How far the grid is scrolled sideways (the header follows it).
        self.offset = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """One line per level: days, then collaborators when several are side by side."""
        line = self.fontMetrics().height() + 8
        several = len({c.collaborator_id for c in self.view.columns}) > 1 and self.view.mode != "month"
        return QSize(400, line * (2 if several else 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        view = self.view
        locale = view.locale()
        line = self.fontMetrics().height() + 8
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        if view.mode == "month":
            cell_w = (self.width() - self.right_margin) / 7
            for index, day in enumerate(view.month_days[:7]):
                name = locale.dayName(day.isoweekday(), locale.FormatType.LongFormat)
                painter.drawText(QRectF(index * cell_w, 0, cell_w, line), Qt.AlignmentFlag.AlignCenter, name)
            painter.end()
            return
        painter.translate(-self.offset, 0)
        ids = list(dict.fromkeys(c.collaborator_id for c in view.columns))
        per_day = max(len(ids), 1)
        width = view.column_width()
        days = [c.day for c in view.columns[::per_day]]
        bold = QFont(self.font())
        bold.setBold(True)
        today = view.today()
        for index, day in enumerate(days):
            rect = QRectF(GUTTER + index * per_day * width, 0, per_day * width, line)
            painter.setFont(bold if day == today else self.font())
            text = locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM")
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())),
            )
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(rect.left(), 0), QPointF(rect.left(), self.height()))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 7.0))
        painter.setFont(small)
        if per_day > 1:
            for index, column in enumerate(view.columns):
                rect = QRectF(view.column_x(index), line, width, line)
                color = QColor(PALETTE[column.color_index % len(PALETTE)])
                painter.fillRect(rect.adjusted(1, 2, -1, -2), color.lighter(140))
                painter.setPen(QColor("#1b1b1b"))
                name = column.collaborator_name
                if self.fontMetrics().horizontalAdvance(name) > width - 4:
                    name = name.split(" ")[0]  # the first name tells colleagues apart in a narrow column
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignCenter,
                    self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(width) - 4),
                )
        painter.end()


__all__ = ["GUTTER", "HOUR_HEIGHT", "AgendaHeader", "AgendaView", "Block", "Column"]
