from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member a new authenticator for admin sign-in, removing any old one "
        "(first enrolment, or recovery when a phone is lost), and print the otpauth:// "
        "address to scan. With --recovery-codes N, also print N single-use recovery codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--recovery-codes", type=int, default=0, metavar="N")

    @transaction.atomic
    def handle(self, username, recovery_codes, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        totp = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        self.stdout.write(f"Removed {removed} old device(s) of {username}.")
        self.stdout.write("Scan this address in an authenticator app (or type the key):")
        self.stdout.write(totp.config_url)
        if recovery_codes > 0:
            static = StaticDevice.objects.create(user=user, name="Recovery codes")
            self.stdout.write("Single-use recovery codes (keep them somewhere safe):")
            for _ in range(recovery_codes):
                code = StaticToken.random_token()
                static.token_set.create(token=code)
                self.stdout.write(code)
