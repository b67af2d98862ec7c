"""Validation of requests against the schemas extracted from Pennylane's OpenAPI document.

``openapi_subset.json`` is written by ``tools/extract_schemas.py``. A failure becomes a 400 in
Pennylane's shape ``{"message", "field", "code"}`` with the code its validator (openapi_parser)
would use.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from app.standin.errors import ApiError, bad_request

SUBSET_PATH = Path(__file__).with_name("openapi_subset.json")

_FORMAT_CODES = {
    "date": "InvalidDateFormat",
    "date-time": "InvalidDateTimeFormat",
    "email": "InvalidEmailFormat",
    "uuid": "InvalidUUIDFormat",
}
_VALIDATOR_CODES = {
    "additionalProperties": "NotExistPropertyDefinition",
    "required": "NotExistRequiredKey",
    "enum": "NotEnumInclude",
    "const": "NotEnumInclude",
    "type": "ValidateError",
    "minLength": "LessThanMinLength",
    "maxLength": "MoreThanMaxLength",
    "pattern": "InvalidPattern",
    "minItems": "LessThanMinItems",
    "maxItems": "MoreThanMaxItems",
    "minimum": "LessThanMinimum",
    "maximum": "MoreThanMaximum",
    "exclusiveMinimum": "LessThanExclusiveMinimum",
    "exclusiveMaximum": "MoreThanExclusiveMaximum",
    "anyOf": "NotAnyOf",
    "oneOf": "NotOneOf",
}

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$")

format_checker = FormatChecker(formats=())


@format_checker.checks("date")
def _is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_RE.match(value):
        return False
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@format_checker.checks("date-time")
def _is_datetime(value) -> bool:
    return not isinstance(value, str) or bool(_DATETIME_RE.match(value))


@format_checker.checks("email")
def _is_email(value) -> bool:
    return not isinstance(value, str) or bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value))


def _path_text(path) -> str:
    return ".".join(str(p) for p in path)


def error_to_api(error: ValidationError, where: str) -> ApiError:
    """Turn a jsonschema error into Pennylane's 400 (message, field, code)."""
    validator = error.validator
    path = list(error.absolute_path)
    instance = error.instance
    if validator == "format":
        code = _FORMAT_CODES.get(error.validator_value, "ValidateError")
        field = _path_text(path)
        message = f"{instance!r} is not a valid {error.validator_value} ({where} {field})"
    elif validator == "additionalProperties":
        allowed = set((error.schema or {}).get("properties", {}))
        extra = sorted(k for k in (instance or {}) if k not in allowed) if isinstance(instance, dict) else []
        field = _path_text(path + extra[:1])
        code = "NotExistPropertyDefinition"
        message = f"{_path_text(path) or where} does not define properties: {', '.join(extra)}"
    elif validator == "required":
        missing = [k for k in error.validator_value if not isinstance(instance, dict) or k not in instance]
        field = _path_text(path + missing[:1])
        code = "NotExistRequiredKey"
        message = f"required parameters {', '.join(missing)} not exist in {where}"
    elif validator == "type" and instance is None:
        field = _path_text(path)
        code = "NotNullError"
        message = f"{field} does not allow null values"
    elif validator in ("enum", "const"):
        field = _path_text(path)
        code = "NotEnumInclude"
        shown = error.validator_value if len(error.validator_value) <= 12 else list(error.validator_value[:12]) + ["..."]
        message = f"{instance!r} isn't included in enum {shown} ({field})"
    else:
        field = _path_text(path)
        code = _VALIDATOR_CODES.get(validator, "ValidateError")
        message = f"{field or where}: {error.message}"
    summary = f"{code} at {field or '(root)'}: {error.message[:300]}"
    return bad_request(message, field or None, code, schema_error=summary)


class Operation:
    def __init__(self, op_id: str, spec: dict, defs: dict) -> None:
        self.op_id = op_id
        self.spec = spec
        self.method = spec["method"]
        self.path = spec["path"]
        self.scopes: list[str] = spec.get("scopes", [])
        self.filter_fields: dict[str, list[str]] = spec.get("filter") or {}
        self.sort_fields: list[str] = spec.get("sort") or []
        self.multipart_json: list[str] = spec.get("multipart_json") or []
        self.body_type: str | None = spec.get("body_type")
        query = spec.get("query") or {"type": "object", "properties": {}}
        self.query_props: dict = query.get("properties", {})
        self._query_validator = Draft202012Validator({**query, "$defs": defs}, format_checker=format_checker)
        body = spec.get("body")
        self._body_validator = (
            Draft202012Validator({**body, "$defs": defs}, format_checker=format_checker) if body is not None else None
        )
        self.body_schema = body

    def coerce_query(self, args) -> dict:
        """Query strings → typed values following the parameter schemas (unknown parameters ignored)."""
        out: dict = {}
        for name, schema in self.query_props.items():
            if name not in args:
                continue
            raw = args.get(name)
            typ = schema.get("type")
            if isinstance(typ, list):
                typ = next((t for t in typ if t != "null"), None)
            if typ == "integer":
                try:
                    out[name] = int(raw)
                except (TypeError, ValueError):
                    out[name] = raw  # fails type validation below
            elif typ == "number":
                try:
                    out[name] = float(raw)
                except (TypeError, ValueError):
                    out[name] = raw
            elif typ == "boolean":
                out[name] = {"true": True, "false": False}.get(str(raw).lower(), raw)
            else:
                out[name] = raw
        return out

    def validate_query(self, args) -> dict:
        values = self.coerce_query(args)
        self._check(self._query_validator, values, "query")
        return values

    def validate_body(self, body) -> None:
        if self._body_validator is not None:
            self._check(self._body_validator, body, "request body")

    @staticmethod
    def _check(validator: Draft202012Validator, instance, where: str) -> None:
        errors = sorted(validator.iter_errors(instance), key=lambda e: (len(list(e.absolute_path)), str(e.path)))
        if errors:
            # the shallowest, then the first in document order: stable messages
            raise error_to_api(errors[0], where)


class Schemas:
    def __init__(self, path: Path = SUBSET_PATH) -> None:
        self.path = path

    @cached_property
    def document(self) -> dict:
        return json.loads(self.path.read_text(encoding="utf-8"))

    @cached_property
    def operations(self) -> dict[str, Operation]:
        defs = self.document.get("$defs", {})
        return {op_id: Operation(op_id, spec, defs) for op_id, spec in self.document["operations"].items()}

    def __getitem__(self, op_id: str) -> Operation:
        return self.operations[op_id]
