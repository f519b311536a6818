from datetime import timedelta

import factory
from django.utils import timezone

from newsletter.models import Issue, IssueItem, Subscriber
from tests.factories import ArticleFactory


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

    subject = factory.Sequence(lambda n: f"Today in the NHS, number {n}")
    intro = "Good morning.\n\nThree stories to start your day."
    covers_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    covers_until = factory.LazyFunction(timezone.now)


class IssueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueItem

    issue = factory.SubFactory(IssueFactory)
    article = factory.SubFactory(ArticleFactory)
    slot = IssueItem.Slot.SECTION
    position = factory.Sequence(lambda n: n)
