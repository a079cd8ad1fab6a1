"""Log records as one JSON object a line: journald keeps them, and any collector can parse them.

Fields: ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message``, ``exc_info`` (the
traceback, when there is one), the request's ``status_code`` and ``path`` for Django's request
loggers, and whatever a caller passes in ``extra={...}``.
"""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has: the rest came from ``extra=`` and is worth keeping.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if key == "request":  # django.request passes the HttpRequest itself
                entry["path"] = getattr(value, "path", "")
                entry["method"] = getattr(value, "method", "")
                continue
            entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)
