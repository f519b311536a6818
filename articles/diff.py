"""Readable differences between two versions of an article, for the editors' history."""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html, format_html_join, strip_tags

from . import body_media


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def words(self):
        """The new text with removed words struck through and added words marked."""
        old_words = self.old.split()
        new_words = self.new.split()
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        parts = []
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(("{}", " ".join(new_words[b1:b2])))
                continue
            if a1 != a2:
                parts.append(("<del>{}</del>", " ".join(old_words[a1:a2])))
            if b1 != b2:
                parts.append(("<ins>{}</ins>", " ".join(new_words[b1:b2])))
        return format_html_join(" ", "{}", ((format_html(tpl, text),) for tpl, text in parts))


def readable(value):
    """Text an editor recognises: HTML reduced to its words, empty values shown as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if "<" in text:
        text = strip_tags(re.sub(r"</(p|h\d|li|blockquote)>", "\n", body_media.in_words(text)))
    return text.strip()


def changes_between(older, newer):
    """The fields that differ between two historical records, in the model's field order."""
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    fields = {f.name: f for f in newer.instance_type._meta.fields}
    changes = []
    for change in delta.changes:
        if change.field in {"version"}:
            continue
        field = fields.get(change.field)
        label = field.verbose_name.capitalize() if field else change.field
        old, new = readable(change.old), readable(change.new)
        if old != new:  # e.g. a time that differed only below the minute
            changes.append(FieldChange(label, old, new))
    return changes
