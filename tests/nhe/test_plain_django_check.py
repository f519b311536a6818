"""scripts/check_plain_django.py, which `make test` runs, on small projects written here."""

import importlib.util
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR, "scripts", "check_plain_django.py")
_spec = importlib.util.spec_from_file_location("check_plain_django", SCRIPT)
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)


@pytest.fixture
def project(tmp_path):
    """Write {path: source} as a project and return what the checker finds in it."""

    def check(files):
        for name, source in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            for folder in path.relative_to(tmp_path).parents:
                if folder.parts:
                    (tmp_path / folder / "__init__.py").touch()
            path.write_text(textwrap.dedent(source))
        return checker.check(tmp_path)

    return check


def test_a_private_attribute_of_djangos_request_is_caught(project):
    found = project({"nhe/pagecache.py": "def nonce(request):\n    return request._csp_nonce\n"})
    assert found == ["nhe/pagecache.py:2: private attribute _csp_nonce of request"]


def test_getattr_of_a_private_name_is_caught(project):
    found = project({"articles/models.py": "def f(file):\n    getattr(file, '_committed', 1)\n"})
    assert found == ["articles/models.py:2: private attribute _committed of file"]


def test_documented_underscore_names_are_allowed(project):
    found = project(
        {
            "articles/admin.py": """
                def describe(obj, article, row):
                    article._history_user = None
                    return obj._meta.label, obj._state.adding, row._replace(a=1)
            """
        }
    )
    assert found == []


def test_our_own_private_names_on_self_are_allowed(project):
    found = project(
        {
            "articles/cache.py": """
                class Remembered:
                    def __init__(self):
                        self._seen = {}

                    def get(self, key):
                        return self._seen.get(key) or self._load(key)

                    def _load(self, key):
                        return key
            """
        }
    )
    assert found == []


def test_a_private_name_inherited_from_django_is_caught(project):
    found = project(
        {
            "columnists/forms.py": """
                from django import forms

                class PitchForm(forms.Form):
                    def has_errors(self):
                        return self._errors
            """
        }
    )
    assert found == ["columnists/forms.py:6: private attribute _errors of self"]


def test_our_name_that_is_also_djangos_private_name_is_caught(project):
    found = project(
        {
            "columnists/storage.py": """
                from django.core.files.storage import FileSystemStorage

                class PrivateStorage(FileSystemStorage):
                    def _clear_cached_properties(self, setting, **kwargs):
                        super()._clear_cached_properties(setting, **kwargs)
            """
        }
    )
    assert found == [
        "columnists/storage.py:5: PrivateStorage overrides private _clear_cached_properties of "
        "django.core.files.storage.filesystem.FileSystemStorage",
        "columnists/storage.py:6: private attribute _clear_cached_properties of super()",
    ]


def test_imports_of_django_internals_and_private_names_are_caught(project):
    found = project(
        {
            "articles/prepared.py": """
                from django.db.models.query import ModelIterable, QuerySet
                from django.db.models.sql.compiler import SQLCompiler
                from django.utils.html import _json_script_escapes
                from django.db.models import Prefetch
            """
        }
    )
    assert found == [
        "articles/prepared.py:2: imports Django internals django.db.models.query.ModelIterable",
        "articles/prepared.py:3: imports Django internals "
        "django.db.models.sql.compiler.SQLCompiler",
        "articles/prepared.py:4: imports private django.utils.html._json_script_escapes",
    ]


def test_articles_importing_an_app_built_on_it_is_caught(project):
    found = project(
        {
            "articles/models.py": """
                from django.apps import apps
                from comments.models import Comment
                from ..columnists import models

                def comments():
                    return apps.get_model("comments", "Comment")
            """
        }
    )
    assert found == [
        "articles/models.py:3: articles imports comments.models.Comment",
        "articles/models.py:4: articles imports columnists.models",
        "articles/models.py:7: articles imports comments",
    ]


def test_apps_may_build_on_articles_and_demo_may_import_every_app(project):
    found = project(
        {
            "comments/models.py": "from articles.models import Article\n",
            "demo/seed.py": "import comments.models\nfrom columnists import pipeline\n",
        }
    )
    assert found == []


def test_apps_importing_each_other_nhe_or_another_apps_views_are_caught(project):
    found = project(
        {
            "comments/views.py": "from articles import views\nimport columnists.models\n",
            "demo/seed.py": "from nhe import settings\n",
        }
    )
    assert found == [
        "comments/views.py:1: comments imports another app's views (articles.views)",
        "comments/views.py:2: comments imports columnists.models",
        "demo/seed.py:1: demo imports nhe.settings",
    ]
