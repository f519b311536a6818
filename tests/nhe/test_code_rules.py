"""Rules no code of ours may break: no SQL, HTML or URLs built from strings, no unreviewed
`mark_safe`/`|safe`, no switched-off CSP. Read from the source, so new code is held to them."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["nhe", "articles", "comments", "columnists", "demo"]
# The one reviewed place that turns stored, sanitised HTML into safe markup.
MARK_SAFE_ALLOWED = {"articles/sanitise.py"}
SQL_METHODS = {"execute", "executemany", "raw", "extra", "RawSQL"}


def python_sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def template_sources():
    folders = [ROOT / "templates", *(ROOT / p / "templates" for p in PACKAGES)]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            yield path.relative_to(ROOT).as_posix(), path.read_text()


def built_from_strings(node):
    """An f-string, `+`/`%` on strings, or "...".format(...): text assembled at run time."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    )


def called_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def calls(tree):
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def test_no_sql_is_built_from_strings_and_no_raw_or_extra_queries():
    offences = []
    for name, tree in python_sources():
        for call in calls(tree):
            method = called_name(call)
            if method in {"raw", "extra", "RawSQL"}:
                offences.append(f"{name}:{call.lineno} uses {method}()")
            elif method in SQL_METHODS and call.args and built_from_strings(call.args[0]):
                offences.append(f"{name}:{call.lineno} builds SQL from strings")
    assert offences == []


def test_no_html_is_built_from_strings():
    offences = []
    for name, tree in python_sources():
        for call in calls(tree):
            method = called_name(call)
            assembled = bool(call.args) and built_from_strings(call.args[0])
            if method in {"format_html", "markup", "HttpResponse"} and assembled:
                offences.append(f"{name}:{call.lineno} {method}() of an assembled string")
            if method in {"mark_safe", "SafeString"} and name not in MARK_SAFE_ALLOWED:
                offences.append(f"{name}:{call.lineno} calls {method}()")
    assert offences == []


def test_no_template_turns_escaping_or_the_csp_off():
    offences = []
    for name, text in template_sources():
        for pattern in [r"\|\s*safe\b", r"{%\s*autoescape\s+off", r"\|\s*safeseq\b"]:
            offences += [f"{name}: {m.group()}" for m in re.finditer(pattern, text)]
    for name, tree in python_sources():
        for call in calls(tree):
            if called_name(call) == "csp_override" and not call.args:
                offences.append(f"{name}:{call.lineno} csp_override() without a policy")
            if called_name(call) == "csp_override" and call.args:
                policy = call.args[0]
                if isinstance(policy, ast.Dict) and not policy.keys:
                    offences.append(f"{name}:{call.lineno} csp_override({{}}) disables the CSP")
    assert offences == []


def test_the_rules_above_catch_what_they_are_meant_to():
    tree = ast.parse(
        'cursor.execute(f"SELECT * FROM t WHERE id = {pk}")\n'
        'Article.objects.raw("SELECT 1")\n'
        'format_html("<b>%s</b>" % name)\n'
        'cursor.execute("SELECT %s", [pk])\n'
        'markup("<i>" + name)\n'
        'markup("<i>{}</i>", name)\n'
    )
    html_methods = {"format_html", "markup"}
    found = [call for call in calls(tree) if called_name(call) in SQL_METHODS | html_methods]
    flagged = [
        call.lineno
        for call in found
        if called_name(call) in {"raw", "extra"} or built_from_strings(call.args[0])
    ]
    assert flagged == [1, 2, 3, 5]
