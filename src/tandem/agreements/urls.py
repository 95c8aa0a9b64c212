from django.urls import path

from tandem.agreements import views

P = "p/<int:pk>/agreement/"
VERSION = P + "versions/<int:number>/"

urlpatterns = [
    path(P, views.agreement_page, name="area-agreement"),
    path(P + "questions/", views.questions_page, name="agreement-questions"),
    path(
        P + "questions/<int:question_pk>/move/",
        views.question_move,
        name="agreement-question-move",
    ),
    path(
        P + "questions/<int:question_pk>/remove/",
        views.question_remove,
        name="agreement-question-remove",
    ),
    path(P + "answers/", views.answers_page, name="agreement-answers"),
    path(P + "answers/reopen/", views.answers_reopen, name="agreement-answers-reopen"),
    path(P + "answers/print/", views.answers_print, name="agreement-answers-print"),
    path(P + "answers/both/", views.revealed_page, name="agreement-revealed"),
    path(P + "versions/start/", views.version_start, name="agreement-version-start"),
    path(VERSION, views.version_page, name="agreement-version"),
    path(P + "sections/<int:section_pk>/", views.section_save, name="agreement-section-save"),
    path(VERSION + "commitments/", views.commitment_add, name="agreement-commitment-add"),
    path(
        P + "commitments/<int:commitment_pk>/",
        views.commitment_update,
        name="agreement-commitment-update",
    ),
    path(VERSION + "cadence/", views.version_cadence, name="agreement-version-cadence"),
    path(VERSION + "confirm/", views.version_confirm, name="agreement-version-confirm"),
    path(VERSION + "print/", views.version_print, name="agreement-version-print"),
    path(VERSION + "agreement.md", views.version_markdown, name="agreement-version-markdown"),
    path(P + "difference/", views.difference_page, name="agreement-difference"),
    path(P + "review/", views.review_page, name="agreement-review"),
]
