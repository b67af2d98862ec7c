"""The form's edits on their way back to the draft: each section says what the person changed
(a field, a total, the type, the credit note, the counterpart, the categories, the lines, a
suggestion taken); this writes it into ``row.draft`` — the value's provenance is then the person's
—, records the decision in ``row.form`` (:class:`app.jobs.document.FormState`), has the row
prepared again and announces it (``draft_changed``). Nothing is written while the form loads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject

from app.ui.form.header import kind_of
from app.ui.form.totals import TOTALS
from app.ui.form.widgets import ProvenanceBadge


class DraftEdits(QObject):
    def __init__(self, form: Any) -> None:
        super().__init__(form)
        self.form = form

    def _open(self) -> bool:
        """Whether an edit is the person's (not the form loading) and there is a draft to write."""
        return not self.form._loading and self.form.draft is not None

    def _touched(self, field: str, badge: ProvenanceBadge | None) -> None:
        self.form.draft.provenance.pop(field, None)
        if badge is not None:
            badge.set_provenance(None)

    def field(self, field: str, value: Any) -> None:
        """A plain header field (date, due date, number, currency, label)."""
        if not self._open():
            return
        try:
            setattr(self.form.draft, field, value)
        except ValueError:
            return
        self._touched(field, self.form.header_fields[field].badge)
        self.edited()

    def total(self, field: str, value: Decimal | None) -> None:
        if not self._open():
            return
        setattr(self.form.draft, field, value)
        self._touched(field, self.form.total_badges[field])
        self.edited()

    def suggestion(self, field: str, value: Any) -> None:
        """The person took a suggestion: it fills the field as if typed."""
        form = self.form
        if field in TOTALS:
            form.total_edits[field].set_value(value)
            self.total(field, value)
        elif field in form.header_fields:
            form.header_fields[field].set_value(value)
            self.field(field, value)
        form._load_suggestions()

    def credit_note(self, checked: bool) -> None:
        if not self._open():
            return
        self.form.draft.credit_note = checked
        self._touched("credit_note", self.form.kind_badge)
        self.edited()

    def kind(self, kind: str) -> None:
        """Purchase or sale, chosen: the row is prepared again as that kind (from the reading while
        nothing was typed) and matched again."""
        form = self.form
        if not self._open() or kind == kind_of(form.draft):
            return
        state = form._state()
        state.kind_decided = kind
        state.matched_kind = None
        state.counterpart_decided = False
        state.match = None
        form._prepare()
        form._load_widgets()
        self.edited()

    def counterpart(self, counterpart: Any) -> None:
        """A counterpart chosen in the list, or a name typed (None: not one of the list)."""
        form = self.form
        if not self._open():
            return
        form.draft.counterpart_id = counterpart.id if counterpart else None
        form.draft.counterpart_name = counterpart.name if counterpart else (form.counterpart.combo.currentText().strip() or None)
        form._state().counterpart_decided = True
        form._state().match = None
        self._touched("counterpart_name", None)
        form._update_actions()  # a chosen counterpart is not offered for creation
        self.edited()

    def counterpart_created(self, counterpart: Any) -> None:
        """The counterpart the person just created in Pennylane becomes the invoice's."""
        form = self.form
        if form.draft is None or counterpart.kind != kind_of(form.draft):
            return
        form.draft.counterpart_id = counterpart.id
        form.draft.counterpart_name = counterpart.name
        form._state().counterpart_decided = True
        form._state().match = None
        form.counterpart.set_reference(form.reference)
        form._load_counterpart()
        form.counterpart.match_label.set_message("ok", self.tr("Created in Pennylane"))
        self.edited()

    def categories(self) -> None:
        if not self._open():
            return
        from app.domain.invoice import CategoryWeight

        self.form.draft.categories = [
            CategoryWeight(category_id=w.category_id, group_id=w.group_id, weight=w.weight) for w in self.form.categories.weights()
        ]
        self.edited()

    def lines(self) -> None:
        if self._open():
            self.edited()

    def edited(self) -> None:
        """Record the edit, prepare the row again, show the check, and announce the change."""
        form = self.form
        form._state().edited = True
        form._prepare()
        form.recheck()
        form._announcing = True  # the queue's echo of this change must not reload the widgets being typed in
        try:
            form.draft_changed.emit(form.row)
        finally:
            form._announcing = False
