"""The partnership agreement: the question set, the first draft, the Markdown of a version,
what changed between two versions and when a review is due (PRODUCT.md §7).

Plain dataclasses in and out, no database and no Django.
"""

from tandem.agreeing.difference import DiffLine, version_difference
from tandem.agreeing.document import (
    AgreementDocument,
    AnsweredQuestion,
    PersonCommitments,
    SectionText,
    Signature,
    agreement_markdown,
    agreement_terms,
    commitments_from,
    document_date,
    prefill_section,
)
from tandem.agreeing.questions import (
    COMMITMENTS_KEY,
    GROUPS,
    KINDS,
    STANDARD_QUESTIONS,
    StandardQuestion,
    Wording,
    wording,
)
from tandem.agreeing.review import (
    DEFAULT_REVIEW_MONTHS,
    REVIEW_CADENCES,
    SOON_DAYS,
    ReviewState,
    ReviewStatus,
    cadence_label,
    review_state,
)

__all__ = [
    "COMMITMENTS_KEY",
    "DEFAULT_REVIEW_MONTHS",
    "GROUPS",
    "KINDS",
    "REVIEW_CADENCES",
    "SOON_DAYS",
    "STANDARD_QUESTIONS",
    "AgreementDocument",
    "AnsweredQuestion",
    "DiffLine",
    "PersonCommitments",
    "ReviewState",
    "ReviewStatus",
    "SectionText",
    "Signature",
    "StandardQuestion",
    "Wording",
    "agreement_markdown",
    "agreement_terms",
    "cadence_label",
    "commitments_from",
    "document_date",
    "prefill_section",
    "review_state",
    "version_difference",
    "wording",
]
