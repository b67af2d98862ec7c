"""In-memory state of the stand-in: companies, tokens, reference data, attachments, invoices.

Every public method takes the lock; the HTTP layer (server.py) only parses, authenticates and
renders. Business rules follow ``../shared/pennylane-api.md`` (balance tolerance of 1 cent per line,
attachment used once, 409 on duplicate counterparts, category weights summing to 1 per group).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.standin.errors import ApiError, bad_request_plain, conflict, not_found, unprocessable

CENT = Decimal("0.01")
# Fixed, fake exchange rates (1 unit of currency = rate EUR) for foreign-currency imports without `amount`.
EXCHANGE_RATES = {"EUR": Decimal("1"), "USD": Decimal("0.92"), "GBP": Decimal("1.17"), "CHF": Decimal("1.05")}


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def parse_amount(value, field_name: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise unprocessable(f"{field_name} is not a valid amount: {value!r}") from None
    if not amount.is_finite():
        raise unprocessable(f"{field_name} is not a valid amount: {value!r}")
    return amount


@dataclass
class Token:
    value: str
    company_id: int
    scopes: list[str]
    kind: str = "company"  # company | oauth
    expires_at: float | None = None
    revoked: bool = False

    def alive(self) -> bool:
        return not self.revoked and (self.expires_at is None or time.time() < self.expires_at)


@dataclass
class Company:
    id: int
    name: str
    reg_no: str
    user: dict | None
    customers: dict[int, dict] = field(default_factory=dict)
    suppliers: dict[int, dict] = field(default_factory=dict)
    ledger_accounts: dict[int, dict] = field(default_factory=dict)
    products: dict[int, dict] = field(default_factory=dict)
    category_groups: dict[int, dict] = field(default_factory=dict)
    categories: dict[int, dict] = field(default_factory=dict)
    attachments: dict[int, dict] = field(default_factory=dict)
    invoices: dict[int, dict] = field(default_factory=dict)

    def ledger_account_by_number(self, number: str) -> dict | None:
        return next((a for a in self.ledger_accounts.values() if a["number"] == number), None)


class Ids:
    """Per-resource id sequences, unique across companies (like Pennylane's)."""

    BASES = {
        "company": 100, "user": 700, "customer": 1000, "supplier": 2000, "product": 3000,
        "attachment": 4000, "invoice": 5000, "ledger_entry": 8000, "line": 9000,
        "category_group": 50, "category": 600, "ledger_account": 700000,
    }

    def __init__(self) -> None:
        self._counters = {name: itertools.count(base + 1) for name, base in self.BASES.items()}

    def next(self, kind: str) -> int:
        return next(self._counters[kind])


# ---------------------------------------------------------------------------------------------
# filtering, sorting, cursor pagination


class Field:
    """How to read and compare a filterable field."""

    def __init__(self, getter, kind: str = "int") -> None:
        self.getter = getter
        self.kind = kind  # int | str | date | bool | list

    def coerce(self, value, name: str):
        if self.kind == "int":
            if isinstance(value, bool):
                raise bad_request_plain(f"Invalid value for filter {name}: {value!r}")
            try:
                return int(value)
            except (TypeError, ValueError):
                raise bad_request_plain(f"Invalid value for filter {name}: {value!r}") from None
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "false"):
                return str(value).lower() == "true"
            raise bad_request_plain(f"Invalid value for filter {name}: {value!r}")
        if self.kind == "date":
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                raise bad_request_plain(f"Invalid date for filter {name}: {value!r}") from None
            return str(value)
        if isinstance(value, (dict, list)):
            raise bad_request_plain(f"Invalid value for filter {name}: {value!r}")
        return str(value)


def parse_filter(raw: str | None, allowed: dict[str, list[str]], fields: dict[str, Field]):
    """The `filter` query parameter (a JSON string) → list of (Field, op, value, name)."""
    if raw is None or raw == "":
        return []
    try:
        clauses = json.loads(raw)
    except ValueError:
        raise bad_request_plain("filter must be a JSON-encoded array of {field, operator, value}") from None
    if not isinstance(clauses, list):
        raise bad_request_plain("filter must be a JSON-encoded array of {field, operator, value}")
    out = []
    for clause in clauses:
        if not isinstance(clause, dict) or set(clause) != {"field", "operator", "value"}:
            raise bad_request_plain("each filter must be an object with exactly field, operator and value")
        name, op, value = clause["field"], clause["operator"], clause["value"]
        if name not in allowed or name not in fields:
            raise bad_request_plain(f"Filtering on {name!r} is not allowed; allowed: {', '.join(sorted(allowed))}")
        if op not in allowed[name]:
            raise bad_request_plain(f"Operator {op!r} is not allowed on {name!r}; allowed: {', '.join(allowed[name])}")
        spec = fields[name]
        if op in ("in", "not_in"):
            if isinstance(value, str):
                value = [v for v in value.split(",") if v != ""]
            if not isinstance(value, list) or not value:
                raise bad_request_plain(f"Operator {op!r} on {name!r} needs a non-empty array value")
            value = [spec.coerce(v, name) if spec.kind != "list" else str(v) for v in value]
        else:
            value = spec.coerce(value, name) if spec.kind != "list" else str(value)
        out.append((spec, op, value, name))
    return out


def _matches(obj, clauses) -> bool:
    for spec, op, value, _name in clauses:
        actual = spec.getter(obj)
        if spec.kind == "list":
            actual_set = set(actual or [])
            wanted = set(value) if isinstance(value, list) else {value}
            hit = bool(actual_set & wanted)
            if (op in ("in", "eq") and not hit) or (op in ("not_in", "not_eq") and hit):
                return False
            continue
        if op == "eq":
            ok = actual == value
        elif op == "not_eq":
            ok = actual != value
        elif op == "in":
            ok = actual in value
        elif op == "not_in":
            ok = actual not in value
        elif op == "start_with":
            ok = actual is not None and str(actual).startswith(str(value))
        else:
            if actual is None:
                return False
            ok = {"lt": actual < value, "lteq": actual <= value, "gt": actual > value, "gteq": actual >= value}[op]
        if not ok:
            return False
    return True


def encode_cursor(key) -> str:
    return base64.urlsafe_b64encode(json.dumps({"k": key}, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))["k"]
    except Exception:
        raise bad_request_plain("Invalid cursor") from None


def paginate(objects, *, query: dict, allowed_filters: dict, fields: dict[str, Field], sort_fields: list[str],
             render, default_sort: str = "-id", max_limit: int = 100) -> dict:
    """Filter, sort (keyset on (sort value, id)) and cut one page. The cursor carries the position
    only: the filter and sort must be sent again with it."""
    clauses = parse_filter(query.get("filter"), allowed_filters, fields)
    sort = query.get("sort") or default_sort
    descending = sort.startswith("-")
    sort_name = sort.lstrip("-")
    if sort_name not in (sort_fields or ["id"]) or sort_name not in fields:
        raise bad_request_plain(f"Sorting on {sort_name!r} is not allowed; allowed: {', '.join(sort_fields or ['id'])}")
    limit = query.get("limit", 20)
    if not isinstance(limit, int) or not 1 <= limit <= max_limit:
        raise bad_request_plain(f"limit must be between 1 and {max_limit}")
    getter = fields[sort_name].getter
    id_getter = fields["id"].getter

    def key(obj):
        value = getter(obj)
        return [value if value is not None else "", id_getter(obj)]

    rows = sorted((o for o in objects if _matches(o, clauses)), key=key, reverse=descending)
    if query.get("cursor"):
        after = decode_cursor(query["cursor"])
        rows = [o for o in rows if (key(o) < after if descending else key(o) > after)]
    page = rows[:limit]
    has_more = len(rows) > limit
    return {
        "items": [render(o) for o in page],
        "has_more": has_more,
        "next_cursor": encode_cursor(key(page[-1])) if has_more and page else None,
    }


# ---------------------------------------------------------------------------------------------


class State:
    """All the stand-in's data, behind one re-entrant lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.attachment_ttl: float | None = None  # seconds an unused attachment lives (None: forever)
        self.ids = Ids()
        self.companies: dict[int, Company] = {}
        self.tokens: dict[str, Token] = {}
        self.api_url = "http://127.0.0.1/api/external/v2"
        self.root_url = "http://127.0.0.1"
        self.files_dir = None  # set by the server: where uploaded files live
        self.file_url_secret = secrets.token_urlsafe(16)
        self._last_ts = ""

    # --- time ---------------------------------------------------------------------------
    def timestamp(self) -> str:
        """A strictly increasing RFC 3339 timestamp (so updated_at always moves on a change)."""
        with self.lock:
            ts = now_iso()
            if ts <= self._last_ts:
                last = dt.datetime.fromisoformat(self._last_ts.replace("Z", "+00:00"))
                ts = (last + dt.timedelta(milliseconds=1)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
            self._last_ts = ts
            return ts

    # --- tokens ---------------------------------------------------------------------------
    def issue_token(self, company_id: int, scopes: list[str], *, kind: str = "company",
                    expires_in: float | None = None, value: str | None = None) -> str:
        with self.lock:
            if company_id not in self.companies:
                raise KeyError(f"no company {company_id}")
            token = value or secrets.token_urlsafe(32)
            self.tokens[token] = Token(token, company_id, list(scopes), kind,
                                       time.time() + expires_in if expires_in is not None else None)
            return token

    def token(self, value: str | None) -> Token | None:
        with self.lock:
            tok = self.tokens.get(value or "")
            return tok if tok is not None and tok.alive() else None

    def revoke_token(self, value: str) -> None:
        with self.lock:
            tok = self.tokens.get(value)
            if tok:
                tok.revoked = True

    def expire_token(self, value: str) -> None:
        with self.lock:
            tok = self.tokens.get(value)
            if tok:
                tok.expires_at = time.time() - 1

    def company(self, company_id: int) -> Company:
        return self.companies[company_id]

    # --- test helpers (contract) ------------------------------------------------------------
    def invoices(self, company_id: int, kind: str = "supplier") -> list[dict]:
        """Invoices of one kind as the API shows them, plus ``lines``, ``categories`` and
        ``file_attachment_id``, oldest first."""
        with self.lock:
            co = self.companies[company_id]
            out = []
            for inv in sorted(co.invoices.values(), key=lambda i: i["id"]):
                if inv["kind"] != kind:
                    continue
                view = self.render_invoice(co, inv)
                view["lines"] = [self.render_line(co, inv, line) for line in inv["lines"]]
                view["categories_assigned"] = [{"id": cid, "weight": w} for cid, w in inv["categories"]]
                view["file_attachment_id"] = inv["attachment_id"]
                out.append(view)
            return out

    def attachments(self, company_id: int) -> list[dict]:
        with self.lock:
            return [
                {k: v for k, v in att.items() if k != "path"}
                for att in sorted(self.companies[company_id].attachments.values(), key=lambda a: a["id"])
            ]

    # --- rendering ----------------------------------------------------------------------------
    def _counterpart_link(self, inv: dict) -> dict | None:
        if inv["counterpart_id"] is None:
            return None
        plural = "customers" if inv["kind"] == "customer" else "suppliers"
        return {"id": inv["counterpart_id"], "url": f"{self.api_url}/{plural}/{inv['counterpart_id']}"}

    def public_file_url(self, att: dict) -> str:
        from app.standin.files import sign_file_url

        return sign_file_url(self, att)

    def render_invoice(self, co: Company, inv: dict) -> dict:
        base = f"{self.api_url}/{inv['kind']}_invoices/{inv['id']}"
        att = co.attachments.get(inv["attachment_id"]) if inv["attachment_id"] else None
        common = {
            "id": inv["id"],
            "label": inv["label"],
            "invoice_number": inv["invoice_number"],
            "currency": inv["currency"],
            "amount": money(inv["amount"]),
            "currency_amount": money(inv["currency_amount"]),
            "currency_amount_before_tax": money(inv["currency_amount_before_tax"]),
            "exchange_rate": str(inv["exchange_rate"].normalize()) if inv["exchange_rate"] != 1 else "1.0",
            "date": inv["date"],
            "deadline": inv["deadline"],
            "currency_tax": money(inv["currency_tax"]),
            "tax": money(inv["tax"]),
        }
        remaining_with = money(inv["amount"])
        remaining_without = money(inv["amount"] - inv["tax"])
        if inv["kind"] == "customer":
            status = "incomplete" if inv["incomplete"] else ("credit_note" if inv["credit_note"] else (
                "late" if inv["deadline"] and inv["deadline"] < dt.date.today().isoformat() else "upcoming"))
            common.update({
                "language": "fr_FR",
                "paid": False,
                "status": status,
                "discount": {"type": "relative", "value": "0"},
                "ledger_entry": {"id": inv["ledger_entry_id"]},
                "public_file_url": self.public_file_url(att) if att else None,
                "filename": att["filename"] if att else None,
                "remaining_amount_with_tax": remaining_with,
                "remaining_amount_without_tax": remaining_without,
                "draft": False,
                "special_mention": None,
                "customer": self._counterpart_link(inv),
                "invoice_line_sections": {"url": f"{base}/invoice_line_sections"},
                "invoice_lines": {"url": f"{base}/invoice_lines"},
                "custom_header_fields": {"url": f"{base}/custom_header_fields"},
                "categories": {"url": f"{base}/categories"},
                "pdf_invoice_free_text": "",
                "pdf_invoice_subject": "",
                "pdf_description": None,
                "billing_subscription": None,
                "credited_invoice": None,
                "customer_invoice_template": None,
                "transaction_reference": copy.deepcopy(inv["transaction_reference"]),
                "payments": {"url": f"{base}/payments"},
                "matched_transactions": {"url": f"{base}/matched_transactions"},
                "appendices": {"url": f"{base}/appendices"},
                "quote": None,
                "external_reference": inv["external_reference"],
                "e_invoicing": None,
                "archived_at": None,
                "created_at": inv["created_at"],
                "updated_at": inv["updated_at"],
            })
        else:
            common.update({
                "reconciled": False,
                "accounting_status": "entry" if inv["incomplete"] else "draft",
                "filename": att["filename"] if att else None,
                "public_file_url": self.public_file_url(att) if att else None,
                "remaining_amount_with_tax": remaining_with,
                "remaining_amount_without_tax": remaining_without,
                "ledger_entry": {"id": inv["ledger_entry_id"]},
                "supplier": self._counterpart_link(inv),
                "invoice_lines": {"url": f"{base}/invoice_lines"},
                "categories": {"url": f"{base}/categories"},
                "transaction_reference": copy.deepcopy(inv["transaction_reference"]),
                "payment_status": "to_be_paid",
                "payments": {"url": f"{base}/payments"},
                "matched_transactions": {"url": f"{base}/matched_transactions"},
                "external_reference": inv["external_reference"],
                "e_invoicing": None,
                "archived_at": None,
                "created_at": inv["created_at"],
                "updated_at": inv["updated_at"],
            })
        return common

    def render_line(self, co: Company, inv: dict, line: dict) -> dict:
        out = {
            "id": line["id"],
            "label": line["label"],
            "amount": money(line["amount"]),
            "currency_amount": money(line["currency_amount"]),
            "description": line["description"] or "",
            "vat_rate": line["vat_rate"],
            "currency_amount_before_tax": money(line["currency_amount"] - line["currency_tax"]),
            "currency_tax": money(line["currency_tax"]),
            "tax": money(line["tax"]),
            "imputation_dates": copy.deepcopy(line["imputation_dates"]),
            "created_at": line["created_at"],
            "updated_at": line["updated_at"],
        }
        if inv["kind"] == "customer":
            out.update({
                "unit": line["unit"],
                "quantity": str(line["quantity"]) if line["quantity"] is not None else "1",
                "product": ({"id": line["product_id"], "url": f"{self.api_url}/products/{line['product_id']}"}
                            if line["product_id"] else None),
                "raw_currency_unit_price": line["raw_currency_unit_price"] or money(line["currency_amount"] - line["currency_tax"]),
                "discount": {"type": "relative", "value": "0"},
                "section_rank": None,
            })
        # not part of the OpenAPI line schema, but useful to see where a line is booked
        return out

    def render_category_assignment(self, co: Company, cid: int, weight: str) -> dict:
        cat = co.categories[cid]
        return {
            "id": cid,
            "label": cat["label"],
            "weight": weight,
            "category_group": {"id": cat["category_group_id"]},
            "analytical_code": cat["analytical_code"],
            "created_at": cat["created_at"],
            "updated_at": cat["updated_at"],
        }

    def render_customer(self, co: Company, c: dict) -> dict:
        out = {k: copy.deepcopy(v) for k, v in c.items() if not k.startswith("_")}
        base = f"{self.api_url}/customers/{c['id']}"
        out["mandates"] = {"url": f"{base}/mandates"}
        out["pro_account_mandates"] = {"url": f"{base}/pro_account_mandates"}
        out["contacts"] = {"url": f"{base}/contacts"}
        return out

    def render_category_group(self, co: Company, g: dict) -> dict:
        return {
            "id": g["id"], "label": g["label"],
            "categories": {"url": f"{self.api_url}/category_groups/{g['id']}/categories"},
            "created_at": g["created_at"], "updated_at": g["updated_at"],
        }

    def render_category(self, co: Company, c: dict) -> dict:
        return {
            "id": c["id"], "label": c["label"], "direction": c["direction"],
            "created_at": c["created_at"], "updated_at": c["updated_at"],
            "category_group": {"id": c["category_group_id"]}, "analytical_code": c["analytical_code"],
        }

    @staticmethod
    def render_plain(co: Company, obj: dict) -> dict:
        return {k: copy.deepcopy(v) for k, v in obj.items() if not k.startswith("_")}

    # --- attachments ----------------------------------------------------------------------------
    def add_attachment(self, company_id: int, *, filename: str, size: int, sha256: str, content_type: str,
                       path: str | None) -> dict:
        with self.lock:
            co = self.companies[company_id]
            ts = self.timestamp()
            att = {
                "id": self.ids.next("attachment"), "filename": filename, "size": size, "sha256": sha256,
                "content_type": content_type, "invoice_id": None, "created_at": ts, "updated_at": ts, "path": path,
                "uploaded": time.monotonic(),
            }
            co.attachments[att["id"]] = att
            return att

    def render_attachment(self, att: dict) -> dict:
        return {
            "id": att["id"],
            "url": f"{self.root_url}/rails/active_storage/blobs/redirect/{att['sha256'][:24]}/{att['filename']}",
            "filename": att["filename"],
            "created_at": att["created_at"],
            "updated_at": att["updated_at"],
        }

    # --- invoices -----------------------------------------------------------------------------
    def _counterparts(self, co: Company, kind: str) -> dict[int, dict]:
        return co.customers if kind == "customer" else co.suppliers

    def _rate(self, currency: str, currency_amount: Decimal, amount_raw) -> Decimal:
        if currency == "EUR":
            return Decimal("1")
        if amount_raw is not None and currency_amount != 0:
            return (parse_amount(amount_raw, "amount") / currency_amount).quantize(Decimal("0.000001"))
        return EXCHANGE_RATES.get(currency, Decimal("1"))

    def _make_line(self, co: Company, inv: dict, raw: dict, *, ts: str) -> dict:
        line = {
            "id": self.ids.next("line"),
            "label": raw.get("label") or (raw.get("ledger_entry_line") or {}).get("label") or inv["label"] or "",
            "description": raw.get("description"),
            "vat_rate": raw["vat_rate"],
            "currency_amount": parse_amount(raw["currency_amount"], "invoice_lines.currency_amount"),
            "currency_tax": parse_amount(raw["currency_tax"], "invoice_lines.currency_tax"),
            "amount": None, "tax": None,
            "ledger_account_id": raw.get("ledger_account_id"),
            "imputation_dates": copy.deepcopy(raw.get("imputation_dates")),
            "ledger_entry_line_label": (raw.get("ledger_entry_line") or {}).get("label"),
            "quantity": raw.get("quantity"),
            "raw_currency_unit_price": raw.get("raw_currency_unit_price"),
            "unit": raw.get("unit"),
            "product_id": raw.get("product_id"),
            "created_at": ts, "updated_at": ts,
        }
        self._apply_line_eur(inv, line, raw)
        self._check_line_refs(co, line)
        return line

    def _apply_line_eur(self, inv: dict, line: dict, raw: dict) -> None:
        rate = inv["exchange_rate"]
        if "amount" in raw and raw["amount"] is not None:
            line["amount"] = parse_amount(raw["amount"], "invoice_lines.amount")
        elif line["amount"] is None or "currency_amount" in raw:
            line["amount"] = (line["currency_amount"] * rate).quantize(CENT)
        if "tax" in raw and raw["tax"] is not None:
            line["tax"] = parse_amount(raw["tax"], "invoice_lines.tax")
        elif line["tax"] is None or "currency_tax" in raw:
            line["tax"] = (line["currency_tax"] * rate).quantize(CENT)

    def _check_line_refs(self, co: Company, line: dict) -> None:
        if line["ledger_account_id"] is not None and line["ledger_account_id"] not in co.ledger_accounts:
            raise unprocessable(f"Ledger account {line['ledger_account_id']} not found")
        if line["product_id"] is not None and line["product_id"] not in co.products:
            raise unprocessable(f"Product {line['product_id']} not found")
        dates = line["imputation_dates"]
        if dates and dates["start_date"] > dates["end_date"]:
            raise unprocessable("imputation_dates.start_date must be before end_date")

    @staticmethod
    def check_balance(inv: dict) -> None:
        lines = inv["lines"]
        if not lines:
            raise unprocessable("An invoice needs at least one invoice line")
        tolerance = CENT * len(lines)
        total = sum((line["currency_amount"] for line in lines), Decimal(0))
        tax = sum((line["currency_tax"] for line in lines), Decimal(0))
        before_tax = total - tax
        if (abs(total - inv["currency_amount"]) > tolerance
                or abs(tax - inv["currency_tax"]) > tolerance
                or abs(before_tax - inv["currency_amount_before_tax"]) > tolerance
                or abs(inv["currency_amount_before_tax"] + inv["currency_tax"] - inv["currency_amount"]) > CENT):
            raise unprocessable("Entry lines are not balanced")

    def import_invoice(self, company_id: int, kind: str, body: dict, *, source: str = "import") -> dict:
        with self.lock:
            co = self.companies[company_id]
            att = co.attachments.get(body["file_attachment_id"])
            if att is not None and att["invoice_id"] is None and self.attachment_ttl is not None \
                    and time.monotonic() - att.get("uploaded", 0.0) > self.attachment_ttl:
                del co.attachments[att["id"]]  # expired: gone, as Pennylane forgets an unused upload
                att = None
            if att is None:
                raise not_found("File not found")
            if att["invoice_id"] is not None:
                raise conflict(f"A Document with ID {att['invoice_id']} already exists with such attachment")
            counterpart_key = "customer_id" if kind == "customer" else "supplier_id"
            counterpart = self._counterparts(co, kind).get(body[counterpart_key])
            if counterpart is None:
                raise not_found(f"{kind.capitalize()} {body[counterpart_key]} not found")
            for key in ("date", "deadline"):
                if key in body and body[key] is not None:
                    dt.date.fromisoformat(body[key])  # schema already checked the format
            ts = self.timestamp()
            currency = body.get("currency") or "EUR"
            currency_amount = parse_amount(body["currency_amount"], "currency_amount")
            rate = self._rate(currency, currency_amount, body.get("amount"))
            inv = {
                "id": self.ids.next("invoice"), "kind": kind, "company_id": company_id,
                "counterpart_id": counterpart["id"],
                "date": body["date"], "deadline": body["deadline"],
                "invoice_number": body.get("invoice_number") or "",
                "currency": currency,
                "currency_amount": currency_amount,
                "currency_amount_before_tax": parse_amount(body["currency_amount_before_tax"], "currency_amount_before_tax"),
                "currency_tax": parse_amount(body["currency_tax"], "currency_tax"),
                "exchange_rate": rate,
                "amount": None, "tax": None,
                "label": None,
                "transaction_reference": copy.deepcopy(body.get("transaction_reference")),
                "external_reference": body.get("external_reference") or secrets.token_hex(8),
                "incomplete": bool(body.get("import_as_incomplete")),
                "attachment_id": att["id"],
                "lines": [], "categories": [],
                "ledger_entry_id": self.ids.next("ledger_entry"),
                "credit_note": bool(body.get("_credit_note")),
                "source": source,
                "created_at": ts, "updated_at": ts,
            }
            self._apply_invoice_eur(inv, body)
            inv["label"] = body.get("label") or self._auto_label(kind, counterpart, inv)
            inv["lines"] = [self._make_line(co, inv, raw, ts=ts) for raw in body["invoice_lines"]]
            self.check_balance(inv)
            co.invoices[inv["id"]] = inv
            att["invoice_id"] = inv["id"]
            return self.render_invoice(co, inv)

    def _apply_invoice_eur(self, inv: dict, body: dict) -> None:
        rate = inv["exchange_rate"]
        if body.get("amount") is not None:
            inv["amount"] = parse_amount(body["amount"], "amount")
        elif inv["amount"] is None or "currency_amount" in body:
            inv["amount"] = (inv["currency_amount"] * rate).quantize(CENT)
        if body.get("tax") is not None:
            inv["tax"] = parse_amount(body["tax"], "tax")
        elif inv["tax"] is None or "currency_tax" in body:
            inv["tax"] = (inv["currency_tax"] * rate).quantize(CENT)

    @staticmethod
    def _auto_label(kind: str, counterpart: dict, inv: dict) -> str:
        word = "Facture" if not inv["credit_note"] else "Avoir"
        name = counterpart.get("name") or ""
        number = inv["invoice_number"]
        return f"{word} {name} - {number}" if number else f"{word} {name}"

    def get_invoice(self, company_id: int, kind: str, invoice_id: int) -> dict:
        with self.lock:
            co = self.companies[company_id]
            inv = co.invoices.get(invoice_id)
            if inv is None or inv["kind"] != kind:
                raise not_found()
            return inv

    def update_invoice(self, company_id: int, kind: str, invoice_id: int, body: dict) -> dict:
        """PUT /supplier_invoices/{id} and PUT /customer_invoices/{id}/update_imported. All or nothing."""
        with self.lock:
            co = self.companies[company_id]
            current = self.get_invoice(company_id, kind, invoice_id)
            inv = copy.deepcopy(current)
            ts = self.timestamp()
            counterpart_key = "customer_id" if kind == "customer" else "supplier_id"
            if counterpart_key in body:
                if body[counterpart_key] not in self._counterparts(co, kind):
                    raise not_found(f"{kind.capitalize()} {body[counterpart_key]} not found")
                inv["counterpart_id"] = body[counterpart_key]
            for key in ("date", "deadline", "invoice_number", "label", "external_reference", "transaction_reference"):
                if key in body:
                    inv[key] = copy.deepcopy(body[key])
            if "currency" in body:
                inv["currency"] = body["currency"]
            for key in ("currency_amount", "currency_amount_before_tax", "currency_tax"):
                if key in body:
                    inv[key] = parse_amount(body[key], key)
            if "currency" in body or "amount" in body or "currency_amount" in body:
                inv["exchange_rate"] = self._rate(inv["currency"], inv["currency_amount"], body.get("amount"))
            self._apply_invoice_eur(inv, body)
            changes = body.get("invoice_lines") or {}
            by_id = {line["id"]: line for line in inv["lines"]}
            for item in changes.get("delete", []):
                if item["id"] not in by_id:
                    raise unprocessable(f"Invoice line {item['id']} not found on this invoice")
                del by_id[item["id"]]
            for item in changes.get("update", []):
                line = by_id.get(item["id"])
                if line is None:
                    raise unprocessable(f"Invoice line {item['id']} not found on this invoice")
                for key in ("label", "description", "vat_rate", "ledger_account_id", "imputation_dates", "unit",
                            "quantity", "raw_currency_unit_price", "product_id"):
                    if key in item:
                        line[key] = copy.deepcopy(item[key])
                if "ledger_entry_line" in item:
                    line["ledger_entry_line_label"] = (item["ledger_entry_line"] or {}).get("label")
                for key in ("currency_amount", "currency_tax"):
                    if key in item:
                        line[key] = parse_amount(item[key], f"invoice_lines.update.{key}")
                self._apply_line_eur(inv, line, item)
                self._check_line_refs(co, line)
                line["updated_at"] = ts
            lines = [line for line in inv["lines"] if line["id"] in by_id]
            for raw in changes.get("create", []):
                if not raw.get("label"):
                    raise unprocessable("label is required on created invoice lines")
                lines.append(self._make_line(co, inv, raw, ts=ts))
            inv["lines"] = lines
            if inv["label"] is None:
                inv["label"] = self._auto_label(kind, self._counterparts(co, kind)[inv["counterpart_id"]], inv)
            self.check_balance(inv)
            inv["updated_at"] = ts
            co.invoices[invoice_id] = inv
            return self.render_invoice(co, inv)

    def set_invoice_categories(self, company_id: int, kind: str, invoice_id: int, items: list[dict]) -> list[dict]:
        with self.lock:
            co = self.companies[company_id]
            inv = self.get_invoice(company_id, kind, invoice_id)
            seen: set[int] = set()
            sums: dict[int, Decimal] = {}
            parsed: list[tuple[int, str]] = []
            for item in items:
                cid = item["id"]
                if cid not in co.categories:
                    raise not_found(f"Category {cid} not found")
                if cid in seen:
                    raise unprocessable(f"Category {cid} is listed twice")
                seen.add(cid)
                raw = item["weight"]
                try:
                    weight = Decimal(raw)
                except (InvalidOperation, TypeError):
                    raise unprocessable(f"weight {raw!r} is not a decimal number") from None
                if not weight.is_finite() or weight <= 0 or weight > 1:
                    raise unprocessable(f"weight {raw!r} must be greater than 0 and at most 1")
                if -weight.as_tuple().exponent > 4 and weight != weight.quantize(Decimal("0.0001")):
                    raise unprocessable(f"weight {raw!r} has more than 4 decimals")
                group = co.categories[cid]["category_group_id"]
                sums[group] = sums.get(group, Decimal(0)) + weight
                parsed.append((cid, str(weight.quantize(Decimal("0.0001")).normalize()) if weight != 1 else "1.0"))
            for group, total in sums.items():
                if total != 1:
                    label = co.category_groups[group]["label"]
                    raise unprocessable(f"The weights of the categories of group {label!r} must sum to 1 (got {total})")
            inv["categories"] = parsed
            inv["updated_at"] = self.timestamp()
            return [self.render_category_assignment(co, cid, w) for cid, w in parsed]

    def invoice_categories(self, company_id: int, kind: str, invoice_id: int) -> list[dict]:
        with self.lock:
            co = self.companies[company_id]
            inv = self.get_invoice(company_id, kind, invoice_id)
            return [self.render_category_assignment(co, cid, w) for cid, w in inv["categories"]]

    # --- counterparts ---------------------------------------------------------------------------
    def _aux_account(self, co: Company, prefix: str, name: str, requested: dict | None) -> dict:
        if requested and requested.get("number"):
            number = requested["number"]
            existing = co.ledger_account_by_number(number)
            if existing:
                return existing
        else:
            count = sum(1 for a in co.ledger_accounts.values() if a["number"].startswith(prefix) and len(a["number"]) > 3)
            number = f"{prefix}{count + 1:04d}"
        return self.add_ledger_account(co, number, name[:60], vat_rate="any", letterable=True)

    def add_ledger_account(self, co: Company, number: str, label: str, *, vat_rate: str = "any",
                           letterable: bool = False, ts: str | None = None) -> dict:
        ts = ts or self.timestamp()
        acc = {
            "id": self.ids.next("ledger_account"), "number": number, "label": label, "vat_rate": vat_rate,
            "country_alpha2": "FR", "enabled": True, "type": "general" if len(number) <= 6 else "auxiliary",
            "letterable": letterable, "created_at": ts, "updated_at": ts,
        }
        co.ledger_accounts[acc["id"]] = acc
        return acc

    def create_supplier(self, company_id: int, body: dict) -> dict:
        with self.lock:
            co = self.companies[company_id]
            for other in co.suppliers.values():
                if body.get("external_reference") and other["external_reference"] == body["external_reference"]:
                    raise conflict(f"A supplier with external_reference {body['external_reference']!r} already exists")
                if body.get("reg_no") and other["reg_no"] == body["reg_no"]:
                    raise conflict(f"A supplier with reg_no {body['reg_no']!r} already exists")
            ts = self.timestamp()
            account = self._aux_account(co, "401", body["name"], body.get("ledger_account"))
            sup = {
                "id": self.ids.next("supplier"), "name": body["name"],
                "establishment_no": body.get("establishment_no"), "reg_no": body.get("reg_no"),
                "vat_number": body.get("vat_number", ""), "ledger_account": {"id": account["id"]},
                "emails": list(body.get("emails") or []), "iban": body.get("iban", ""),
                "postal_address": copy.deepcopy(body.get("postal_address")) or
                {"address": "", "postal_code": "", "city": "", "country_alpha2": "FR"},
                "supplier_payment_method": body.get("supplier_payment_method"),
                "supplier_due_date_delay": body.get("supplier_due_date_delay"),
                "supplier_due_date_rule": body.get("supplier_due_date_rule"),
                "external_reference": body.get("external_reference") or secrets.token_hex(8),
                "created_at": ts, "updated_at": ts,
            }
            co.suppliers[sup["id"]] = sup
            return self.render_plain(co, sup)

    def create_company_customer(self, company_id: int, body: dict) -> dict:
        with self.lock:
            co = self.companies[company_id]
            for other in co.customers.values():
                if body.get("external_reference") and other["external_reference"] == body["external_reference"]:
                    raise conflict(f"A customer with external_reference {body['external_reference']!r} already exists")
                if body.get("reg_no") and other.get("reg_no") == body["reg_no"]:
                    raise conflict(f"A customer with reg_no {body['reg_no']!r} already exists")
            address = body["billing_address"]
            if not all(str(address.get(k) or "").strip() for k in ("address", "postal_code", "city", "country_alpha2")):
                raise unprocessable("billing_address: address, postal_code, city and country_alpha2 must be filled")
            ts = self.timestamp()
            account = self._aux_account(co, "411", body["name"], body.get("ledger_account"))
            cust = {
                "id": self.ids.next("customer"), "name": body["name"],
                "billing_iban": body.get("billing_iban"),
                "payment_conditions": body.get("payment_conditions") or "30_days",
                "recipient": body.get("recipient", ""), "phone": body.get("phone", ""),
                "reference": body.get("reference"), "notes": body.get("notes"),
                "vat_number": body.get("vat_number", ""), "reg_no": body.get("reg_no", ""),
                "ledger_account": {"id": account["id"]},
                "emails": list(body.get("emails") or []),
                "billing_address": copy.deepcopy(address),
                "delivery_address": copy.deepcopy(body.get("delivery_address") or address),
                "created_at": ts, "updated_at": ts,
                "customer_type": "company",
                "external_reference": body.get("external_reference") or secrets.token_hex(8),
                "billing_language": body.get("billing_language") or "fr_FR",
            }
            co.customers[cust["id"]] = cust
            view = self.render_customer(co, cust)
            view.pop("customer_type", None)  # the POST /company_customers 201 schema has no customer_type
            return view
