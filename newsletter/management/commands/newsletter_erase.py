from django.core.management.base import BaseCommand, CommandError

from newsletter.models import Subscriber
from newsletter.privacy import erase


class Command(BaseCommand):
    help = (
        "Erase the bulletin subscription of an email address: the subscriber, their consents "
        "and the record of issues sent to them. Every link in our emails to them stops working."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, email, interactive, **options):
        if not Subscriber.objects.by_email(email).exists():
            self.stdout.write("No subscriber with that address.")
            return
        if interactive:
            answer = input("Erase this subscriber, their consents and deliveries? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing erased.")
        erased = erase(email)
        self.stdout.write(
            "Deleted the subscriber, {consents} consent record(s) and {deliveries} "
            "delivery record(s).".format(**erased)
        )
