from django.urls import path

from . import views

app_name = "columnists"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.thanks, name="thanks"),
    path("pitches/<str:token>/", views.pitch_status, name="pitch_status"),
]
