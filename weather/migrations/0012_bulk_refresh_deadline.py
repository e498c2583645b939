"""A bulk refresh's deadline (the sweep finishes it then) and its chunks published so far
(the fan-out task carries on from there when redelivered)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0011_gazetteer_covering_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="bulkrefresh",
            name="chunks_published",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="bulkrefresh",
            name="deadline_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
    ]
