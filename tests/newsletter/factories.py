from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone

from newsletter.models import Consent, Issue, IssueItem, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if create and extracted:
            self.sections.set(extracted)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    subject = factory.Sequence(lambda n: f"NHE daily bulletin: story {n}")
    covers_until = factory.LazyFunction(timezone.now)
    covers_from = factory.LazyAttribute(lambda issue: issue.covers_until - timedelta(days=1))


class SentIssueFactory(IssueFactory):
    status = Issue.Status.SENT
    sent_at = factory.LazyFunction(timezone.now)


class IssueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueItem

    issue = factory.SubFactory(IssueFactory)
    article = factory.SubFactory("tests.factories.ArticleFactory")
    slot = IssueItem.Slot.SECTION
    position = factory.Sequence(lambda n: n + 1)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    subscriber = factory.SubFactory(SubscriberFactory)
    action = Consent.Action.REQUESTED
    wording_version = factory.LazyFunction(lambda: settings.NEWSLETTER_CONSENT_VERSION)
    source = "/"
