"""The sections the site is organised in, so that a new site works before any content."""

from django.db import migrations

SECTIONS = [
    # name, slug, kind, front page position, teasers there, description
    ("News", "news", "news", 1, 6, "The latest news from across the NHS and social care."),
    ("Featured", "featured", "features", None, 4, "Longer reads, analysis and features."),
    ("Columnists", "columnists", "columns", 2, 3, "Leaders and practitioners in their own words."),
    ("NHE TV", "nhe-tv", "video", 3, 4, "Interviews and reports on National Health Executive TV."),
    (
        "Last word",
        "last-word",
        "interviews",
        4,
        2,
        "Our Q&A series with the people who run the health service.",
    ),
    (
        "Health service focus",
        "health-service-focus",
        "focus",
        5,
        3,
        "A closer look at one part of the service.",
    ),
    (
        "The Scalpel",
        "the-scalpel",
        "blog",
        6,
        3,
        "The Scalpel's daily blog: sharp takes on health policy.",
    ),
]


def create_sections(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    for name, slug, kind, position, count, description in SECTIONS:
        Section.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "front_page_position": position,
                "front_page_count": count,
                "description": description,
            },
        )


def remove_sections(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    Section.objects.filter(slug__in=[row[1] for row in SECTIONS], articles__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_sections, remove_sections)]
