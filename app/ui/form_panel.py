"""The invoice form (right): check and complete the selected document's invoice, then import it.

Contract with the rest of the window
- :meth:`InvoiceFormPanel.set_document` (connected to ``QueuePanel.current_changed``): show a
  :class:`~app.jobs.document.DocumentRow`; the form edits ``row.draft`` in place, records the
  person's decisions in ``row.form`` (:class:`~app.jobs.document.FormState`) and asks
  :func:`app.jobs.document.refresh` (that is, :func:`app.jobs.prepare.prepare`) for the kind, the
  counterpart, the problems and the warnings — it decides none of them itself.
- :meth:`InvoiceFormPanel.set_session`: the :class:`~app.ui.session.Session` that gives the
  company (kind preset), its counterparts, accounts, products and categories.
- ``import_requested(row, draft)``: the Import button (Ctrl+Enter), only while no error stands.
- ``draft_changed(row)``: after every edit, once the row is prepared again (the queue and the
  status bar follow).

Everything is checked live by :func:`app.domain.balance.check`; each finding is shown next to the
field it concerns (icon + sentence, never colour alone) and the Import button says what is missing.
The form does no I/O itself: creating a counterpart runs through :func:`app.ui.tasks.run_task`.

This panel composes its parts (``app/ui/form/``), each a view of the draft: the header section
(:mod:`~app.ui.form.header`: type, counterpart, dates, number, currency, label), the lines section
(:mod:`~app.ui.form.lines_section`), the totals (:mod:`~app.ui.form.totals`), the analytic
categories (:mod:`~app.ui.form.categories`), the suggestions (:mod:`~app.ui.form.suggestions`) and,
under them, the Import button and its hint (:mod:`~app.ui.form.import_bar`). It holds the document,
the keyboard actions, the read-only and edit states, and the edits' way back to the draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from app.ui.form.actions import make_action
from app.ui.form.draft_edits import DraftEdits
from app.ui.form.header import CUSTOMER, SUPPLIER, kind_of
from app.ui.form.import_bar import ImportBar
from app.ui.form.reading import location_of, remembered, unsure_values, vat_breakdown
from app.ui.form.totals import TOTALS, BalanceStatus  # noqa: F401 - BalanceStatus: re-exported (tests, colours)


class InvoiceFormPanel(QWidget):
    import_requested = Signal(object, object)  # DocumentRow, draft
    draft_changed = Signal(object)  # DocumentRow
    save_requested = Signal(object, object)  # editing mode (issue 8): the row, the draft — never an import
    document_shown = Signal(object)  # the row the form now shows (None: nothing): the import boxes follow it
    edit_imported_requested = Signal(str, int)  # kind, Pennylane invoice id: "Edit in Pennylane…" on an imported row
    locate_requested = Signal(object)  # app.pdf.words.Box | None: show where a value was read (badge pointed at)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceForm")
        self.setAccessibleName(self.tr("Invoice form"))
        self.row: Any = None
        self.draft: Any = None
        self.session: Any = None
        self.findings: list[Any] = []
        self._loading = False
        self._announcing = False
        self._dialog: Any = None
        self.editing = False  # editing an invoice already in Pennylane (app/ui/edit_controller.py)

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("The invoice read from the selected document appears here"), self)
        self.placeholder.setObjectName("formPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack.addWidget(self.placeholder)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body = QWidget(self.scroll)
        self.body.setObjectName("invoiceFormBody")
        self.scroll.setWidget(self.body)
        self.stack.addWidget(self.scroll)

        self._built = False
        self.import_action = make_action(
            self, "importAction", self.tr("Import into Pennylane"), ["Ctrl+Return", "Ctrl+Enter"], self._import_clicked,
            self.tr("Import this invoice into Pennylane"), context=Qt.ShortcutContext.WindowShortcut)
        self.edits = DraftEdits(self)  # the sections' edits, written into the draft

        self.import_bar = ImportBar(self.import_action, self)
        self.import_hint = self.import_bar.hint
        self.import_button = self.import_bar.button
        self.import_button.clicked.connect(self._import_clicked)
        self.edit_imported_button = self.import_bar.edit_imported_button
        self.edit_imported_button.clicked.connect(self._edit_imported_clicked)
        # Named places the other controllers fill (never by inserting into this layout themselves):
        # "edit_banner" above everything (edit mode), "outcome" and "route" above the Import hint
        # (the import controller), "edit_extra" under the totals (built with the fields).
        self._slots: dict[str, QVBoxLayout] = {name: QVBoxLayout() for name in ("edit_banner", "outcome", "route")}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addLayout(self._slots["edit_banner"])
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._slots["outcome"])
        layout.addLayout(self._slots["route"])
        for widget in self.import_bar.widgets():
            layout.addWidget(widget)
        self._show_placeholder(None)

    def build(self) -> None:
        """Build the form's fields. Done on the first document (not at start-up: the window opens faster)."""
        if self._built:
            return
        self._built = True
        self._build_actions()
        self._build_header()
        self._build_lines()
        self._build_totals()
        self._build_categories()
        self._wire_badges()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(4, 4, 8, 4)
        body_layout.setSpacing(10)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.suggestions)
        body_layout.addWidget(self.header_box)
        body_layout.addWidget(self.lines_box, 1)
        body_layout.addWidget(self.totals_box)
        self._slots["edit_extra"] = QVBoxLayout()
        body_layout.addLayout(self._slots["edit_extra"])
        body_layout.addWidget(self.categories_box)
        body_layout.addStretch(0)
        self._set_tab_order()
        if self.session is not None:
            self._reference_changed()

    # ------------------------------------------------------------------------------------------
    # construction
    def place(self, slot: str, widget: QWidget) -> None:
        """Put ``widget`` in one of the form's named places (see ``__init__``); "edit_extra" builds the fields."""
        if slot == "edit_extra":
            self.build()
        widget.setParent(self.body if slot == "edit_extra" else self)
        self._slots[slot].addWidget(widget)

    def _build_actions(self) -> None:
        from app.ui.form.actions import FormActions
        from app.ui.form.lines import LinesView

        self.lines_view = LinesView(self)  # before the actions: Remove is the table's own
        self.actions = a = FormActions(self, self.lines_view)
        self.add_line_action, self.duplicate_line_action, self.remove_line_action = a.add_line, a.duplicate_line, a.remove_line
        self.lines_from_totals_action, self.lines_per_rate_action, self.product_action = a.lines_from_totals, a.lines_per_rate, a.product
        self.create_counterpart_action, self.refresh_action, self.add_category_action = a.create_counterpart, a.refresh, a.add_category

    def _build_header(self) -> None:
        from app.ui.form.header import HeaderSection
        from app.ui.form.suggestions import SuggestionsBar

        self.title = QLabel(self.body)
        self.title.setObjectName("documentTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.suggestions = SuggestionsBar(self.body)
        self.suggestions.chosen.connect(self.edits.suggestion)

        self.header_box = header = HeaderSection(self.refresh_action, self.body)
        header.kind_chosen.connect(self.edits.kind)
        header.credit_note_toggled.connect(self.edits.credit_note)
        header.field_edited.connect(self.edits.field)
        header.counterpart.chosen.connect(self.edits.counterpart)
        header.counterpart.create_requested.connect(self.create_counterpart)
        # the section's widgets under the names the window, the edit controller and the tests use
        self.kind_selector, self.credit_note_check = header.kind_selector, header.credit_note_check
        self.kind_badge, self.kind_warning = header.kind_badge, header.kind_warning
        self.counterpart, self.refresh_button = header.counterpart, header.refresh_button
        self.counterpart_label, self.counterpart_finding = header.counterpart_label, header.counterpart_finding
        self.header_fields = header.fields
        for field, h in header.fields.items():
            setattr(self, "currency_combo" if field == "currency" else f"{field}_edit", h.editor)
            setattr(self, f"{field}_badge", h.badge)
            if h.finding is not None:
                setattr(self, f"{field}_finding", h.finding)

    def _build_lines(self) -> None:
        from app.ui.form.lines_section import LinesSection

        self.lines_box = LinesSection(self.lines_view, self.actions.lines(), self._account_choices, lambda: self.draft, self.body)
        self.lines_model = self.lines_box.model
        self.lines_model.lines_changed.connect(self.edits.lines)
        self.lines_finding = self.lines_box.finding
        self.line_buttons = self.lines_box.buttons

    def _build_totals(self) -> None:
        from app.ui.form.totals import TotalsSection

        self.totals_box = TotalsSection(self.body)
        self.totals_box.total_edited.connect(self.edits.total)
        self.totals_box.validity_changed.connect(self.recheck)
        self.total_edits, self.total_badges = self.totals_box.edits, self.totals_box.badges
        self.total_sums, self.total_findings = self.totals_box.sums, self.totals_box.findings
        self.total_before_tax_edit, self.total_tax_edit, self.total_edit = (self.total_edits[f] for f in TOTALS)
        self.balance_status = self.totals_box.balance_status

    def _build_categories(self) -> None:
        from app.ui.form.categories import CategoriesEditor

        self.categories_box = QGroupBox(self.tr("Analytic cate&gories"), self.body)
        self.categories_box.setObjectName("categoriesBox")
        self.categories = CategoriesEditor(self.categories_box)
        self.categories.changed.connect(self.edits.categories)
        layout = QVBoxLayout(self.categories_box)
        layout.addWidget(self.categories)

    def _wire_badges(self) -> None:
        """Each value's badge, pointed at, shows on the preview where the value was read."""
        badges = {**{name: h.badge for name, h in self.header_fields.items() if name != "label"}, **self.total_badges}
        for field, badge in badges.items():
            badge.field = field
            badge.pointed.connect(self._badge_pointed)

    def _badge_pointed(self, field: str, shown: bool) -> None:
        self.locate_requested.emit(location_of(self.row, field) if shown else None)

    def _set_tab_order(self) -> None:
        """Tab goes through the fields top to bottom. The fields are built after the window (on the
        first document): without the first link, Qt would put them after the status bar's and the
        toolbar's widgets, which then came between the preview and "Type"."""
        chain = [
            self.scroll, *self.header_box.tab_chain(),
            *self.line_buttons[:4], self.lines_view, *self.line_buttons[4:],
            *self.total_edits.values(), self.categories.add_button, self.import_button,
        ]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        # Only now (Qt ignores a link from a widget that takes no focus): the scroll area itself is
        # no Tab stop — an invisible one before "Type".
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # ------------------------------------------------------------------------------------------
    # session and reference data
    def set_session(self, session: Any) -> None:
        self.session = session
        session.changed.connect(self._company_changed)
        session.defaults_changed.connect(self._company_changed)
        session.reference_data_changed.connect(self._reference_changed)
        self._reference_changed()

    @property
    def reference(self) -> Any:
        return getattr(self.session, "reference_data", None)

    @property
    def company(self) -> Any:
        return getattr(self.session, "company", None)

    def _company_changed(self) -> None:
        if not self._built:
            return
        self.refresh_action.setEnabled(getattr(self.session, "client", None) is not None)
        self._update_actions() if self.draft is not None else None
        if self.draft is not None and self.row is not None:
            self._prepare()
            self._load_widgets()
            self.recheck()

    def _reference_changed(self) -> None:
        if not self._built:
            return
        data = self.reference
        self.counterpart.set_reference(data)
        self.categories.set_reference(data)
        kind = kind_of(self.draft) if self.draft is not None else SUPPLIER
        self.lines_model.set_accounts(data.accounts_for(kind) if data else [])
        self.refresh_action.setEnabled(self.session is not None and getattr(self.session, "client", None) is not None)
        if self.draft is not None and self.row is not None:
            draft = self.draft
            self._prepare()
            if self.draft is not draft:
                self._load_widgets()
            self._load_counterpart()
            self._update_actions()
            self.recheck()

    def _account_choices(self) -> list[tuple[str, str]]:
        data = self.reference
        if data is None or self.draft is None:
            return []
        return [(a.display(), a.number) for a in data.accounts_for(kind_of(self.draft))]

    def refresh_reference(self) -> None:
        if self.session is not None:
            self.session.refresh_reference_data()

    # ------------------------------------------------------------------------------------------
    # the document
    def set_document(self, row: Any) -> None:
        """Show ``row`` (a DocumentRow, or None): its draft becomes what the form edits."""
        another = row is not self.row
        self.row = row
        draft = getattr(row, "draft", None)
        if draft is None:
            self.draft = None
            self._show_placeholder(row)
            self._apply_read_only()
            self.document_shown.emit(row)
            return
        self.build()
        self.draft = draft
        self._prepare()
        self._load_widgets()
        self.stack.setCurrentWidget(self.scroll)
        if another:  # another invoice starts at its top (Type, Supplier), not where the last one was left
            self.scroll.verticalScrollBar().setValue(0)
            self.scroll.horizontalScrollBar().setValue(0)
        self.recheck()
        self._apply_read_only()
        self.document_shown.emit(row)

    def row_updated(self, row: Any) -> None:
        """The queue re-read, re-prepared or imported a row: refresh if it is the one shown."""
        if row is not self.row or self._announcing:
            return
        if getattr(row, "draft", None) is not self.draft:
            self.set_document(row)
        elif self.draft is not None:
            self._load_counterpart()
            self.recheck()  # its status changed (e.g. imported): the Import button follows
            self._apply_read_only()
        else:
            self._show_placeholder(row)  # e.g. its reading ended with no invoice

    def _state(self) -> Any:
        """The person's decisions for the shown row (:class:`app.jobs.document.FormState`)."""
        from app.jobs.document import FormState

        state = getattr(self.row, "form", None)
        return state if state is not None else FormState()

    def _prepare(self) -> Any:
        """Ask :func:`app.jobs.document.refresh` again (kind, counterpart, problems, warnings);
        the draft may come back as another kind. Returns the :class:`~app.jobs.prepare.Prepared`."""
        from app.jobs.document import refresh

        prepared = refresh(self.row, self.company, self.reference)
        self.draft = self.row.draft
        return prepared

    @property
    def prepared(self) -> Any:
        return getattr(self.row, "prepared", None)

    def _show_placeholder(self, row: Any) -> None:
        if row is None:
            text = self.tr("The invoice read from the selected document appears here")
        else:
            reason = getattr(row, "reason", None)
            status = getattr(getattr(row, "status", None), "value", "")
            if status == "reading":
                text = self.tr("Reading “%1”…").replace("%1", row.name)
            elif reason is not None:
                text = f"{row.name}\n\n{reason}"
            else:
                text = self.tr("No invoice could be read from “%1”.").replace("%1", row.name)
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
        self.import_bar.disable()

    # ------------------------------------------------------------------------------------------
    # draft -> widgets
    def _load_widgets(self) -> None:
        d = self.draft
        self._loading = True
        try:
            kind = kind_of(d)
            memory = lambda field: remembered(self.row, field)  # noqa: E731 - the badges' "remembered" tooltips
            self.title.setText(getattr(self.row, "name", "") or self.tr("Invoice"))
            self.header_box.load(d, memory)
            self._load_counterpart()
            self.totals_box.load(d, memory)
            data = self.reference
            self.lines_box.load(d, data.accounts_for(kind) if data else [], self.editing)
            self.categories.set_weights(list(d.categories))
            self._load_suggestions()
            self._update_actions()
        finally:
            self._loading = False

    def _load_suggestions(self) -> None:
        """What the reader was unsure of, offered for the fields still empty (never filled)."""
        self.suggestions.offer(unsure_values(self.row) if not self.editing else {}, self.draft)

    def _load_counterpart(self) -> None:
        from app.ui.form.header import party_known

        d = self.draft
        state = self._state()
        self._loading, was = True, self._loading
        try:
            searched = self.reference is not None and bool(state.matched_kind) and party_known(d)
            self.header_box.show_counterpart(d, state, searched)
        finally:
            self._loading = was
        self._update_warnings()
        self._update_actions()

    def _update_warnings(self) -> None:
        """What prepare() warns about the kind and the seller's IBAN, beside them."""
        self.header_box.show_kind_warning(self.prepared, self.company)
        self.header_box.show_iban_warning(self.draft, self.prepared)

    def _update_actions(self) -> None:
        """The actions that depend on the document, the session and whether the row is editable."""
        has = self.draft is not None
        editable = has and not self.read_only
        customer = has and kind_of(self.draft) == CUSTOMER
        data = self.reference
        self.product_action.setEnabled(bool(editable and customer and data and data.products))
        self.product_action.setVisible(bool(customer))
        breakdown = vat_breakdown(self.row)
        self.lines_per_rate_action.setEnabled(bool(editable and breakdown))
        self.lines_per_rate_action.setVisible(bool(breakdown))
        self.lines_box.show_buttons()
        offered = editable and self.draft.counterpart_id is None
        can = bool(has and data is not None and getattr(self.session, "client", None))
        self.create_counterpart_action.setEnabled(bool(offered and can))
        self.counterpart.offer_creation(bool(offered), can)

    # ------------------------------------------------------------------------------------------
    # lines actions
    def add_line(self) -> None:
        self.lines_box.add_line()

    def duplicate_line(self) -> None:
        self.lines_box.duplicate_line()

    def remove_lines(self) -> None:
        self.lines_box.remove_lines()

    def lines_from_totals(self) -> None:
        self.lines_box.lines_from_totals()

    def lines_per_rate(self) -> None:
        self.lines_box.lines_per_rate(vat_breakdown(self.row))

    def pick_product(self) -> None:
        data = self.reference
        if self.draft is None or kind_of(self.draft) != CUSTOMER or not data or not data.products:
            return
        from app.ui.form.products import ProductDialog

        dialog = ProductDialog(data.products, self)
        dialog.chosen.connect(self.lines_box.product_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------------------------------
    # counterpart creation
    def create_counterpart(self) -> None:
        if self.draft is None or self.session is None or getattr(self.session, "client", None) is None:
            return
        from app.ui.form.counterpart import CounterpartDialog

        kind = kind_of(self.draft)
        dialog = CounterpartDialog(kind, self.draft.counterpart_party, self.session, self)
        dialog.created.connect(self.edits.counterpart_created)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def add_category(self) -> None:
        if self.draft is not None and self.categories.add_button.isEnabled():
            self.categories.add_row()

    # ------------------------------------------------------------------------------------------
    # checking
    def recheck(self) -> None:
        """Run the domain's rules and show each finding next to its field; enable Import or say why not."""
        if self.draft is None:
            return
        from app.domain import balance

        prepared = self.prepared
        if prepared is None or prepared.draft is not self.draft:
            prepared = self._prepare()
        findings = list(prepared.findings)
        self.findings = findings

        def about(field: str) -> list[Any]:
            return balance.findings_for(findings, field)

        self.header_box.show_findings(about)
        # Totals: an unreadable entry first, then the rules; the balance sentence.
        blocking: list[str] = self.totals_box.unreadable()
        self.totals_box.show_check(self.draft, findings, about, balance.totals_of_lines(self.draft))
        blocking += self.lines_box.show_check(findings)  # unreadable cells, then every lines[...] finding
        blocking += self.categories.problems()
        self._update_warnings()
        self.import_bar.show_readiness(prepared, findings, blocking, self.row, self.editing)

    # ------------------------------------------------------------------------------------------
    def _import_clicked(self) -> None:
        if self.draft is None or self.row is None:
            return
        self.recheck()
        if not self.import_button.isEnabled():
            return
        if self.editing:  # the invoice is already in Pennylane: save the changes, never import it again
            self.save_requested.emit(self.row, self.draft)
            return
        self.import_requested.emit(self.row, self.draft)

    @property
    def read_only(self) -> bool:
        """An imported row (not in edit mode) is what it is in Pennylane: shown, not editable."""
        return not self.editing and getattr(getattr(self.row, "status", None), "value", None) == "imported"

    def _apply_read_only(self) -> None:
        """Lock or unlock every field for :attr:`read_only`, and offer edit mode for an imported row."""
        read_only = self.read_only
        invoice_id = getattr(getattr(self.row, "imports", None), "invoice_id", None)
        self.edit_imported_button.setVisible(read_only and invoice_id is not None)
        if not self._built:
            return
        self.header_box.set_read_only(read_only, self.editing)
        self.categories.setEnabled(not read_only)
        self.totals_box.set_read_only(read_only)
        self.lines_box.set_read_only(read_only)
        self.actions.set_read_only(read_only)
        if self.draft is not None:
            self._update_actions()  # product, per-rate and create depend on the document and the session
        else:
            self.product_action.setEnabled(False)
            self.lines_per_rate_action.setEnabled(False)

    def _edit_imported_clicked(self) -> None:
        imports = getattr(self.row, "imports", None)
        if imports is None or imports.invoice_id is None or self.draft is None:
            return
        self.edit_imported_requested.emit(imports.kind or kind_of(self.draft), int(imports.invoice_id))

    def set_editing(self, editing: bool) -> None:
        """Editing mode (issue 8): the Import button (still ``importButton``) becomes "Save changes"
        and emits :attr:`save_requested`; the type and credit-note switches are locked (Pennylane
        cannot change them); analytic categories are saved by their own endpoint after the invoice."""
        if hasattr(self, "build"):  # the fields are built on the first document
            self.build()
        self.editing = editing
        self.import_bar.set_editing(editing)
        self.categories_box.setVisible(True)  # saved through PUT …/categories when editing
        self._apply_read_only()
        if self.draft is not None:
            self.lines_box.fit(self.draft, editing)
            self.recheck()
