"""Dates as readers here write them (26/11/2026, 26/11/2026 09:02).

What strftime("%d/%m/%Y") and strftime("%d/%m/%Y %H:%M") give, built from the date's fields:
strftime() converts its format to and from the C library's wide characters on every call,
several times the cost, and an article page prints fifty or more of these.
"""


def day_month_year(moment):
    return f"{moment.day:02}/{moment.month:02}/{moment.year}"


def day_month_year_time(moment):
    return f"{moment.day:02}/{moment.month:02}/{moment.year} {moment.hour:02}:{moment.minute:02}"
