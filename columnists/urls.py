from django.urls import path

from . import views

app_name = "columnists"

urlpatterns = [
    path("", views.directory, name="directory"),
]
