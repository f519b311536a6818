"""What an issue holds for one reader: its public pieces, in blocks, in the issue's order.

The one visibility rule holds here: a piece that is not public now (never was, unpublished
since, removed for legal reasons, embargoed) is left out of every email, preview and archive
page, whatever the issue's items say.
"""

from dataclasses import dataclass, field

from articles.models import Article

from .models import IssueItem


@dataclass
class Block:
    title: str
    slot: str
    section_id: int | None = None
    items: list = field(default_factory=list)


class Contents:
    """An issue's public items, loaded once; `blocks_for` picks a reader's share."""

    def __init__(self, issue):
        self.issue = issue
        public = Article.objects.published().values("pk")
        self.items = list(
            IssueItem.objects.filter(issue=issue, article__in=public)
            .select_related("article__section", "article__lead_image")
            .order_by("position", "pk")
        )

    def blocks_for(self, section_ids=None):
        """The blocks a reader who chose these sections gets (None or empty: every one).

        The top story always leads; then each section's block in the issue's order, for
        the sections chosen; Last word and NHE TV picks are their sections' blocks.
        """
        chosen = set(section_ids or ())
        blocks, by_section = [], {}
        for item in self.items:
            section = item.article.section
            if item.slot == IssueItem.Slot.TOP:
                blocks.append(Block("Top story", item.slot, items=[item]))
                continue
            if chosen and section.pk not in chosen:
                continue
            block = by_section.get(section.pk)
            if block is None:
                block = by_section[section.pk] = Block(section.name, item.slot, section.pk)
                blocks.append(block)
            block.items.append(item)
        return blocks
