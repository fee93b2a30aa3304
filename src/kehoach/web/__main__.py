"""``python -m kehoach.web <command>``: Django's management commands with our settings."""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")
execute_from_command_line(["kehoach.web", *sys.argv[1:]])
