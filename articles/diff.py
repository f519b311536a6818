"""Readable differences between two versions of an article, for the editors' history."""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import capfirst

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
        label = capfirst(field.verbose_name) if field else change.field
        old, new = readable(change.old), readable(change.new)
        if old != new:  # e.g. a time that differed only below the minute
            changes.append(FieldChange(label, old, new))
    return changes


def related_snapshot(article):
    """What an editor sees of an article's related things, to tell what a save changed."""
    return {
        "Bylines": [byline.author.name for byline in article.bylines.select_related("author")],
        "Topics": sorted(article.tags.names()),
        "Corrections": {
            correction.pk: f"{correction}: {correction.text}"
            for correction in article.corrections.all()
        },
        "Share links": {
            link.pk: (link.recipient, link.revoked_at is not None)
            for link in article.share_links.all()
        },
        "Related reading": sorted(article.related.values_list("title", flat=True)),
    }


def related_changes(before, after):
    """Lines such as "Topics: added waiting lists" for what differs between two snapshots."""
    lines = []
    for label, old in before.items():
        new = after[label]
        if old == new:
            continue
        if label == "Corrections":
            parts = described_edits(old, new, "added", "edited", "removed")
        elif label == "Share links":
            parts = [
                f"made one for {recipient}"
                for pk, (recipient, _revoked) in new.items()
                if pk not in old
            ] + [
                f"revoked the one for {recipient}"
                for pk, (recipient, revoked) in new.items()
                if revoked and pk in old and not old[pk][1]
            ]
        else:
            parts = [f"added {name}" for name in new if name not in old]
            parts += [f"removed {name}" for name in old if name not in new]
            if not parts:
                parts = [f"reordered to {', '.join(new)}"]
        if parts:
            lines.append(f"{label}: {'; '.join(parts)}")
    return lines


def described_edits(old, new, added, edited, removed):
    parts = [f"{added} “{text}”" for pk, text in new.items() if pk not in old]
    parts += [f"{edited} “{text}”" for pk, text in new.items() if pk in old and old[pk] != text]
    parts += [f"{removed} “{text}”" for pk, text in old.items() if pk not in new]
    return parts


@dataclass
class RelatedChange:
    """One line of a revision's related changes, shown like a field's change."""

    label: str
    words: str


def related_changes_of(records):
    """The related changes recorded in historical records, oldest first."""
    changes = []
    for record in records:
        for line in record.related_change_lines():
            label, _, text = line.partition(": ")
            changes.append(RelatedChange(label, text))
    return changes
