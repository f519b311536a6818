from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, size, sizes="100vw", lazy=True, css_class=""):
    """An <img> with its real width and height, a srcset and, below the fold, lazy loading."""
    if not image:
        return {"image": None}
    return {
        "image": image,
        "main": image.rendition(size),
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }
