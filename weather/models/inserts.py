"""One INSERT of a new model instance, its statement written once per model: what `save()`
does for a new row (each field's `pre_save` and database value, the id set) without Django's
compiler writing the SQL anew on each call (~400 Python calls a row), nor the transaction
`bulk_create` opens for an upsert. For the rows every search writes: its place and itself.
No signals are sent (none is connected to these models). JSON columns are written by orjson:
a search's forecast is ~20 KB of JSON, which the json module takes ~0.4 ms to write."""

from __future__ import annotations

import functools
from typing import Any

import orjson
from django.db import connection
from django.db.backends.postgresql.psycopg_any import Jsonb
from django.db.models import Field, JSONField, Model


def insert(instance: Model, *, update_on_conflict: str = "", keep: tuple[str, ...] = ()) -> None:
    """Writes `instance` as a new row and sets its id. With `update_on_conflict` (a unique
    field), a row holding the same value is updated instead, but for the `keep` fields, whose
    stored values are set on `instance`."""
    sql, fields = _statement(type(instance), update_on_conflict, keep)
    values = [_db_value(field, field.pre_save(instance, True)) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        instance.pk, *kept = cursor.fetchone()
    for name, value in zip(keep, kept, strict=True):
        setattr(instance, name, value)
    instance._state.adding, instance._state.db = False, connection.alias


def _db_value(field: Field, value: Any) -> Any:
    if isinstance(field, JSONField) and field.encoder is None and isinstance(value, dict | list):
        return Jsonb(value, dumps=_json_text)
    return field.get_db_prep_save(value, connection)


def _json_text(value: Any) -> str:
    # As the json module writes it, but for NaN and infinities (null here, refused there).
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


@functools.cache
def _statement(model: type[Model], conflict: str, keep: tuple[str, ...]) -> tuple[str, list[Field]]:
    meta, quote = model._meta, connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = [quote(field.column) for field in fields]
    # Names from our own models; the values are parameters.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if conflict:
        unchanged = {quote(meta.get_field(name).column) for name in (conflict, *keep)}
        updated = [f"{column} = EXCLUDED.{column}" for column in columns if column not in unchanged]
        sql += f" ON CONFLICT ({quote(meta.get_field(conflict).column)}) DO UPDATE SET "
        sql += ", ".join(updated)
    returned = [meta.pk, *(meta.get_field(name) for name in keep)]
    return f"{sql} RETURNING {', '.join(quote(field.column) for field in returned)}", fields
