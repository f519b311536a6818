from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# Uploaded files as `make run` serves them (nhe/urls.py adds this route under DEBUG).
urlpatterns = [path("media/<path:path>", media), re_path("", include("nhe.urls"))]
