from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.defaultfilters import pluralize
from django.utils import timezone

from articles import seo
from articles.addresses import address
from articles.dates import day_month_year, day_month_year_time
from articles.sanitise import json_for_script, markup

register = template.Library()


# The picture and the teaser are the markup a list page repeats most (thirty times on the
# front page), so they are built with markup() (format_html's escaping) rather than
# included templates: the same output, a fraction of the rendering cost (bench/run.py).


IMG = '<img{} src="{}" width="{}" height="{}" srcset="{}" sizes="{}" alt="{}">'
LAZY_IMG = IMG.removesuffix(">") + ' loading="lazy" decoding="async">'
TEASER = (
    '<article class="teaser{}">{}<div class="teaser__body">'
    '<p class="teaser__meta"><time datetime="{}">{}</time>{}</p>'
    '<h3 class="teaser__title"><a href="{}">{}</a></h3>'
    '<p class="teaser__standfirst">{}</p>{}</div></article>'
)
STANDFIRST_CHARS = 180
VIDEO_TEASER = TEASER.replace("</time>{}", '</time> · <span class="badge">Video</span>{}')


@register.simple_tag
def picture(image, size, sizes="100vw", lazy=True, css_class=""):
    """An <img> with its real width and height, a srcset and, below the fold, lazy loading."""
    if not image:
        return ""
    main = image.rendition(size)
    return markup(
        LAZY_IMG if lazy else IMG,
        markup(' class="{}"', css_class) if css_class else "",
        main["url"],
        main["width"],
        main["height"],
        image.srcset(),
        sizes,
        image.alt_text,
    )


@register.simple_tag
def teaser(article, variant="", show_image=True, lazy=True):
    """One teaser card: picture, date, badges, headline, standfirst, byline, comment count.

    The article comes from for_teasers(), which fetched everything printed here.
    """
    url = article.get_absolute_url()
    image = ""
    if show_image and article.lead_image_id:
        image = markup(
            '<a class="teaser__image" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
            url,
            picture(article.lead_image, "teaser", "(min-width: 60em) 20em, 100vw", lazy),
        )
    discussion = ""
    comments = article.comments_shown
    if comments:
        discussion = markup(
            ' · <a class="teaser__comments" href="{}#comments">{} comment{}</a>',
            url,
            comments,
            pluralize(comments),
        )
    names = article.author_names()
    byline = markup('<p class="teaser__byline">By {}</p>', ", ".join(names)) if names else ""
    return markup(
        VIDEO_TEASER if article.video_url else TEASER,
        f" teaser--{variant}" if variant else "",
        image,
        *_time_parts(article.publish_at),
        discussion,
        url,
        article.title,
        shortened(article.standfirst, STANDFIRST_CHARS),
        byline,
    )


@register.simple_tag
def time_element(moment, with_time=False):
    """<time> with the machine-readable date and the date as readers here write it.

    What `<time datetime="{{ x|date:'c' }}">{{ x|date:"d/m/Y" }}</time>` gives, for a
    date or a moment, without the date filter's format parsing (articles/dates.py).
    """
    if moment is None:
        return ""
    return markup('<time datetime="{}">{}</time>', *_time_parts(moment, with_time))


def _time_parts(moment, with_time=False):
    """The machine-readable date and the date as shown, in the reader's time zone."""
    moment = timezone.template_localtime(moment)
    return moment.isoformat(), (day_month_year_time if with_time else day_month_year)(moment)


def shortened(text, limit):
    """The text cut to `limit` characters, the last being an ellipsis, as truncatechars cuts."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address on the public site: the path, plus ?page=N beyond the first."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        path = f"{path}?{urlencode({'page': int(page)})}"
    return seo.absolute_url(path)


@register.simple_tag(name="address")
def address_tag(viewname, *args):
    """{% url %} for the public pages, remembered per process (articles/addresses.py): the same
    dozen addresses are on every page, and reversing each costs more than rendering it."""
    return address(viewname, *args)


@register.simple_tag
def site_description():
    return seo.DEFAULT_DESCRIPTION


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, title, description="", image=None, kind="website", article=None):
    """Canonical link, OpenGraph and Twitter card tags for the page."""
    extra = {}
    if article is not None:
        extra = {
            "published": seo.iso(article.publish_at),
            "modified": seo.iso(article.last_modified),
            "author_urls": [
                seo.absolute_url(author.get_absolute_url()) for author in article.byline_authors()
            ],
        }
    return {
        "site_name": settings.SITE_NAME,
        "canonical": canonical_url(context),
        "title": title,
        "description": description or seo.DEFAULT_DESCRIPTION,
        "image": seo.social_image(image),
        "kind": kind,
        "article": article,
        **extra,
    }


@register.filter
def json_ld(data):
    """Structured data as JSON escaped for a <script type="application/ld+json"> element."""
    return json_for_script(data)
