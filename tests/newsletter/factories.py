import factory
from django.conf import settings
from django.utils import timezone

from newsletter.models import Consent, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    subscriber = factory.SubFactory(SubscriberFactory)
    action = Consent.Action.REQUESTED
    wording_version = factory.LazyFunction(lambda: settings.NEWSLETTER_CONSENT_VERSION)
    source = "/"
