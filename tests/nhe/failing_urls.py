from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug in a view")


handler500 = "nhe.views.server_error"

urlpatterns = [path("boom/", boom), path("", include("nhe.urls"))]
