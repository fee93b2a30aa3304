"""The cache table: the web server and the task worker are separate processes, and what the
worker adds up for a large plan's progress page must be there for the next page view."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("kehoach", "0002_work_and_reports")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
