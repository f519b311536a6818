from django.urls import path, register_converter

from . import views
from .converters import AccessTokenConverter

register_converter(AccessTokenConverter, "access_token")

app_name = "columnists"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.thanks, name="thanks"),
    path("pitches/<access_token:token>/", views.pitch_status, name="pitch_status"),
]
