from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from tandem.meetings import ActionLine, DecisionLine, summarise

TODAY = dt.date(2026, 12, 2)
MEETING_DAY = dt.date(2026, 12, 1)  # a Tuesday

DECISIONS = (
    DecisionLine("Move the launch to January", "Zebulon Boss"),
    DecisionLine("Alice leads the  importer\nreview", "both of us"),
)
ACTIONS = (
    ActionLine("Draft the launch plan", "Alice Owner", dt.date(2026, 12, 4), "open"),
    ActionLine("Book the offsite room", "Zebulon Boss", None, "open"),
    ActionLine("Send the budget", "Alice Owner", dt.date(2027, 1, 8), "done"),
)
DISCUSSED = ("The launch date", "Flexible hours on Fridays")


def summary(**fields):
    values = {
        "sender_name": "Alice Owner",
        "recipient_name": "Zebulon Boss",
        "meeting_day": MEETING_DAY,
        "today": TODAY,
        "discussed": DISCUSSED,
        "decisions": DECISIONS,
        "actions": ACTIONS,
        **fields,
    }
    return summarise(**values)


def test_it_names_the_meeting_and_counts_in_the_subject() -> None:
    assert summary().subject == "Our one-on-one on Tue 1 Dec: 2 decisions, 3 action items"


def test_it_counts_one_and_none_in_plain_words() -> None:
    subject = summary(decisions=DECISIONS[:1], actions=()).subject

    assert subject == "Our one-on-one on Tue 1 Dec: 1 decision, no action items"


def test_it_writes_the_whole_e_mail() -> None:
    assert summary().body == (
        "Hi Zebulon,\n"
        "\n"
        "Here is what we agreed in our one-on-one on Tue 1 Dec.\n"
        "\n"
        "Decisions\n"
        "- Move the launch to January (decided by Zebulon Boss)\n"
        "- Alice leads the importer review (decided by both of us)\n"
        "\n"
        "Action items\n"
        "- Alice Owner — Draft the launch plan — by Fri 4 Dec\n"
        "- Zebulon Boss — Book the offsite room — no date\n"
        "- Alice Owner — Send the budget — by Fri 8 Jan 2027 (done)\n"
        "\n"
        "We discussed\n"
        "- The launch date\n"
        "- Flexible hours on Fridays\n"
        "\n"
        "Thanks,\n"
        "Alice\n"
    )


def test_it_says_so_when_a_section_is_empty() -> None:
    body = summary(discussed=(), decisions=(), actions=()).body

    assert "Decisions\nNo decisions recorded." in body
    assert "Action items\nNo action items recorded." in body
    assert "We discussed\nNothing marked as discussed." in body
    assert summary(decisions=(), actions=()).subject.endswith(": no decisions, no action items")


def test_it_says_when_an_action_item_was_dropped() -> None:
    dropped = ActionLine("Rewrite the wiki", "Zebulon Boss", None, "dropped")

    body = summary(actions=(dropped,)).body

    assert "- Zebulon Boss — Rewrite the wiki — no date (dropped)\n" in body


def test_it_greets_and_signs_plainly_without_names() -> None:
    body = summary(sender_name="  ", recipient_name="").body

    assert body.startswith("Hi,\n\n")
    assert body.endswith("\n\nThanks\n")


def test_it_opens_the_e_mail_in_the_mail_program_addressed_to_the_partner() -> None:
    result = summary(recipient_email="zeb@example.com")

    link = urlsplit(result.mailto)
    query = parse_qs(link.query)
    assert link.scheme == "mailto"
    assert link.path == "zeb@example.com"
    assert query["subject"] == [result.subject]
    assert query["body"] == [result.body.replace("\n", "\r\n")]


def test_it_leaves_the_address_to_the_mail_program_without_one() -> None:
    assert summary().mailto.startswith("mailto:?subject=")
