"""Request ids in log lines."""

import logging

from django_guid.log_filters import CorrelationId


class RequestIdLogFilter(CorrelationId):
    """django-guid's log filter (the id of the request or task being served), with "-" on
    lines that belong to neither."""

    def __init__(self):
        super().__init__(correlation_id_field="request_id")

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        record.request_id = record.request_id or "-"
        return True
