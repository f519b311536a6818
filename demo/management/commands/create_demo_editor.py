from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Known logins for the local demo only: (username, password, role).
DEMO_LOGINS = [
    ("editor", "nhe-demo-editor", "Editor"),
    ("writer", "nhe-demo-writer", "Writer"),
]


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo editor and writer logins for a local site, each with "
        "their newsroom role. Refused unless DEBUG."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo logins are for local development only (set DEBUG=1).")
        for username, password, role in DEMO_LOGINS:
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = True
            user.is_superuser = False
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo {role.lower()}: sign in at http://127.0.0.1:8000/admin/ "
                    f"as {username} / {password}"
                )
            )
