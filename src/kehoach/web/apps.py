from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KehoachConfig(AppConfig):
    name = "kehoach.web"
    label = "kehoach"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from . import audit, stamps

        audit.connect_signals()
        stamps.connect_signals()
