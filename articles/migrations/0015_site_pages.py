"""The site's own pages (About, Contact, Advertise, Privacy notice, Terms, Cookies,
Accessibility statement) as flat pages that editors change in the admin.

Only pages that are missing are made, so a page an editor has written is never overwritten.
Addresses, retention periods and cookie lifetimes are not in this text: the page templates
(templates/flatpages/) show them from settings.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

ABOUT = """
<p>National Health Executive is an independent news service for the people who run the
health service: NHS managers, clinicians in leadership roles, board members and the teams
who work with them across trusts, integrated care boards and primary care.</p>
<h2>What we publish</h2>
<ul>
<li><strong>News</strong> on policy, funding, performance, workforce and estates.</li>
<li><strong>Last word</strong>, our question-and-answer series with health service leaders.</li>
<li><strong>Health service focus</strong>, longer reads on one subject at a time.</li>
<li><strong>The Scalpel</strong>, a daily blog with a sharper point of view.</li>
<li><strong>NHE TV</strong>, interviews and event coverage on video.</li>
<li><strong>Columns</strong> by people who work in and around the NHS.</li>
</ul>
<h2>How we work</h2>
<p>Our editors decide what we publish. Advertisers and sponsors never see or approve our
journalism before it appears, and anything paid for is labelled as such. When we get
something wrong we correct it on the article and list it on our
<a href="/corrections/">corrections page</a>.</p>
<p>Have you got a story to tell? We welcome pitches from people working in health and care:
<a href="/columnists/apply/">become an NHE columnist</a>.</p>
"""

CONTACT = """
<p>We read everything we are sent, though we cannot reply to every message.</p>
<h2>News, press releases and corrections</h2>
<p>Write to the newsroom with stories, press releases, requests for comment and anything
you think we got wrong. Please say which article you mean and what should change; we
publish every correction on the article and on our <a href="/corrections/">corrections
page</a>.</p>
<h2>Comments</h2>
<p>To report a comment, use the "Report" link beside it. To get a copy of your comments or
have them removed, see our <a href="/privacy/">privacy notice</a>.</p>
<h2>Advertising and sponsorship</h2>
<p>See <a href="/advertise/">advertise with us</a>.</p>
"""

ADVERTISE = """
<p>National Health Executive reaches people who make decisions in the health service:
chief executives and directors, operational and clinical managers, estates and digital
leads, and the suppliers and partners who work with them.</p>
<h2>What we offer</h2>
<ul>
<li>Display advertising on our news and section pages.</li>
<li>Sponsored articles and videos, written with you and always labelled "Sponsored".</li>
<li>Sponsorship of a section or a series, such as NHE TV.</li>
</ul>
<h2>Our rules</h2>
<p>Advertising never buys coverage. Our journalists decide what we write, and sponsors do
not see or approve editorial articles before they are published. We do not use
advertising networks or tracking scripts: adverts are served from our own site, and we
do not build profiles of our readers.</p>
<p>For rates, audience figures and available dates, write to our advertising team at the
address below.</p>
"""

PRIVACY = """
<p>This notice explains what personal data National Health Executive ("we") collects when
you use this site, why, what we do with it and the rights you have under the UK General
Data Protection Regulation (UK GDPR) and the Data Protection Act 2018. We are the
controller of this data.</p>
<h2>Reading the site</h2>
<p>You can read everything here without giving us any personal data. We do not use
analytics or advertising services, and we set no cookies while you read (see our
<a href="/cookies/">cookie notice</a>). To count how often each article is read, your
browser tells us when it shows an article; we store only a daily total per article. To
stop one computer inflating those totals we use your internet address for a few minutes,
and never store it with the count.</p>
<p>Like every website, our servers record each request (the page, the time, your
internet address and your browser's name) to keep the site running and secure. Lawful
basis: our legitimate interest in running a secure website.</p>
<h2>Comments</h2>
<p>When you comment we collect your name, your email address, your comment and a one-way
scrambled code made from your internet address (never the address itself), which helps
us fight spam and abuse. We publish your name and comment once a moderator approves it;
your email address is never shown. We use your email address only about your comment
and, if you ask, to tell you about replies, with a link to stop.</p>
<p>Lawful basis: our legitimate interest in hosting a moderated discussion, and your
consent for reply notifications, which you can withdraw at any time.</p>
<h2>Pitching a column</h2>
<p>When you pitch a column we collect what you put in the form: your name, email address,
job title, organisation, your pitch and writing sample, any headshot and links, and your
statement of interests. Only the editors who review pitches see them. If we accept your
pitch we keep what we need to publish your column and to work with you.</p>
<p>Lawful basis: steps you have asked us to take before we agree to publish your work,
and our legitimate interest in finding new writers.</p>
<h2>Who we share data with</h2>
<p>We do not sell personal data or share it with advertisers. Companies that host our site
and send our email process data for us under contract and only on our instructions. If
any of them processes data outside the UK, we make sure the transfer has the safeguards
UK law requires. We disclose data to others only where the law requires it.</p>
<h2>Your rights</h2>
<p>You have the right to ask for a copy of your personal data, to have it corrected or
erased, to restrict or object to how we use it, to receive it in a portable form, and to
withdraw consent at any time. We reply within one month. You do not have to pay.</p>
<p>If you are unhappy with how we have handled your data, please tell us first. You can
also complain to the Information Commissioner's Office (ICO) at
<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a> or on 0303 123 1113.</p>
"""

TERMS = """
<p>These terms apply to your use of this website. By using it you accept them.</p>
<h2>Our content</h2>
<p>Articles, pictures and videos on this site are protected by copyright. You may read,
share links to and quote short extracts from our articles with a credit and a link to
the original. Please ask us before republishing anything in full.</p>
<p>We take care that what we publish is accurate, but it is news and comment, not
professional advice. Do not rely on it for clinical, legal or financial decisions.</p>
<h2>Comments</h2>
<p>By posting a comment you confirm that it is your own and that you are happy for us to
publish it. A moderator reads every comment before it appears. We do not publish comments
that are abusive, defamatory, discriminatory, off topic, promotional, or that could
identify a patient. We may remove a published comment at any time. You remain responsible
for what you write.</p>
<h2>Links</h2>
<p>We link to other websites for your information. We are not responsible for their
content or for how they use your data.</p>
<h2>Liability</h2>
<p>Nothing in these terms limits liability that cannot be limited by law. Otherwise we are
not liable for any loss arising from your use of the site or reliance on its content.</p>
<h2>Law</h2>
<p>These terms are governed by the law of England and Wales, and its courts have
jurisdiction over any dispute. We may update these terms; the version on this page is the
one that applies.</p>
"""

COOKIES = """
<p>Cookies are small files a website stores in your browser. We use as few as we can, and
only ones the site needs to work. We do not use analytics, advertising or social media
cookies, and no third party sets cookies through our pages while you read.</p>
<p>Because these cookies are strictly necessary, the law does not require your consent for
them, and we do not show a cookie banner. You can block or delete cookies in your
browser's settings; the site stays readable, though forms may not send.</p>
<h2>Videos</h2>
<p>NHE TV videos are hosted by YouTube or Vimeo. The player loads only when you choose to
play a video; from then on, the video service may set its own cookies under its own
privacy policy. Until you press play, your browser does not contact it.</p>
"""

ACCESSIBILITY = """
<p>This accessibility statement applies to the National Health Executive website.</p>
<p>We want as many people as possible to be able to use this website. For example, that
means you should be able to:</p>
<ul>
<li>change colours, contrast levels and fonts using your browser or device settings;</li>
<li>zoom in up to 400% without the text spilling off the screen;</li>
<li>navigate most of the website using just a keyboard or speech recognition software;</li>
<li>listen to most of the website using a screen reader.</li>
</ul>
<p>We have also made the text as simple as we can. <a
href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device
easier to use if you have a disability.</p>
<h2>How accessible this website is</h2>
<p>We know some parts of this website are not fully accessible:</p>
<ul>
<li>some videos hosted by YouTube or Vimeo do not have accurate captions or transcripts;</li>
<li>some older articles include pictures whose descriptions could be better;</li>
<li>PDF documents we link to from other organisations may not be accessible.</li>
</ul>
<h2>Feedback and contact information</h2>
<p>If you find a problem not listed on this page, or you need information on this website
in a different format, email the newsroom at the address below. Tell us the web address
of the page, the problem and how we can reach you. We will reply within 10 working
days.</p>
<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing
accessibility law in Great Britain. If you are not happy with how we respond to your
complaint, contact the <a href="https://www.equalityadvisoryservice.com/">Equality
Advisory and Support Service (EASS)</a>.</p>
<h2>Technical information about this website's accessibility</h2>
<p>We are committed to making our website accessible. We test it against the Web Content
Accessibility Guidelines (WCAG) version 2.2 AA standard, with automated checks on every
type of page and by hand with a keyboard and a screen reader.</p>
<h3>Compliance status</h3>
<p>This website is partially compliant with the WCAG version 2.2 AA standard, due to the
non-compliances listed above.</p>
<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared on 5 December 2026. The website was last tested on
5 December 2026 by our own team.</p>
"""

# url: (title, template, content)
PAGES = {
    "/about/": ("About us", "", ABOUT),
    "/contact/": ("Contact us", "flatpages/contact.html", CONTACT),
    "/advertise/": ("Advertise with us", "flatpages/contact.html", ADVERTISE),
    "/privacy/": ("Privacy notice", "flatpages/privacy.html", PRIVACY),
    "/terms/": ("Terms of use", "", TERMS),
    "/cookies/": ("Cookies", "flatpages/cookies.html", COOKIES),
    "/accessibility/": ("Accessibility statement", "flatpages/contact.html", ACCESSIBILITY),
}
EDITOR_PERMISSIONS = ["add_flatpage", "change_flatpage", "delete_flatpage", "view_flatpage"]


def create_site_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": settings.SITE_NAME}
    )
    for url, (title, template_name, content) in PAGES.items():
        if FlatPage.objects.filter(url=url).exists():
            continue
        page = FlatPage.objects.create(
            url=url, title=title, content=content.strip(), template_name=template_name
        )
        page.sites.add(site)


def let_editors_edit_site_pages(apps, schema_editor):
    # Permissions are normally made after the whole migrate run; the group needs them now.
    flatpages = apps.get_app_config("flatpages")
    models_module = getattr(flatpages, "models_module", None)
    flatpages.models_module = models_module or True
    try:
        create_permissions(flatpages, apps=apps, verbosity=0)
    finally:
        flatpages.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="flatpages", codename__in=EDITOR_PERMISSIONS
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*permissions)


def forward(apps, schema_editor):
    create_site_pages(apps, schema_editor)
    let_editors_edit_site_pages(apps, schema_editor)


def backward(apps, schema_editor):
    """Remove the pages that still hold the text above; edited ones stay."""
    FlatPage = apps.get_model("flatpages", "FlatPage")
    for url, (_title, _template, content) in PAGES.items():
        FlatPage.objects.filter(url=url, content=content.strip()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_content_generation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forward, backward)]
