from anymail import urls as anymail_urls
from django.conf import settings
from django.urls import path

from . import signals, views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.issue_page, name="issue"),
]


def provider_webhooks():
    """The mailing provider's bounce and complaint webhook (django-anymail), at
    /newsletter/webhooks/<provider>/tracking/: only the provider we send through
    (NEWSLETTER_WEBHOOK_PROVIDER), and only once its reports are authenticated
    (ANYMAIL_WEBHOOK_SECRET or its signing key), since anymail would take them from anyone."""
    name = f"{settings.NEWSLETTER_WEBHOOK_PROVIDER}_tracking_webhook"
    if not settings.NEWSLETTER_WEBHOOK_PROVIDER or not signals.webhooks_are_authenticated():
        return []
    return [
        path(f"webhooks/{webhook.pattern}", views.readable_reports(webhook.callback), name=name)
        for webhook in anymail_urls.urlpatterns
        if webhook.name == name
    ]


urlpatterns += provider_webhooks()
