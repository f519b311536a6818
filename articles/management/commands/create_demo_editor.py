from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"
# A known login for the local demo only (the command refuses to run unless DEBUG).
PASSWORD = "nhe-demo-editor"  # noqa: S105  # nosec B105


class Command(BaseCommand):
    help = "Create (or reset) the demo editor login for a local site. Refused unless DEBUG."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor is for local development only (set DEBUG=1).")
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "editor@example.org"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor: sign in at http://127.0.0.1:8000/admin/ as {USERNAME} / {PASSWORD}"
            )
        )
