"""``{{ amount|dong }}`` → "1.234.567 đ": whole đồng, the Vietnamese way (UI.md)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def dong(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".") + " đ"


@register.filter
def qty(value: Any) -> str:
    """``{{ quantity|qty }}`` → "1.200", "0,25": a quantity of materials or days, the Vietnamese way."""
    from decimal import Decimal, InvalidOperation

    from grassroots.funds.rules import quantity_text

    if value is None or value == "":
        return ""
    try:
        return quantity_text(Decimal(value))
    except (InvalidOperation, ValueError):
        return str(value)


@register.simple_tag
def public_household_rows(lines: Any, shows_amounts: bool, labels: dict[str, str]) -> str:
    """The rows of the public list of households, built in one loop: the printable statement lists every household
    (10,000 in a commune-wide fund), where a template loop with a badge per row took most of its time.

    Same markup as ``_status.html``. The labels are escaped once; each row's code and name are escaped here.
    """
    from html import escape

    from django.utils.safestring import mark_safe

    text = {key: escape(str(value)) for key, value in labels.items()}

    def badge(css: str, icon: str, label: str) -> str:
        return f'<span class="badge {css}"><span class="badge-icon" aria-hidden="true">{icon}</span> {label}</span>'

    badges = {
        "paid": badge("badge-ok", "✓", text["paid"]),
        "part": badge("badge-soon", "◐", text["part"]),
        "unpaid": badge("badge-muted", "○", text["unpaid"]),
    }
    rows = []
    for line in lines:
        title = escape(line.code) + (" — " + escape(line.name) if line.name else "")
        amount = ""
        if shows_amounts:
            days = f" · {int(line.labour_days_paid)} {text['days']}" if line.labour_days_paid else ""
            amount = f'<td data-label="{text["paid_column"]}">{dong(line.money_paid)}{days}</td>'
        rows.append(
            f'<tr><td class="stacked-title">{title}</td><td data-label="{text["status"]}">{badges[line.status]}</td>'
            f"{amount}</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (labels, codes and names escaped above; the rest are numbers)


def _day(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


@register.simple_tag
def public_expense_rows(expenses: Any, labels: dict[str, str]) -> str:
    """The rows of the public list of expenses (every one on the printable statement), built in one loop."""
    from html import escape

    from django.urls import reverse
    from django.utils.safestring import mark_safe

    text = {key: escape(str(value)) for key, value in labels.items()}
    marker = 987654321
    evidence_url = reverse("funds:evidence", args=[marker]).replace(str(marker), "{}")
    rows = []
    for entry in expenses:
        title = f"{text['reversal']}: {escape(entry.reason)}" if entry.reverses_id else escape(entry.description)
        sign = "−" if entry.reverses_id else ""
        link = f'<a href="{evidence_url.format(int(entry.expense_id))}">{text["view"]}</a>' if entry.expense_id else ""
        approver = entry.expense.decided_by if entry.expense_id and not entry.reverses_id else None
        approved_by = escape(approver.full_name or approver.username) if approver is not None else ""
        rows.append(
            f'<tr><td class="stacked-title">{title}</td><td data-label="{text["day"]}">{_day(entry.received_on)}</td>'
            f'<td data-label="{text["amount"]}">{sign}{dong(entry.amount)}</td>'
            f'<td data-label="{text["approver"]}">{approved_by}</td>'
            f'<td data-label="{text["evidence"]}">{link}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (text escaped above; the rest are numbers, dates and our URL)


@register.simple_tag
def public_donation_rows(donations: Any, labels: dict[str, str]) -> str:
    """The rows of the public list of donations (every one on the printable statement), built in one loop."""
    from html import escape

    from django.utils.safestring import mark_safe

    text = {key: escape(str(value)) for key, value in labels.items()}
    rows = []
    for row in donations:
        note = f" ({text['reversal_lower']})" if row["is_reversal"] else ""
        sign = "−" if row["is_reversal"] else ""
        rows.append(
            f'<tr><td class="stacked-title">{escape(str(row["name"]))}{note}</td>'
            f'<td data-label="{text["day"]}">{_day(row["received_on"])}</td>'
            f'<td data-label="{text["value"]}">{sign}{dong(row["amount"])} · {escape(str(row["medium"]))}</td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (text escaped above; the rest are numbers and dates)
