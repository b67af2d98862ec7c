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
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_percent
from app.ui.keys import with_keys
from app.ui.form.totals import TOTALS, BalanceStatus  # noqa: F401 - BalanceStatus: re-exported (tests, colours)
from app.ui.form.widgets import (
    FindingLabel,
    OptionalDateEdit,
    ProvenanceBadge,
    severity_name,
)

SUPPLIER = "supplier"
CUSTOMER = "customer"


def _kind_of(draft: Any) -> str:
    return str(getattr(draft.kind, "value", draft.kind))


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
        self.import_action = self._action(
            "importAction", self.tr("Import into Pennylane"), ["Ctrl+Return", "Ctrl+Enter"], self._import_clicked,
            self.tr("Import this invoice into Pennylane"), context=Qt.ShortcutContext.WindowShortcut)

        self.import_hint = FindingLabel(self, "importHint")
        self.import_button = QPushButton(self.tr("I&mport into Pennylane"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(False)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._import_clicked)
        self.import_button.setMinimumHeight(self.import_button.sizeHint().height() + 6)
        self.edit_imported_button = QPushButton(self.tr("&Edit in Pennylane…"), self)
        self.edit_imported_button.setObjectName("editImportedButton")
        self.edit_imported_button.setToolTip(self.tr("This invoice is in Pennylane: open it in edit mode to change it there"))
        self.edit_imported_button.clicked.connect(self._edit_imported_clicked)
        self.edit_imported_button.hide()
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
        layout.addWidget(self.import_hint)
        layout.addWidget(self.import_button)
        layout.addWidget(self.edit_imported_button)
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

    def _action(self, name: str, text: str, shortcuts: list, slot: Any, tip: str, widget: QWidget | None = None,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(context)
        action.setToolTip(with_keys(tip, shortcuts))  # app/ui/keys: "Ctrl+Entrée", not "Ctrl+Retour"
        action.triggered.connect(slot)
        (widget or self).addAction(action)
        return action

    def _build_actions(self) -> None:
        from app.ui.form.lines import LinesView

        self.lines_view = LinesView(self)
        self.add_line_action = self._action(
            "addLineAction", self.tr("Add"), [QKeySequence.StandardKey.New, Qt.Key.Key_Insert], self.add_line, self.tr("Add a line"))
        self.duplicate_line_action = self._action(
            "duplicateLineAction", self.tr("Duplicate"), ["Ctrl+D"], self.duplicate_line, self.tr("Duplicate the selected line"))
        self.remove_line_action = self._action(
            "removeLineAction", self.tr("Remove"), [], self.remove_lines,  # Delete: the window's deleteAction
            self.tr("Remove the selected lines"), widget=self.lines_view, context=Qt.ShortcutContext.WidgetShortcut)
        self.lines_from_totals_action = self._action(
            "linesFromTotalsAction", self.tr("One line from the totals"), ["Ctrl+T"], self.lines_from_totals,
            self.tr("Replace the lines with a single line made from the declared totals"))
        self.lines_per_rate_action = self._action(
            "linesPerRateAction", self.tr("One line per VAT rate"), ["Ctrl+R"], self.lines_per_rate,
            self.tr("Replace the lines with one line per VAT rate of the Factur-X breakdown"))
        self.product_action = self._action(
            "productAction", self.tr("Product…"), ["Ctrl+P"], self.pick_product,
            self.tr("Fill the selected line from the product catalogue"))
        self.create_counterpart_action = self._action(
            "createCounterpartAction", self.tr("Create…"), ["Ctrl+Shift+N"], self.create_counterpart,
            self.tr("Create the counterpart in Pennylane"))
        self.refresh_action = self._action(
            "refreshReferenceAction", self.tr("Refresh"), [QKeySequence.StandardKey.Refresh], self.refresh_reference,
            self.tr("Reload customers, suppliers, accounts, products and categories from Pennylane"))
        self.add_category_action = self._action(
            "addCategoryAction", self.tr("Add a category"), ["Ctrl+Shift+K"], self._add_category, self.tr("Add an analytic category"))

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self.body)
        label.setBuddy(buddy)
        buddy.setAccessibleName(text.replace("&", "").rstrip(" :"))
        return label

    def _with_badge(self, editor: QWidget, badge: ProvenanceBadge, finding: FindingLabel | None = None) -> QWidget:
        box = QWidget(self.body)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(editor, 1)
        row.addWidget(badge)
        outer.addLayout(row)
        if finding is not None:
            outer.addWidget(finding)
        return box

    def _build_header(self) -> None:
        from app.ui.form.counterpart import CounterpartPicker

        self.title = QLabel(self.body)
        self.title.setObjectName("documentTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        from app.ui.form.suggestions import SuggestionsBar

        self.suggestions = SuggestionsBar(self.body)
        self.suggestions.chosen.connect(self._suggestion_chosen)

        self.header_box = QGroupBox(self.tr("Invoice"), self.body)
        self.header_box.setObjectName("invoiceHeaderBox")
        grid = QGridLayout(self.header_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.kind_selector = QComboBox(self.body)
        self.kind_selector.setObjectName("kindSelector")
        self.kind_selector.addItem(self.tr("Purchase (supplier invoice)"), SUPPLIER)
        self.kind_selector.addItem(self.tr("Sale (customer invoice)"), CUSTOMER)
        self.kind_selector.currentIndexChanged.connect(self._kind_chosen)
        self.credit_note_check = QCheckBox(self.tr("Credit n&ote"), self.body)
        self.credit_note_check.setObjectName("creditNoteCheck")
        self.credit_note_check.setToolTip(self.tr("A credit note: its amounts are negative"))
        self.credit_note_check.toggled.connect(self._credit_note_toggled)
        self.kind_badge = ProvenanceBadge(self.body)
        kind_row = QHBoxLayout()
        kind_row.setSpacing(8)
        kind_row.addWidget(self.kind_selector, 1)
        kind_row.addWidget(self.credit_note_check)
        kind_row.addWidget(self.kind_badge)
        self.kind_warning = FindingLabel(self.body, "kindWarning")
        grid.addWidget(self._label(self.tr("&Type:"), self.kind_selector), 0, 0)
        grid.addLayout(kind_row, 0, 1, 1, 3)
        grid.addWidget(self.kind_warning, 1, 1, 1, 3)

        self.counterpart = CounterpartPicker(self.body)
        self.counterpart.chosen.connect(self._counterpart_chosen)
        self.counterpart.create_requested.connect(self.create_counterpart)
        self.refresh_button = QToolButton(self.body)
        self.refresh_button.setObjectName("refreshReferenceButton")
        self.refresh_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.setDefaultAction(self.refresh_action)
        self.refresh_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.refresh_button.setAccessibleName(self.refresh_action.text())
        self.counterpart.tools.addWidget(self.refresh_button)
        self.counterpart_label = self._label(self.tr("&Supplier:"), self.counterpart.combo)
        self.counterpart_finding = FindingLabel(self.body, "counterpartFinding")
        # Level with the combo, not centred on the combo and the messages under it.
        self.counterpart_label.setMinimumHeight(self.counterpart.combo.sizeHint().height())
        grid.addWidget(self.counterpart_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.counterpart, 2, 1, 1, 3)
        grid.addWidget(self.counterpart_finding, 3, 1, 1, 3)

        # The header's plain fields, one row each (a new field is one row): draft field, label,
        # object name, editor, attribute prefix, grid row, column, column span, finding under it.
        table = (
            ("date", self.tr("&Date:"), "dateEdit", "date", "date", 4, 0, 1, True),
            ("deadline", self.tr("D&ue date:"), "deadlineEdit", "date", "deadline", 4, 2, 1, True),
            ("invoice_number", self.tr("&Number:"), "invoiceNumberEdit", "text", "invoice_number", 5, 0, 1, True),
            ("currency", self.tr("Cu&rrency:"), "currencyCombo", "currency", "currency", 5, 2, 1, True),
            ("label", self.tr("&Label:"), "labelEdit", "text", "label", 6, 0, 3, False),
        )
        from app.ui.form.header import HeaderField

        self.header_fields: dict[str, HeaderField] = {}
        for field, text, object_name, editor_kind, prefix, row, column, span, with_finding in table:
            header = HeaderField.build(field, editor_kind, object_name, self.body, with_finding)
            header.edited.connect(lambda value, f=field: self._field_edited(f, value, self.header_fields[f].badge))
            grid.addWidget(self._label(text, header.editor), row, column)
            grid.addWidget(self._with_badge(header.editor, header.badge, header.finding), row, column + 1, 1, span)
            self.header_fields[field] = header
            editor_name = "currency_combo" if field == "currency" else f"{prefix}_edit"
            setattr(self, editor_name, header.editor)
            setattr(self, f"{prefix}_badge", header.badge)
            if header.finding is not None:
                setattr(self, f"{prefix}_finding", header.finding)
        self.label_edit.setMaxLength(2000)
        self.label_edit.setPlaceholderText(self.tr("Accounting label (optional: Pennylane writes one)"))

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self.body)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(False)
        button.setAccessibleName(action.text())
        return button

    def _build_lines(self) -> None:
        from app.ui.form.lines import COL, CompleterDelegate, LinesModel, LiveDelegate, vat_choices

        self.lines_box = QGroupBox(self.body)
        self.lines_box.setObjectName("linesBox")
        self.lines_model = LinesModel(self)
        self.lines_model.lines_changed.connect(self._lines_changed)
        view = self.lines_view
        view.setParent(self.lines_box)
        view.setModel(self.lines_model)
        view.setAccessibleName(self.tr("Invoice lines"))
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 4 + view.horizontalHeader().sizeHint().height() + 4)
        self.live_delegate = LiveDelegate(view)
        view.setItemDelegate(self.live_delegate)
        self.vat_delegate = CompleterDelegate(vat_choices, view)
        self.account_delegate = CompleterDelegate(self._account_choices, view)
        view.setItemDelegateForColumn(COL["vat_rate"], self.vat_delegate)
        view.setItemDelegateForColumn(COL["ledger_account_id"], self.account_delegate)
        view.fit_columns(customer=False)

        title = QLabel(self.tr("L&ines"), self.lines_box)
        title.setBuddy(view)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        bar.addWidget(title)
        bar.addStretch(1)
        self.line_buttons = [
            self._tool_button(a)
            for a in (self.add_line_action, self.duplicate_line_action, self.remove_line_action,
                      self.product_action, self.lines_from_totals_action, self.lines_per_rate_action)
        ]
        for button in self.line_buttons[:4]:
            bar.addWidget(button)
        more = QHBoxLayout()
        more.setSpacing(4)
        more.addStretch(1)
        for button in self.line_buttons[4:]:
            more.addWidget(button)
        self.lines_finding = FindingLabel(self.lines_box, "linesFinding")
        layout = QVBoxLayout(self.lines_box)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        layout.addLayout(more)
        layout.addWidget(self.lines_finding)

    def _build_totals(self) -> None:
        from app.ui.form.totals import TotalsSection

        self.totals_box = TotalsSection(self.body)
        self.totals_box.total_edited.connect(self._total_edited)
        self.totals_box.validity_changed.connect(self.recheck)
        self.total_edits = self.totals_box.edits
        self.total_badges = self.totals_box.badges
        self.total_sums = self.totals_box.sums
        self.total_findings = self.totals_box.findings
        self.total_before_tax_edit = self.total_edits["amount_before_tax"]
        self.total_tax_edit = self.total_edits["tax"]
        self.total_edit = self.total_edits["amount"]
        self.balance_status = self.totals_box.balance_status

    def _build_categories(self) -> None:
        from app.ui.form.categories import CategoriesEditor

        self.categories_box = QGroupBox(self.tr("Analytic cate&gories"), self.body)
        self.categories_box.setObjectName("categoriesBox")
        self.categories = CategoriesEditor(self.categories_box)
        self.categories.changed.connect(self._categories_changed)
        layout = QVBoxLayout(self.categories_box)
        layout.addWidget(self.categories)

    def _wire_badges(self) -> None:
        """Each value's badge, pointed at, shows on the preview where the value was read."""
        badges = {**{name: h.badge for name, h in self.header_fields.items() if name != "label"}, **self.total_badges}
        for field, badge in badges.items():
            badge.field = field
            badge.pointed.connect(self._badge_pointed)

    def location_of(self, field: str) -> Any:
        """Where the shown document's ``field`` was read on the page (a Box), or None."""
        reading = getattr(self.row, "reading", None) if self.row is not None else None
        invoice = getattr(reading, "invoice", None)
        locations = getattr(invoice, "locations", None) or {}
        return locations.get(field)

    def _badge_pointed(self, field: str, shown: bool) -> None:
        self.locate_requested.emit(self.location_of(field) if shown else None)

    def _set_tab_order(self) -> None:
        """Tab goes through the fields top to bottom. The fields are built after the window (on the
        first document): without the first link, Qt would put them after the status bar's and the
        toolbar's widgets, which then came between the preview and "Type"."""
        chain = [
            self.scroll, self.kind_selector, self.credit_note_check, self.counterpart.combo, self.counterpart.create_button,
            self.refresh_button,
            self.date_edit, self.deadline_edit, self.invoice_number_edit, self.currency_combo, self.label_edit,
            *self.line_buttons[:4], self.lines_view, *self.line_buttons[4:],
            self.total_before_tax_edit, self.total_tax_edit, self.total_edit,
            self.categories.add_button, self.import_button,
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
        kind = _kind_of(self.draft) if self.draft is not None else SUPPLIER
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
        return [(a.display(), a.number) for a in data.accounts_for(_kind_of(self.draft))]

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
        self.import_button.setEnabled(False)
        self.import_action.setEnabled(False)
        self.import_hint.clear()

    # ------------------------------------------------------------------------------------------
    # draft -> widgets
    def _remembered(self, field: str) -> Any:
        """When and instead of what the memory gave ``field`` (a Text for the badge's tooltip), or None."""
        note = getattr(getattr(self.row, "recall", None), "notes", {}).get(field)
        return note.tooltip() if note is not None else None

    def _load_widgets(self) -> None:
        d = self.draft
        self._loading = True
        try:
            kind = _kind_of(d)
            self.title.setText(getattr(self.row, "name", "") or self.tr("Invoice"))
            self.kind_selector.setCurrentIndex(self.kind_selector.findData(kind))
            self.credit_note_check.setChecked(bool(d.credit_note))
            self.kind_badge.set_provenance(d.provenance.get("credit_note"))
            self.counterpart_label.setText(self.tr("&Customer:") if kind == CUSTOMER else self.tr("&Supplier:"))
            self.counterpart.combo.setAccessibleName(self.counterpart_label.text().replace("&", "").rstrip(" :"))
            self.counterpart.set_kind(kind)
            self._load_counterpart()
            for name, header in self.header_fields.items():
                header.set_value(getattr(d, name))
                header.badge.set_provenance(d.provenance.get(name), self._remembered(name))
            self.totals_box.load(d, self._remembered)
            self.lines_model.set_draft(d)
            data = self.reference
            self.lines_model.set_accounts(data.accounts_for(kind) if data else [])
            self.lines_view.fit_columns(customer=kind == CUSTOMER, periods=self.editing or any(
                line.imputation_start or line.imputation_end for line in d.lines))
            self.categories.set_weights(list(d.categories))
            self._load_suggestions()
            self._update_actions()
        finally:
            self._loading = False

    def _load_suggestions(self) -> None:
        """What the reader was unsure of, offered for the fields still empty (never filled)."""
        from app.ui.form.suggestions import FIELDS

        reading = getattr(self.row, "reading", None)
        found = getattr(getattr(reading, "invoice", None), "suggestions", None) or {}
        empty = {f for f in FIELDS if getattr(self.draft, f, None) in (None, "")}
        from app.domain.money import format_amount

        locale = self.locale()

        def shown(value: Any) -> str:
            if isinstance(value, Decimal):
                return format_amount(value)
            if hasattr(value, "isoformat"):
                return locale.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)
            return str(value)

        self.suggestions.set_suggestions(found if not self.editing else {}, empty, shown)

    def _suggestion_chosen(self, field: str, value: Any) -> None:
        """The person took a suggestion: it fills the field as if typed."""
        if field in TOTALS:
            self.total_edits[field].set_value(value)
            self._total_edited(field, value)
        elif field in self.header_fields:
            header = self.header_fields[field]
            header.set_value(value)
            self._field_edited(field, value, header.badge)
        self._load_suggestions()

    def _load_counterpart(self) -> None:
        d = self.draft
        state = self._state()
        self._loading, was = True, self._loading
        try:
            found = self.counterpart.set_current(d.counterpart_id, d.counterpart_name)
            match = state.match
            if d.counterpart_id is not None and found and match and match.key and not match.ambiguous:
                self.counterpart.show_match(match.key, match.value, name=self.counterpart.combo.currentText())
            elif match and match.ambiguous:
                self.counterpart.show_match(match.key, match.value, ambiguous=True)
            elif d.counterpart_id is None and self.reference is not None and state.matched_kind and self._party_known():
                self.counterpart.show_match(None, None, searched=True)
            else:
                self.counterpart.show_match(None, None, searched=False)
        finally:
            self._loading = was
        self._update_kind_warning()
        self._update_iban_warning()
        self._update_actions()

    def _update_iban_warning(self) -> None:
        """prepare() warns that the seller's IBAN differs from the chosen supplier's: say so beside it."""
        from app.jobs.prepare import W_IBAN_CHANGED, W_REMEMBERED

        d = self.draft
        prepared = self.prepared
        party = d.counterpart_party if d is not None else None
        changed = prepared is not None and prepared.draft is d and prepared.warning(W_IBAN_CHANGED) is not None
        shown = self.counterpart.show_iban_check(getattr(party, "iban", None), prepared.counterpart if changed else None)
        if not shown and prepared is not None and prepared.draft is d:
            # another IBAN than the one remembered for this supplier (issue #20): the same place
            remembered = next((w for w in prepared.warnings if w.code == W_REMEMBERED and (w.field or "").endswith(".iban")), None)
            if remembered is not None:
                self.counterpart.iban_warning.set_message("warning", str(remembered.text))
                self.counterpart.iban_warning.setAccessibleName(str(remembered.text))

    def _party_known(self) -> bool:
        """Whether the document names the counterpart at all (else there is nothing to match)."""
        party = self.draft.counterpart_party if self.draft is not None else None
        return party is not None and any(getattr(party, k, None) for k in ("name", "siren", "siret", "vat_number", "iban"))

    def _update_kind_warning(self) -> None:
        """What :func:`app.jobs.prepare.prepare` warns about the kind (not addressed, contradicted)."""
        from app.jobs.prepare import W_KIND_DIFFERS, W_NOT_ADDRESSED

        prepared = self.prepared
        company = self.company
        preset = prepared.preset if prepared is not None else None
        if prepared is None or company is None:
            self.kind_warning.clear()
        elif prepared.warning(W_NOT_ADDRESSED) is not None:
            self.kind_warning.set_message(
                "warning",
                self.tr("This invoice is not addressed to your company (%1): check the buyer and the seller.").replace("%1", company.name),
            )
        elif prepared.warning(W_KIND_DIFFERS) is not None and preset is not None:
            self.kind_warning.set_message(
                "warning",
                self.tr("Your company is the buyer: this looks like a purchase.") if preset.kind == SUPPLIER
                else self.tr("Your company is the seller: this looks like a sale."),
            )
        else:
            self.kind_warning.clear()

    def _update_actions(self) -> None:
        """The actions that depend on the document, the session and whether the row is editable."""
        has = self.draft is not None
        editable = has and not self.read_only
        customer = has and _kind_of(self.draft) == CUSTOMER
        data = self.reference
        self.product_action.setEnabled(bool(editable and customer and data and data.products))
        self.product_action.setVisible(bool(customer))
        for button in self.line_buttons:
            button.setVisible(button.defaultAction().isVisible())
        breakdown = self._vat_breakdown()
        self.lines_per_rate_action.setEnabled(bool(editable and breakdown))
        self.lines_per_rate_action.setVisible(bool(breakdown))
        for button in self.line_buttons:
            button.setVisible(button.defaultAction().isVisible())
        offered = editable and self.draft.counterpart_id is None
        can = bool(has and data is not None and getattr(self.session, "client", None))
        self.create_counterpart_action.setEnabled(bool(offered and can))
        self.counterpart.offer_creation(bool(offered), can)

    # ------------------------------------------------------------------------------------------
    # widgets -> draft
    def _touched(self, field: str, badge: ProvenanceBadge | None) -> None:
        self.draft.provenance.pop(field, None)
        if badge is not None:
            badge.set_provenance(None)

    def _field_edited(self, field: str, value: Any, badge: ProvenanceBadge | None) -> None:
        if self._loading or self.draft is None:
            return
        try:
            setattr(self.draft, field, value)
        except ValueError:
            return
        self._touched(field, badge)
        self._edited()

    def _total_edited(self, field: str, value: Decimal | None) -> None:
        if self._loading or self.draft is None:
            return
        setattr(self.draft, field, value)
        self._touched(field, self.total_badges[field])
        self._edited()

    def _credit_note_toggled(self, checked: bool) -> None:
        if self._loading or self.draft is None:
            return
        self.draft.credit_note = checked
        self._touched("credit_note", self.kind_badge)
        self._edited()

    def _kind_chosen(self, _index: int) -> None:
        if self._loading or self.draft is None:
            return
        kind = self.kind_selector.currentData()
        if kind == _kind_of(self.draft):
            return
        state = self._state()
        state.kind_decided = kind
        state.matched_kind = None
        state.counterpart_decided = False
        state.match = None
        self._prepare()  # rebuilt as that kind (from the reading while nothing was typed), matched
        self._load_widgets()
        self._edited()

    def _counterpart_chosen(self, counterpart: Any) -> None:
        if self._loading or self.draft is None:
            return
        self.draft.counterpart_id = counterpart.id if counterpart else None
        self.draft.counterpart_name = counterpart.name if counterpart else (self.counterpart.combo.currentText().strip() or None)
        self._state().counterpart_decided = True
        self._state().match = None
        self._touched("counterpart_name", None)
        self._update_actions()  # a chosen counterpart is not offered for creation
        self._edited()

    def _categories_changed(self) -> None:
        if self._loading or self.draft is None:
            return
        from app.domain.invoice import CategoryWeight

        self.draft.categories = [
            CategoryWeight(category_id=w.category_id, group_id=w.group_id, weight=w.weight) for w in self.categories.weights()
        ]
        self._edited()

    def _lines_changed(self) -> None:
        if self._loading or self.draft is None:
            return
        self._edited()

    def _edited(self) -> None:
        self._state().edited = True
        self._prepare()
        self.recheck()
        self._announcing = True  # the queue's echo of this change must not reload the widgets being typed in
        try:
            self.draft_changed.emit(self.row)
        finally:
            self._announcing = False

    # ------------------------------------------------------------------------------------------
    # lines actions
    def _new_line(self, **values: Any) -> Any:
        from app.domain.invoice import CustomerLine, SupplierLine

        kind = _kind_of(self.draft)
        cls = CustomerLine if kind == CUSTOMER else SupplierLine
        if kind != CUSTOMER:
            for key in ("quantity", "unit_price", "unit", "product_id"):
                values.pop(key, None)
        return cls(**values)

    def _current_row(self) -> int:
        index = self.lines_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _focus_line(self, row: int, column: str = "label") -> None:
        from app.ui.form.lines import COL

        index = self.lines_model.index(row, COL[column])
        self.lines_view.setCurrentIndex(index)
        self.lines_view.scrollTo(index)
        self.lines_view.setFocus()

    def add_line(self) -> None:
        if self.draft is None:
            return
        default_account = None
        if self.draft.lines:
            default_account = self.draft.lines[-1].ledger_account_id
        line = self._new_line(ledger_account_id=default_account)
        if self.draft.lines:
            line.vat_rate = self.draft.lines[-1].vat_rate
        current = self._current_row()
        row = self.lines_model.insert_line(current + 1 if current >= 0 else len(self.draft.lines), line)
        self._focus_line(row)

    def duplicate_line(self) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        new = self.lines_model.insert_line(row + 1, self.draft.lines[row].model_copy(deep=True))
        column = self.lines_view.currentIndex().column()
        from app.ui.form.lines import COLUMNS

        self._focus_line(new, COLUMNS[column] if 0 <= column < len(COLUMNS) else "label")

    def remove_lines(self) -> None:
        if self.draft is None:
            return
        rows = sorted({i.row() for i in self.lines_view.selectionModel().selectedIndexes()} or {self._current_row()})
        rows = [r for r in rows if r >= 0]
        if not rows:
            return
        self.lines_model.remove_lines(rows)
        if self.draft.lines:
            self._focus_line(min(rows[0], len(self.draft.lines) - 1))

    def lines_from_totals(self) -> None:
        """One line carrying the declared totals (:func:`app.domain.line_builders.line_from_totals`)."""
        from app.domain.line_builders import line_from_totals

        values = line_from_totals(self.draft) if self.draft is not None else None
        if values is None:
            self.lines_finding.set_message("error", self.tr("Enter the total excluding tax first."))
            return
        self.lines_model.replace_lines([self._new_line(**values)])
        self._focus_line(0)

    def _vat_breakdown(self) -> list[Any]:
        reading = getattr(self.row, "reading", None)
        invoice = getattr(reading, "invoice", None)
        return list(getattr(invoice, "vat_breakdown", None) or [])

    def lines_per_rate(self) -> None:
        """One line per rate of the Factur-X VAT breakdown (:func:`app.domain.line_builders.lines_per_rate`)."""
        breakdown = self._vat_breakdown()
        if self.draft is None or not breakdown:
            return
        from app.domain.invoice import Provenance
        from app.domain.line_builders import lines_per_rate

        lines = []
        for rate, values in lines_per_rate(self.draft, breakdown):
            text = format_percent(rate) if rate is not None else "?"
            lines.append(self._new_line(label=self.tr("VAT %1", "a line per VAT rate; %1: 5.5%").replace("%1", text), **values))
        self.lines_model.replace_lines(lines)
        for i in range(len(lines)):
            for field in ("amount_before_tax", "tax", "vat_rate"):
                self.draft.provenance[f"lines[{i}].{field}"] = Provenance.XML
        self._focus_line(0)

    def pick_product(self) -> None:
        data = self.reference
        if self.draft is None or _kind_of(self.draft) != CUSTOMER or not data or not data.products:
            return
        from app.ui.form.products import ProductDialog

        dialog = ProductDialog(data.products, self)
        dialog.chosen.connect(self._product_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def _product_chosen(self, product: Any) -> None:
        from app.domain.invoice import compute_line
        from app.domain.vat import VAT_CODES

        row = self._current_row()
        line = self._new_line() if row < 0 else self.draft.lines[row].model_copy(deep=True)
        line.label = product.label
        line.product_id = product.id
        if product.unit_price is not None:
            line.unit_price = product.unit_price
        if product.unit:
            line.unit = product.unit
        if product.vat_rate in VAT_CODES:
            line.vat_rate = product.vat_rate
        if product.ledger_account_id is not None:
            line.ledger_account_id = product.ledger_account_id
        line = compute_line(line)
        if row < 0:
            row = self.lines_model.insert_line(len(self.draft.lines), line)
        else:
            self.lines_model.beginResetModel()
            self.draft.lines[row] = line
            self.lines_model.endResetModel()
            self.lines_model.lines_changed.emit()
        self._focus_line(row, "quantity")

    # ------------------------------------------------------------------------------------------
    # counterpart creation
    def create_counterpart(self) -> None:
        if self.draft is None or self.session is None or getattr(self.session, "client", None) is None:
            return
        from app.ui.form.counterpart import CounterpartDialog

        kind = _kind_of(self.draft)
        dialog = CounterpartDialog(kind, self.draft.counterpart_party, self.session, self)
        dialog.created.connect(self._counterpart_created)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def _counterpart_created(self, counterpart: Any) -> None:
        if self.draft is None or counterpart.kind != _kind_of(self.draft):
            return
        self.draft.counterpart_id = counterpart.id
        self.draft.counterpart_name = counterpart.name
        self._state().counterpart_decided = True
        self._state().match = None
        self.counterpart.set_reference(self.reference)
        self._load_counterpart()
        self.counterpart.match_label.set_message("ok", self.tr("Created in Pennylane"))
        self._edited()

    def _add_category(self) -> None:
        if self.draft is not None and self.categories.add_button.isEnabled():
            self.categories.add_row()

    # ------------------------------------------------------------------------------------------
    # checking
    def recheck(self) -> None:
        """Run the domain's rules and show each finding next to its field; enable Import or say why not."""
        if self.draft is None:
            return
        from app.domain import balance
        from app.jobs.prepare import P_ROUTE

        prepared = self.prepared
        if prepared is None or prepared.draft is not self.draft:
            prepared = self._prepare()
        findings = list(prepared.findings)
        self.findings = findings

        def about(field: str) -> list[Any]:
            return balance.findings_for(findings, field)

        self.counterpart_finding.set_findings(about("counterpart_id"))
        self.date_finding.set_findings(about("date"))
        self.deadline_finding.set_findings(about("deadline"))
        self.invoice_number_finding.set_findings(about("invoice_number"))
        self.currency_finding.set_findings(about("currency"))

        # Totals: an unreadable entry first, then the rules; the balance sentence.
        blocking: list[str] = self.totals_box.unreadable()
        sums = balance.totals_of_lines(self.draft)
        self.totals_box.show_check(self.draft, findings, about, sums)

        # Lines: unreadable cells, then every lines[...] finding.
        line_prefix = self.tr("Line %1:")
        line_messages = [f"{line_prefix.replace('%1', str(row + 1))} {why}" for row, _name, why in self.lines_model.problems()]
        blocking += line_messages
        line_findings = [f for f in findings if f.field == "lines" or f.field.startswith("lines[")]
        self.lines_model_findings(line_findings)
        texts = line_messages + [str(f.message) for f in line_findings]
        worst = "error" if line_messages or any(severity_name(f.severity) == "error" for f in line_findings) else "warning"
        if len(texts) > 5:
            texts = texts[:5] + [self.tr("…and %1 more").replace("%1", str(len(texts) - 5))]
        if texts:
            self.lines_finding.set_message(worst, "\n".join(texts))
        else:
            self.lines_finding.clear()

        category_problems = self.categories.problems()
        blocking += category_problems

        self._update_kind_warning()
        self._update_iban_warning()

        # Readiness is prepare()'s (the findings are its own, shown one by one); what the widgets
        # cannot turn into a value yet (a half-typed amount) blocks too.
        errors = [str(f.message) for f in findings if severity_name(f.severity) == "error"]
        errors += [str(p.text) for p in prepared.problems if p.code == P_ROUTE] + blocking
        not_now = None if self.editing else self._not_importable()
        ok = prepared.ready and not blocking and self.row is not None and not_now is None
        self.import_button.setEnabled(ok)
        self.import_action.setEnabled(ok)
        self.import_hint.setToolTip("")
        if not_now:  # imported, a duplicate, being imported: a fact, not an error
            severity, text = not_now
            self.import_hint.set_message(severity, text)
            self.import_button.setToolTip(text)
            self.import_button.setAccessibleDescription(text)
        elif errors:
            # the rest in this message's own tooltip: the Import button is disabled, its tooltip unreachable
            more = self.tr("(and %1 more: point at this message)").replace("%1", str(len(errors) - 1)) if len(errors) > 1 else ""
            before = self.tr("Before saving:") if self.editing else self.tr("Before importing:")
            self.import_hint.set_message("error", f"{before} {errors[0]} {more}".strip())
            self.import_hint.setToolTip("\n".join(f"• {e}" for e in errors))
            self.import_button.setToolTip("\n".join(f"• {e}" for e in errors))
            self.import_button.setAccessibleDescription(self.import_hint.message())
        else:
            warnings = [str(w.text) for w in prepared.warnings if w.field != "kind" and w.code != "iban_changed"]
            warnings += [str(f.message) for f in findings if severity_name(f.severity) == "warning"]
            if warnings:
                self.import_hint.set_message("warning", warnings[0])
            else:
                self.import_hint.clear()
            self.import_button.setToolTip(self.tr("Send the changes to Pennylane (Ctrl+Enter)") if self.editing
                                          else self.tr("Import this invoice into Pennylane (Ctrl+Enter)"))
            self.import_button.setAccessibleDescription("")

    def _not_importable(self) -> tuple[str, str] | None:
        """(severity, why) when the row's status forbids an import now — imported, a duplicate,
        being imported — or None."""
        row = self.row
        status = getattr(getattr(row, "status", None), "value", None)
        imports = getattr(row, "imports", None)
        invoice_id = getattr(imports, "invoice_id", None)
        if status == "imported":
            if invoice_id is None:
                return "ok", self.tr("This document is already in Pennylane.")
            return "ok", self.tr("This document is already in Pennylane (invoice #%1).").replace("%1", str(invoice_id))
        if status == "duplicate":
            reason = getattr(row, "reason", None)
            text = self.tr("Already imported: %1 To import it again all the same, use “Import anyway…” in the "
                           "queue's context menu.").replace("%1", str(reason) if reason else "")
            return "warning", text
        if status == "importing":
            return "info", self.tr("Being imported…")
        return None

    def lines_model_findings(self, findings: list[Any]) -> None:
        """Mark the cells the rules point at (tooltip + icon through the model's invalid map is for typing only)."""
        self.lines_view.setToolTip("\n".join(str(f.message) for f in findings[:8]))

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
        from PySide6.QtWidgets import QAbstractItemView

        self.kind_selector.setEnabled(not read_only and not self.editing)  # Pennylane cannot change them
        self.credit_note_check.setEnabled(not read_only and not self.editing)
        self.counterpart.setEnabled(not read_only)
        for widget in (self.date_edit, self.deadline_edit, self.currency_combo, self.categories):
            widget.setEnabled(not read_only)
        self.invoice_number_edit.setReadOnly(read_only)
        if not self.editing:  # in edit mode the edit controller decides (a customer invoice's label)
            self.label_edit.setReadOnly(read_only)
        self.totals_box.set_read_only(read_only)
        if read_only:
            self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif not self.lines_view.editTriggers():
            self.lines_view.setEditTriggers(self.lines_view.default_edit_triggers)
        for action in (self.add_line_action, self.duplicate_line_action, self.remove_line_action,
                       self.lines_from_totals_action, self.create_counterpart_action, self.add_category_action):
            action.setEnabled(not read_only)
        if self.draft is not None:
            self._update_actions()  # product, per-rate and create depend on the document and the session
        else:
            self.product_action.setEnabled(False)
            self.lines_per_rate_action.setEnabled(False)

    def _edit_imported_clicked(self) -> None:
        imports = getattr(self.row, "imports", None)
        if imports is None or imports.invoice_id is None or self.draft is None:
            return
        self.edit_imported_requested.emit(imports.kind or _kind_of(self.draft), int(imports.invoice_id))

    def set_editing(self, editing: bool) -> None:
        """Editing mode (issue 8): the Import button (still ``importButton``) becomes "Save changes"
        and emits :attr:`save_requested`; the type and credit-note switches are locked (Pennylane
        cannot change them); analytic categories are saved by their own endpoint after the invoice."""
        if hasattr(self, "build"):  # the fields are built on the first document
            self.build()
        self.editing = editing
        self.import_button.setText(self.tr("&Save changes") if editing else self.tr("I&mport into Pennylane"))
        self.import_action.setText(self.tr("Save changes") if editing else self.tr("Import into Pennylane"))
        self.categories_box.setVisible(True)  # saved through PUT …/categories when editing
        self._apply_read_only()
        if self.draft is not None:
            self.lines_view.fit_columns(customer=_kind_of(self.draft) == CUSTOMER, periods=editing or any(
                line.imputation_start or line.imputation_end for line in self.draft.lines))
            self.recheck()
