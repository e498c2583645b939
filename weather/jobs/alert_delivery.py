"""Sending people's weather alerts: one delivery (an event on one channel) at a time.

`deliver` locks the delivery's row (SELECT ... FOR UPDATE) for the whole attempt and skips it
unless it is still pending, so a redelivered or duplicated message waits for the first and
then sends nothing. A transient failure (the mail relay or the push service unreachable,
429, 5xx) stays pending with its error, for the task to retry with backoff, until
ALERTS_DELIVERY_MAX_RETRIES more attempts have failed: then, like a permanent failure, it is
`failed` with its last error, which the person and the admin see.

Email goes through Django's SMTP backend (settings.mail), in the person's language, text and
HTML, with a signed one-click unsubscribe link (RFC 8058 headers). Push goes to each of the
person's browsers (weather.providers.web_push); a browser whose subscription is gone (404,
410) is forgotten.
"""

from __future__ import annotations

import logging
import smtplib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from weather.domain.alert_notices import alert_notice, language, test_notice, text
from weather.models import AlertDelivery, PushSubscription
from weather.providers import web_push

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "weather.alerts.unsubscribe"
_PERMANENT_SMTP = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPNotSupportedError,
)


class Transient(Exception):
    """Worth another attempt later."""


class Permanent(Exception):
    """Will not get better by trying again."""


# --- Who, in which language -----------------------------------------------------------------


def contacts(user_ids) -> dict[int, tuple[str, str]]:
    """user id -> (email address, language) of active accounts."""
    users = get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
    found = {pk: (email or "", "en") for pk, email in users.values_list("pk", "email")}
    try:
        preferences = apps.get_model("weather", "Preferences")
    except LookupError:  # accounts without stored preferences
        return found
    rows = preferences.objects.filter(user_id__in=found).values_list("user_id", "language")
    for pk, lang in rows:
        found[pk] = (found[pk][0], language(lang))
    return found


def new_deliveries(wanted: list, places: dict) -> list[int]:
    """The deliveries of new events: `wanted` is (event id, subscription values, Triggered),
    `places` Location id -> values with "name". Returns their ids."""
    who = contacts(sub["user_id"] for _, sub, _ in wanted)
    pushing = set(
        PushSubscription.objects.filter(user_id__in=who).values_list("user_id", flat=True)
    )
    rows = []
    for event_id, sub, found in wanted:
        if sub["user_id"] not in who:
            continue
        email, lang = who[sub["user_id"]]
        place = places[sub["location_id"]]["name"]
        notice = alert_notice(
            sub["kind"], place, found.day, found.first_at, found.value, sub["threshold"], lang
        )
        channels = [AlertDelivery.Channel.EMAIL] if sub["email"] and email else []
        if sub["push"] and sub["user_id"] in pushing:
            channels.append(AlertDelivery.Channel.PUSH)
        for channel in channels:
            rows.append(
                AlertDelivery(
                    user_id=sub["user_id"],
                    event_id=event_id,
                    channel=channel,
                    title=notice.title[:200],
                    message=notice.body,
                    language=lang,
                )
            )
    return [row.pk for row in AlertDelivery.objects.bulk_create(rows)]


def new_test_deliveries(user) -> list[tuple[int, str]]:
    """A test notification on each channel the person has: email, push (when subscribed)."""
    (email, lang) = contacts([user.pk]).get(user.pk, ("", "en"))
    notice = test_notice(lang)
    channels = [AlertDelivery.Channel.EMAIL] if email else []
    if PushSubscription.objects.filter(user=user).exists():
        channels.append(AlertDelivery.Channel.PUSH)
    rows = [
        AlertDelivery(user=user, channel=c, title=notice.title, message=notice.body, language=lang)
        for c in channels
    ]
    return [(row.pk, row.channel) for row in AlertDelivery.objects.bulk_create(rows)]


# --- Sending --------------------------------------------------------------------------------


def deliver(delivery_id: int) -> dict:
    """One attempt at a delivery; {"status", "retry": bool, "attempts"}."""
    with transaction.atomic():
        delivery = (
            AlertDelivery.objects.select_for_update(of=("self",))
            .select_related("user", "event__subscription__location")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return {"status": "gone", "retry": False, "attempts": 0}
        if delivery.status != AlertDelivery.Status.PENDING:
            return {"status": delivery.status, "retry": False, "attempts": delivery.attempts}
        delivery.attempts += 1
        try:
            _send(delivery)
        except Transient as exc:
            delivery.last_error = str(exc)[:2000]
            if delivery.attempts > settings.ALERTS_DELIVERY_MAX_RETRIES:
                delivery.status = AlertDelivery.Status.FAILED
        except Permanent as exc:
            delivery.last_error = str(exc)[:2000]
            delivery.status = AlertDelivery.Status.FAILED
        else:
            delivery.status = AlertDelivery.Status.SENT
            delivery.sent_at = timezone.now()
            delivery.last_error = ""
        delivery.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    if delivery.status == AlertDelivery.Status.FAILED:
        logger.warning("alert delivery %s failed: %s", delivery.pk, delivery.last_error)
    retry = delivery.status == AlertDelivery.Status.PENDING
    return {"status": delivery.status, "retry": retry, "attempts": delivery.attempts}


def _send(delivery: AlertDelivery) -> None:
    if not delivery.user.is_active:
        raise Permanent("the account is disabled")
    if delivery.channel == AlertDelivery.Channel.EMAIL:
        _send_email(delivery)
    else:
        _send_push(delivery)


def unsubscribe_token(subscription_id: int, user_id: int) -> str:
    return signing.dumps({"s": subscription_id, "u": user_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """(subscription id, user id); raises signing.SignatureExpired or signing.BadSignature."""
    max_age = settings.ALERTS_UNSUBSCRIBE_MAX_AGE_DAYS * 86400
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=max_age)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "su"):
        raise signing.BadSignature("not an unsubscribe token")
    return data["s"], data["u"]


def _send_email(delivery: AlertDelivery) -> None:
    address = delivery.user.email
    if not address:
        raise Permanent("the account has no email address")
    lang = delivery.language
    text_body, html_body = delivery.message, format_html("<p>{}</p>", delivery.message)
    headers = {"Message-ID": f"<alert-delivery-{delivery.pk}@weather-app>"}
    event = delivery.event
    if event is not None:
        subscription = event.subscription
        token = unsubscribe_token(subscription.pk, delivery.user_id)
        url = f"{settings.PUBLIC_URL}/alerts/unsubscribe?token={token}"  # a page that asks first
        one_click = f"{settings.PUBLIC_URL}/api/v1/alerts/unsubscribe/?token={token}"
        footer = text("footer", lang, place=subscription.location.name)
        text_body += f"\n\n{footer}\n{text('unsubscribe', lang, url=url)}\n"
        html_body += format_html(
            '<p style="color:#666">{}<br><a href="{}">{}</a></p>',
            footer,
            url,
            text("unsubscribe_link", lang),
        )
        headers["List-Unsubscribe"] = f"<{one_click}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=delivery.title, body=text_body, to=[address], headers=headers
    )
    message.attach_alternative(f'<html lang="{lang}"><body>{html_body}</body></html>', "text/html")
    try:
        message.send()
    except _PERMANENT_SMTP as exc:
        raise Permanent(f"the mail relay refused the message: {exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise Transient(f"the mail relay could not take the message: {exc}") from exc


def _send_push(delivery: AlertDelivery) -> None:
    payload = {
        "title": delivery.title,
        "body": delivery.message,
        "url": "/alerts",
        "tag": f"alert-{delivery.event_id}" if delivery.event_id else "alert-test",
    }
    browsers = list(PushSubscription.objects.filter(user_id=delivery.user_id))
    sent, transient, refused = 0, [], []
    for browser in browsers:
        try:
            web_push.send(browser.endpoint, browser.p256dh, browser.auth, payload)
            sent += 1
        except web_push.PushGone as exc:
            refused.append(str(exc))
            browser.delete()
        except web_push.PushUnavailable as exc:
            transient.append(str(exc))
        except web_push.PushRejected as exc:
            refused.append(str(exc))
    if sent:
        return
    if transient:
        raise Transient("; ".join(transient))
    raise Permanent("; ".join(refused) or "no browser is subscribed to push notifications")
