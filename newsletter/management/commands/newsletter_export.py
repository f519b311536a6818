import json

from django.core.management.base import BaseCommand

from newsletter.privacy import export


class Command(BaseCommand):
    help = (
        "Print what the bulletin holds about an email address as JSON (a subject access "
        "request): the subscription, its consents and the issues sent to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = {"email": email, "subscriber": export(email)}
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
