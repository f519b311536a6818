"""Bounces and complaints that a mailing provider reports by webhook (django-anymail)."""


def connect():
    pass
