# Joins the two branches made side by side: people's preferences and favourites, and alerts.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0014_preferences_favourite"),
        ("weather", "0015_alerts_schedule"),
    ]

    operations = []
