from django.urls import path

from tandem.oneonones import calendar_views, views

P = "p/<int:pk>/one-on-ones/"
MEETING = P + "meetings/<int:meeting_pk>/"

urlpatterns = [
    path(P, views.one_on_ones_page, name="area-one-on-ones"),
    path(P + "series/", views.series_edit, name="one-on-ones-series"),
    path(P + "meetings/add/", views.meeting_add, name="meeting-add"),
    path(MEETING, views.meeting_page, name="meeting"),
    path(MEETING + "move/", views.meeting_move, name="meeting-move"),
    path(MEETING + "skip/", views.meeting_skip, name="meeting-skip"),
    path(MEETING + "items/", views.agenda_item_add, name="agenda-item-add"),
    path(MEETING + "proposals/", views.proposal_respond, name="proposal-respond"),
    path(MEETING + "order/", views.agenda_reorder, name="agenda-reorder"),
    path(MEETING + "notes/", views.shared_notes_save, name="shared-notes"),
    path(MEETING + "private-note/", views.private_note_save, name="private-note"),
    path(MEETING + "decisions/", views.decision_add, name="decision-add"),
    path(MEETING + "actions/", views.action_add, name="action-add"),
    path(MEETING + "summary/", views.meeting_summary, name="meeting-summary"),
    path(P + "items/<int:item_pk>/", views.agenda_item_update, name="agenda-item-update"),
    path(P + "decisions/<int:decision_pk>/delete/", views.decision_delete, name="decision-delete"),
    path(P + "actions/<int:action_pk>/", views.action_update, name="action-update"),
    path(
        P + "actions/<int:action_pk>/assignment/",
        views.action_to_assignment,
        name="action-to-assignment",
    ),
    path(P + "history/", views.history_page, name="one-on-ones-history"),
    path(P + "follow-through/", views.follow_through_page, name="one-on-ones-follow-through"),
    path(P + "note/", views.question_note, name="question-note"),
    path(P + "calendar.ics", calendar_views.series_ics, name="one-on-ones-ics"),
    path(P + "feed/", calendar_views.feed_manage, name="one-on-ones-feed"),
    path("o/<str:token>.ics", calendar_views.feed_ics, name="one-on-ones-feed-ics"),
]
