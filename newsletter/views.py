from django.http import Http404

# Subscribing and managing a subscription -----------------------------------------------------


def subscribe(request):
    raise Http404


def confirm(request, token):
    raise Http404


def preferences(request, token):
    raise Http404


def unsubscribe(request, token):
    raise Http404


# The archive of sent issues -------------------------------------------------------------------


def archive(request):
    raise Http404


def issue_page(request, pk):
    raise Http404
