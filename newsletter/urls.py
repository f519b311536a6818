from django.urls import include, path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.issue_page, name="issue"),
]

# Bounces and complaints from a mailing provider (django-anymail), behind basic auth
# (ANYMAIL_WEBHOOK_SECRET): /newsletter/webhooks/<provider>/tracking/.
urlpatterns += [path("webhooks/", include("anymail.urls"))]
