import json

from django.core.management.base import BaseCommand

from comments.privacy import export


class Command(BaseCommand):
    help = "Print every comment made with an email address as JSON (a subject access request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = {"email": email, "comments": export(email)}
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
