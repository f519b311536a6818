from django.urls import include, path


def notify(request, who):
    raise RuntimeError(f"could not notify {who} from {request.GET.get('ip', '')}")


handler500 = "nhe.views.server_error"

urlpatterns = [path("notify/<str:who>/", notify), path("", include("nhe.urls"))]
