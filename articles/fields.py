from django import forms
from django.db import models

from . import images


class SafeImageFormField(forms.FileField):
    """An image upload judged by its content: decoded, checked and re-encoded before storing.

    The file name is not trusted; a text file called photo.jpg fails to decode and is refused.
    """

    def __init__(self, *args, max_bytes=None, **kwargs):
        kwargs.setdefault("help_text", "A JPEG, PNG or WebP image.")
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        return images.clean_upload(uploaded, max_bytes=self.max_bytes)


class SafeImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})
