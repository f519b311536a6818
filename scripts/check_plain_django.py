"""Fail when project code reaches into private APIs or an app imports what it must not.

    python scripts/check_plain_django.py [PROJECT_ROOT]     (exit 1 when anything is found)

Reads every Python file of the project except tests/ (migrations, bench/ and scripts/ are
read too) and reports, one `path:line: what` a line:

1. Private attributes. `x._name` (and getattr/hasattr/setattr/delattr with "_name") is a
   finding, dunders aside, unless the name is documented API: Django's `_meta`, `_state`,
   `_default_manager`, `_base_manager`; simple-history's `_history_user` and
   `_change_reason`; a named tuple's `_replace`, `_asdict`, `_fields`, `_make`. The one
   exception is a private name of our own classes: `self._x`, `cls._x` or `super()._x`
   inside a class (or another instance's `_x` inside the class that owns it), where one of
   our classes in its ancestry defines or assigns `_x` and no Django or library class it
   inherits from has a `_x` of its own (those are imported and read to tell). A class that
   defines a `_name` some library base class already has is overriding a private hook: also
   a finding. Anything else, `request._x` included, is reaching into an object we do not own.
2. Undocumented modules. Django is checked against a short deny-list of known internals
   (the SQL compiler, queryset iterables and populators, query utilities, the template
   engine's parser, the backends' cursor wrappers, the admin's utilities) rather than an
   allow-list of documented modules: the deny-list names what we have actually reached
   for and never flags documented API. Any name or module part that starts with an
   underscore, imported from Django or a library, is a finding too.
3. Import direction. `articles` imports nothing from `comments`, `columnists`,
   `newsletter` or `demo`; those apps do not import each other (nor `demo`); `demo` may
   import every app; no app imports `nhe`; no app imports another app's views. Relative
   imports are resolved, and `importlib.import_module("...")`, `apps.get_model(...)` and
   "app_label.Model" strings given to relation fields count as imports.

A clean run does not prove the boundaries: the checker cannot see every coupling.
"""

import ast
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

APPS = ("articles", "comments", "columnists", "newsletter", "demo")
# What each app must never import (top-level packages).
FORBIDDEN = {
    "articles": {"comments", "columnists", "newsletter", "demo", "nhe"},
    "comments": {"columnists", "newsletter", "demo", "nhe"},
    "columnists": {"comments", "newsletter", "demo", "nhe"},
    "newsletter": {"comments", "columnists", "demo", "nhe"},
    "demo": {"nhe"},
}
SKIPPED_DIRS = {"tests", "node_modules", "var", "static", "templates", "venv", "site-packages"}

DOCUMENTED_PRIVATE = {
    "_meta", "_state", "_default_manager", "_base_manager",  # Django's models
    "_history_user", "_change_reason",  # django-simple-history's hooks
    "_replace", "_asdict", "_fields", "_make", "_field_defaults",  # collections.namedtuple
    "_",  # gettext's conventional alias
}  # fmt: skip
INTERNAL_MODULES = (
    "django.db.models.sql",
    "django.db.models.query_utils",
    "django.db.backends.utils",
    "django.template.base",
    "django.contrib.admin.utils",
)
# django.db.models.query is documented only for these; the rest are its machinery.
QUERY_MODULE_DOCUMENTED = {"QuerySet", "Prefetch", "prefetch_related_objects", "EmptyQuerySet"}
INTERNAL_NAMES = {
    "ModelIterable", "ValuesIterable", "ValuesListIterable", "FlatValuesListIterable",
    "NamedValuesListIterable", "BaseIterable", "RelatedPopulator", "get_related_populators",
}  # fmt: skip
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
ATTRIBUTE_FUNCTIONS = {"getattr", "hasattr", "setattr", "delattr"}


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass
class ClassInfo:
    module: str
    name: str
    bases: list = field(default_factory=list)  # dotted names, ours or a library's
    owns: set = field(default_factory=set)  # names the class body defines or methods assign
    defines: dict = field(default_factory=dict)  # body-level names -> line


def python_files(root):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if parts[0] in SKIPPED_DIRS or any(p.startswith(".") for p in parts):
            continue
        yield path


def module_name(root, path):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree, module, is_package):
    """Local name -> dotted name it stands for, from the module's imports."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom):
            source = absolute_module(node, module, is_package)
            for alias in node.names:
                names[alias.asname or alias.name] = f"{source}.{alias.name}"
    return names


def absolute_module(node, module, is_package):
    if not node.level:
        return node.module or ""
    package = module.split(".")
    package = package if is_package else package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, node.module] if node.module else package)


def dotted(node, names):
    """The dotted name an expression such as `models.Model` refers to, if it is one."""
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = dotted(node.value, names)
        return f"{base}.{node.attr}" if base else None
    return None


def self_name(function):
    decorators = {d.id for d in function.decorator_list if isinstance(d, ast.Name)}
    if "staticmethod" in decorators or not function.args.args:
        return None
    return function.args.args[0].arg


def collect_class(node, module, names):
    info = ClassInfo(module, node.name)
    for base in node.bases:
        name = dotted(base, names)
        if name and name != "object":
            info.bases.append(name if "." in name else f"{module}.{name}")
    for item in node.body:
        targets = []
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            info.defines[item.name] = item.lineno
        elif isinstance(item, ast.Assign):
            targets = item.targets
        elif isinstance(item, ast.AnnAssign):
            targets = [item.target]
        for target in targets:
            if isinstance(target, ast.Name):
                info.defines[target.id] = item.lineno
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and self_name(item):
            me = self_name(item)
            for inner in ast.walk(item):
                if (
                    isinstance(inner, ast.Attribute)
                    and isinstance(inner.ctx, ast.Store)
                    and isinstance(inner.value, ast.Name)
                    and inner.value.id == me
                ):
                    info.owns.add(inner.attr)
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id == "setattr"
                    and len(inner.args) > 1
                    and isinstance(inner.args[0], ast.Name)
                    and inner.args[0].id == me
                    and isinstance(inner.args[1], ast.Constant)
                ):
                    info.owns.add(inner.args[1].value)
    info.owns |= set(info.defines)
    return info


@cache
def library_class(name):
    """The library class a dotted name refers to, or None when it cannot be imported."""
    module, _, attribute = name.rpartition(".")
    while module:
        try:
            found = importlib.import_module(module)
        except Exception:  # a library that needs what we do not have: we cannot tell
            module, _, head = module.rpartition(".")
            attribute = f"{head}.{attribute}"
            continue
        try:
            for part in attribute.split("."):
                found = getattr(found, part)
        except Exception:
            return None
        return found if inspect.isclass(found) else None
    return None


@cache
def library_has(name, attribute):
    """The library class (by dotted name) in whose MRO `attribute` exists, if any."""
    klass = library_class(name)
    if klass is None:
        return None
    name = re.escape(attribute)
    pattern = re.compile(rf"\.{name}\b|\b{name}\s*=|def {name}\b")
    for ancestor in inspect.getmro(klass):
        if ancestor is object:
            continue
        if attribute in vars(ancestor):
            return f"{ancestor.__module__}.{ancestor.__qualname__}"
        try:
            source = inspect.getsource(ancestor)
        except (OSError, TypeError):
            continue
        if pattern.search(source):
            return f"{ancestor.__module__}.{ancestor.__qualname__}"
    return None


class Project:
    def __init__(self, root):
        self.root = root
        self.files = list(python_files(root))
        self.packages = {
            p.relative_to(root).parts[0].removesuffix(".py") for p in self.files
        }  # top-level names that are ours
        self.classes = {}
        self.trees = {}
        for path in self.files:
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            except SyntaxError:
                continue
            module = module_name(root, path)
            names = imported_names(tree, module, path.name == "__init__.py")
            self.trees[path] = (tree, module, names)
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self.classes[f"{module}.{node.name}"] = collect_class(node, module, names)

    def is_ours(self, dotted_name):
        return dotted_name.split(".")[0] in self.packages

    def ancestry(self, class_key):
        """Our classes from class_key up, and the library classes they inherit from."""
        ours, libraries, todo, seen = [], [], [class_key], set()
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            info = self.classes.get(key) or self.classes.get(self.reexported(key))
            if info is None:
                if self.is_ours(key):
                    continue  # one of ours we could not resolve: nothing to inherit from it
                libraries.append(key)
                continue
            ours.append(info)
            todo.extend(info.bases)
        return ours, libraries

    def reexported(self, key):
        """`from articles.models import Article` may name a class defined elsewhere."""
        module, _, name = key.rpartition(".")
        for candidate, info in self.classes.items():
            if info.name == name and candidate.startswith(module.split(".")[0] + "."):
                return candidate
        return None

    def own_private(self, class_key, attribute):
        """Whether `attribute` is one of our class's own private names (and no library's)."""
        ours, libraries = self.ancestry(class_key)
        if not any(attribute in info.owns for info in ours):
            return False
        return not any(library_has(name, attribute) for name in libraries)


class Checker(ast.NodeVisitor):
    def __init__(self, project, path, tree, module, names):
        self.project, self.module, self.names = project, module, names
        self.rel = path.relative_to(project.root)
        self.app = self.rel.parts[0] if len(self.rel.parts) > 1 else None
        self.is_package = path.name == "__init__.py"
        self.class_key = None
        self.self_names = set()
        self.methods = set()  # ids of the functions defined directly in a class body
        self.findings = []
        self.visit(tree)

    def report(self, node, message):
        self.findings.append(f"{self.rel}:{node.lineno}: {message}")

    # Classes and methods: who "self" is.
    def visit_ClassDef(self, node):
        outer = self.class_key, self.self_names
        self.class_key, self.self_names = f"{self.module}.{node.name}", set()
        self.methods |= {id(item) for item in node.body}
        _, libraries = self.project.ancestry(self.class_key)
        for name, line in self.project.classes[self.class_key].defines.items():
            if is_private(name) and name not in DOCUMENTED_PRIVATE:
                for library in libraries:
                    if owner := library_has(library, name):
                        self.findings.append(
                            f"{self.rel}:{line}: {node.name} overrides private {name} of {owner}"
                        )
                        break
        self.generic_visit(node)
        self.class_key, self.self_names = outer

    def visit_FunctionDef(self, node):
        outer = self.self_names
        if id(node) in self.methods:
            me = self_name(node)
            self.self_names = {me} if me else set()
        self.generic_visit(node)
        self.self_names = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    # Private attributes.
    def visit_Attribute(self, node):
        self.check_private(node, node.value, node.attr)
        self.generic_visit(node)

    def check_private(self, node, base, name):
        if not is_private(name) or name in DOCUMENTED_PRIVATE:
            return
        on_ours = self.is_self(base) or isinstance(base, ast.Name)
        if on_ours and self.class_key and self.project.own_private(self.class_key, name):
            return  # our class's own private name, on itself or another of its instances
        shown = "super()" if self.is_super(base) else ast.unparse(base)[:40]
        self.report(node, f"private attribute {name} of {shown}")

    def is_self(self, base):
        return (isinstance(base, ast.Name) and base.id in self.self_names) or self.is_super(base)

    @staticmethod
    def is_super(base):
        return (
            isinstance(base, ast.Call)
            and isinstance(base.func, ast.Name)
            and base.func.id == "super"
        )

    def visit_Call(self, node):
        function = node.func
        called = dotted(function, self.names) or ""
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
        strings = [s for s in strings if isinstance(s, str)]
        attribute = getattr(node.args[1], "value", None) if len(node.args) > 1 else None
        if called in ATTRIBUTE_FUNCTIONS and isinstance(attribute, str):
            self.check_private(node, node.args[0], attribute)
        if called == "importlib.import_module" and strings:
            self.check_direction(node, strings[0])
        names_a_model = called.endswith("get_model") or (
            called.rpartition(".")[2] in RELATION_FIELDS and "." in (strings or [""])[0]
        )
        if names_a_model and strings:
            self.check_direction(node, strings[0].split(".")[0])
        self.generic_visit(node)

    # Imports.
    def visit_Import(self, node):
        for alias in node.names:
            self.check_import(node, alias.name, None)

    def visit_ImportFrom(self, node):
        module = absolute_module(node, self.module, self.is_package)
        for alias in node.names:
            self.check_import(node, module, alias.name)

    def check_import(self, node, module, name):
        full = f"{module}.{name}" if name else module
        self.check_direction(node, full)
        if self.project.is_ours(module) or module == "__future__":
            return
        parts = module.split(".") + ([name] if name else [])
        if any(is_private(part) for part in parts):
            self.report(node, f"imports private {full}")
        elif (
            module.startswith(INTERNAL_MODULES)
            or name in INTERNAL_NAMES
            or (module == "django.db.models.query" and name not in QUERY_MODULE_DOCUMENTED)
        ):
            self.report(node, f"imports Django internals {full}")

    def check_direction(self, node, target):
        top = target.split(".")[0]
        if self.app in FORBIDDEN and top in FORBIDDEN[self.app]:
            self.report(node, f"{self.app} imports {target}")
        elif (
            self.app in APPS
            and top in APPS
            and top != self.app
            and target.split(".")[1:2] == ["views"]
        ):
            self.report(node, f"{self.app} imports another app's views ({target})")


def check(root):
    root = Path(root).resolve()
    project = Project(root)
    findings = []
    for path, (tree, module, names) in project.trees.items():
        findings += Checker(project, path, tree, module, names).findings
    return findings


def setup_django(root):
    """Django set up, so that library base classes that need settings can be read too."""
    import os

    sys.path.insert(0, str(root.resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    try:
        import django

        django.setup()
    except Exception as error:  # the check still runs, reading fewer library classes
        print(f"check_plain_django: Django not set up ({error})", file=sys.stderr)


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    setup_django(root)
    findings = check(root)
    for line in findings:
        print(line)
    print(f"check_plain_django: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
