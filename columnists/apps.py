from django.apps import AppConfig


class ColumnistsConfig(AppConfig):
    name = "columnists"
    verbose_name = "Columnists"
