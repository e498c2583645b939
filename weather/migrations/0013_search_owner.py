"""Searches and bulk refreshes get an owner (a browser session's visitor id, or an account),
and searches an unguessable public id. Existing rows have no owner: operators only."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE weather_weathersearch SET public_id = gen_random_uuid() "
            "WHERE public_id IS NULL"
        )
        return
    search = apps.get_model("weather", "WeatherSearch")
    for pk in search.objects.filter(public_id__isnull=True).values_list("pk", flat=True):
        search.objects.filter(pk=pk).update(public_id=uuid.uuid4())


def _owner():
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0012_bulk_refresh_deadline"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(model_name="bulkrefresh", name="owner", field=_owner()),
        migrations.AddField(
            model_name="bulkrefresh",
            name="owner_visitor",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.AddField(model_name="weathersearch", name="owner", field=_owner()),
        migrations.AddField(
            model_name="weathersearch",
            name="owner_visitor",
            field=models.UUIDField(blank=True, null=True),
        ),
        # Null first, one value per row, then unique: a default would give every row the same.
        migrations.AddField(
            model_name="weathersearch",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="weathersearch",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddIndex(
            model_name="weathersearch",
            index=models.Index(fields=["owner_visitor", "created_at"], name="search_visitor_idx"),
        ),
        migrations.AddIndex(
            model_name="weathersearch",
            index=models.Index(fields=["owner", "created_at"], name="search_owner_idx"),
        ),
    ]
