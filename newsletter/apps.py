from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Daily bulletin"

    def ready(self):
        from .signals import connect

        connect()
