"""Analytic categories: per group, categories with weights in percent that must sum to 100."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_percent, percent_suffix
from app.pennylane.reference_cache import ReferenceData
from app.ui.form.widgets import FindingLabel, widen_combo_popup

HUNDRED = Decimal(100)


class Weight(NamedTuple):
    category_id: int
    group_id: int | None
    weight: Decimal  # percent


class _Row:
    def __init__(self, editor: "CategoriesEditor") -> None:
        self.combo = QComboBox(editor)
        self.combo.setObjectName("categoryCombo")
        self.combo.setAccessibleName(editor.texts["category"])
        self.combo.setMinimumContentsLength(14)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widen_combo_popup(self.combo)
        self.weight = QDoubleSpinBox(editor)
        self.weight.setObjectName("categoryWeight")
        self.weight.setAccessibleName(editor.texts["weight"])
        self.weight.setRange(0, 100)
        self.weight.setDecimals(2)
        self.weight.setSuffix(percent_suffix())
        self.weight.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remove = QToolButton(editor)
        self.remove.setObjectName("removeCategoryButton")
        self.remove.setText("✕")
        self.remove.setToolTip(editor.texts["remove"])
        self.remove.setAccessibleName(editor.texts["remove"])
        self.auto_weight = True


class CategoriesEditor(QWidget):
    """Rows of (category, weight %). ``changed`` on every edit; :meth:`problems` says what is wrong."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesEditor")
        self.setAccessibleName(self.tr("Analytic categories"))
        self.data: ReferenceData | None = None
        self.rows: list[_Row] = []
        self.texts = {
            "category": self.tr("Category"),
            "weight": self.tr("Weight in percent"),
            "remove": self.tr("Remove this category"),
            "choose": self.tr("Choose a category…"),
        }
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.empty_label = QLabel(self.tr("No analytic category."), self)
        self.empty_label.setEnabled(False)
        self.add_button = QPushButton(self.tr("Add a category"), self)
        self.add_button.setObjectName("addCategoryButton")
        self.add_button.setToolTip(self.tr("Add an analytic category (Ctrl+Shift+K)"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.sums_label = FindingLabel(self, "categoriesStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)
        layout.addWidget(self.sums_label)
        self._update_state()

    # --- data ---
    def set_reference(self, data: ReferenceData | None) -> None:
        kept = self.weights()
        self.data = data
        self.set_weights(kept, emit=False)

    def _choices(self) -> list[tuple[str, int, int | None]]:
        if self.data is None:
            return []
        groups = {g.id: g.label for g in self.data.category_groups}
        out = []
        for c in self.data.categories:
            group = groups.get(c.group_id)
            out.append((f"{group} › {c.label}" if group else c.label, c.id, c.group_id))
        return sorted(out, key=lambda t: t[0].casefold())

    def add_row(self, category_id: int | None = None, weight: Decimal | None = None, *, emit: bool = True) -> _Row:
        """A new row. "Add a category" (no ``category_id``) chooses none — the person does, from
        "Choose a category…" — and proposes what is left to allocate (:meth:`_left_to_allocate`);
        the weight follows the category chosen until it is typed."""
        row = _Row(self)
        row.combo.setPlaceholderText(self.texts["choose"])
        for text, cid, gid in self._choices():
            row.combo.addItem(text, (cid, gid))
        index = next((i for i in range(row.combo.count()) if row.combo.itemData(i)[0] == category_id), -1)
        row.combo.setCurrentIndex(index)
        row.auto_weight = weight is None
        if weight is None:
            data = row.combo.currentData()
            weight = self._remaining(data[1]) if data else self._left_to_allocate()
        row.weight.setValue(float(weight))
        row.combo.currentIndexChanged.connect(lambda _i: self._category_changed(row))
        row.weight.valueChanged.connect(lambda _v: self._weight_typed(row))
        row.remove.clicked.connect(lambda: self.remove_row(row))
        i = len(self.rows)
        self.grid.addWidget(row.combo, i, 0)
        self.grid.addWidget(row.weight, i, 1)
        self.grid.addWidget(row.remove, i, 2)
        self.rows.append(row)
        self._update_state()
        if emit:
            row.combo.setFocus()
            self.changed.emit()
        return row

    def _sums(self, exclude: _Row | None = None) -> dict[int | None, Decimal]:
        sums: dict[int | None, Decimal] = {}
        for r in self.rows:
            data = r.combo.currentData()
            if r is not exclude and data:
                sums[data[1]] = sums.get(data[1], Decimal(0)) + Decimal(str(round(r.weight.value(), 2)))
        return sums

    def _remaining(self, group_id: int | None, exclude: _Row | None = None) -> Decimal:
        return max(Decimal(0), HUNDRED - self._sums(exclude).get(group_id, Decimal(0)))

    def _left_to_allocate(self) -> Decimal:
        """For a row with no category yet: what the first group not yet at 100 % still misses
        (the person is splitting it), 100 % when every group started is complete (a new one)."""
        for total in self._sums().values():
            if total < HUNDRED:
                return HUNDRED - total
        return HUNDRED

    def _category_changed(self, row: _Row) -> None:
        if row.auto_weight and row.combo.currentData():
            row.weight.blockSignals(True)
            row.weight.setValue(float(self._remaining(row.combo.currentData()[1], exclude=row)))
            row.weight.blockSignals(False)
        self._edited()

    def _weight_typed(self, row: _Row) -> None:
        row.auto_weight = False
        self._edited()

    def remove_row(self, row: _Row) -> None:
        for widget in (row.combo, row.weight, row.remove):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.rows.remove(row)
        # Re-pack the grid so that tab order and layout stay in row order.
        for i, r in enumerate(self.rows):
            self.grid.addWidget(r.combo, i, 0)
            self.grid.addWidget(r.weight, i, 1)
            self.grid.addWidget(r.remove, i, 2)
        self._update_state()
        self.changed.emit()

    def set_weights(self, weights: list[Weight] | list, *, emit: bool = False) -> None:
        for row in list(self.rows):
            for widget in (row.combo, row.weight, row.remove):
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows.clear()
        for w in weights:
            cid = getattr(w, "category_id", None)
            self.add_row(cid, Decimal(str(getattr(w, "weight", 0) or 0)), emit=False)
        self._update_state()
        if emit:
            self.changed.emit()

    def weights(self) -> list[Weight]:
        out = []
        for row in self.rows:
            data = row.combo.currentData()
            if data:
                out.append(Weight(data[0], data[1], Decimal(str(round(row.weight.value(), 2)))))
        return out

    # --- validation ---
    def problems(self) -> list[str]:
        """One sentence per group whose weights do not sum to 100 %, or per unchosen/duplicate row."""
        problems = []
        if any(row.combo.currentIndex() < 0 for row in self.rows):
            problems.append(self.tr("Choose a category on every row, or remove the empty row."))
        ids = [w.category_id for w in self.weights()]
        if len(ids) != len(set(ids)):
            problems.append(self.tr("A category appears twice."))
        groups = {g.id: g.label for g in self.data.category_groups} if self.data else {}
        sums: dict[int | None, Decimal] = {}
        for w in self.weights():
            sums[w.group_id] = sums.get(w.group_id, Decimal(0)) + w.weight
        for gid, total in sums.items():
            if total != HUNDRED:
                problems.append(
                    self.tr("Group “%1”: the weights add up to %2, not %3.")
                    .replace("%1", groups.get(gid, "?"))
                    .replace("%2", format_percent(total)).replace("%3", format_percent(HUNDRED))
                )
        return problems

    def _edited(self) -> None:
        self._update_state()
        self.changed.emit()

    def _update_state(self) -> None:
        has_choices = bool(self._choices())
        self.add_button.setEnabled(has_choices)
        self.empty_label.setVisible(not self.rows)
        if not has_choices and not self.rows:
            self.empty_label.setText(self.tr("This company has no analytic category."))
        else:
            self.empty_label.setText(self.tr("No analytic category."))
        problems = self.problems()
        if problems:
            self.sums_label.set_message("error", "\n".join(problems))
        else:
            self.sums_label.clear()
