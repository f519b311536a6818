import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory

from .factories import comment_data


@pytest.fixture
def article(db):
    return ArticleFactory(
        title="Boards publish winter plans", authors=[AuthorFactory(name="Dr Lena Okafor")]
    )


@pytest.fixture
def post_comment(client, article):
    """Post the comment form for an article as a reader would, with any fields changed."""

    def post(target=None, follow=False, client=client, headers=None, **fields):
        target = target or article
        return client.post(
            reverse("comments:post", args=[target.pk]),
            comment_data(target, **fields),
            follow=follow,
            headers=headers or {},
        )

    return post


@pytest.fixture
def moderator(moderator_group, django_user_model):
    user = django_user_model.objects.create_user(
        "moderator", "moderator@nhe.example", "pw", is_staff=True
    )
    user.groups.add(moderator_group)
    return user


@pytest.fixture
def writer(db, django_user_model):
    """Staff who may look at comments but not moderate them."""
    user = django_user_model.objects.create_user(
        "writer", "writer@nhe.example", "pw", is_staff=True
    )
    user.user_permissions.add(
        Permission.objects.get(codename="view_comment"),
        Permission.objects.get(codename="change_comment"),
    )
    return user
