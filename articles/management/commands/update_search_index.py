from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = (
        "Recompute every article's stored search vector, e.g. after a bulk import or a "
        "change to what search covers. Saves through the site keep it current by themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, batch_size, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        batch_size = max(batch_size, 1)
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            Article.objects.filter(pk__gte=batch[0], pk__lte=batch[-1]).refresh_search_vector()
        self.stdout.write(f"Search vectors updated for {len(ids)} article(s).")
