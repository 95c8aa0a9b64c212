"""The written agreement: its first draft, pre-filled from both answers, and its Markdown."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tandem.agreeing.review import cadence_label
from tandem.lib.dates import format_date

__all__ = [
    "AgreementDocument",
    "AnsweredQuestion",
    "PersonCommitments",
    "SectionText",
    "Signature",
    "agreement_markdown",
    "agreement_terms",
    "commitments_from",
    "document_date",
    "prefill_section",
]

# A bullet or a number a person typed in front of a line ("- ", "* ", "• ", "1. ", "2) ").
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class AnsweredQuestion:
    title: str
    owner_text: str
    partner_text: str


@dataclass(frozen=True)
class SectionText:
    title: str
    text: str


@dataclass(frozen=True)
class PersonCommitments:
    name: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    name: str
    confirmed_on: dt.date | None


@dataclass(frozen=True)
class AgreementDocument:
    names: tuple[str, str]
    number: int
    confirmed_on: dt.date | None
    review_every_months: int
    sections: tuple[SectionText, ...]
    commitments: tuple[PersonCommitments, ...]
    signatures: tuple[Signature, ...]

    @property
    def title(self) -> str:
        return f"Partnership agreement: {self.names[0]} & {self.names[1]}"

    @property
    def is_draft(self) -> bool:
        return self.confirmed_on is None


def document_date(day: dt.date) -> str:
    """A date in a document meant to last: always with its year."""
    return f"{format_date(day)} {day.year}"


def prefill_section(answered: AnsweredQuestion, names: tuple[str, str]) -> SectionText:
    """A section's first text: both answers, each under its author's name, so nothing is
    retyped. One answer alone needs no name."""
    given = [
        (name, text.strip())
        for name, text in zip(names, (answered.owner_text, answered.partner_text), strict=True)
        if text.strip()
    ]
    if len(given) == 1:
        return SectionText(answered.title, given[0][1])
    return SectionText(answered.title, "\n\n".join(f"{name}: {text}" for name, text in given))


def commitments_from(text: str, *, limit: int, length: int) -> list[str]:
    """One commitment per line of an answer, without the bullets people type; at most
    `limit` of them, each cut to `length` characters."""
    lines = (_BULLET.sub("", line).strip() for line in text.splitlines())
    return [line[:length].rstrip() for line in lines if line][:limit]


def agreement_terms(document: AgreementDocument) -> list[str]:
    """What the two agreed, as Markdown lines: the review cadence, the sections with text,
    then each one's commitments. What two versions are compared on."""
    lines = [f"Reviewed {cadence_label(document.review_every_months).lower()}."]
    for section in document.sections:
        if section.text.strip():
            lines += ["", f"## {section.title}", "", section.text.strip()]
    if any(person.texts for person in document.commitments):
        lines += ["", "## Commitments"]
        for person in document.commitments:
            if person.texts:
                lines += ["", f"### {person.name}", ""]
                lines += [f"- {text}" for text in person.texts]
    return lines


def agreement_markdown(document: AgreementDocument) -> str:
    """The agreement as Markdown: its title and version, the terms, and who confirmed it
    when. Sections left empty are left out."""
    if document.is_draft:
        status = f"Version {document.number}, a draft not yet confirmed."
    else:
        status = f"Version {document.number}, agreed {document_date(document.confirmed_on)}."
    lines = [f"# {document.title}", "", status, "", *agreement_terms(document)]
    lines += ["", "## Confirmed", ""]
    for signature in document.signatures:
        if signature.confirmed_on:
            when = document_date(signature.confirmed_on)
        else:
            # A confirmed version one of them did not confirm in Tandem: the owner confirmed it
            # alone, before the partner joined, as the two had agreed it in conversation.
            when = "not yet" if document.is_draft else "agreed in conversation"
        lines.append(f"- {signature.name}: {when}")
    return "\n".join(lines) + "\n"
