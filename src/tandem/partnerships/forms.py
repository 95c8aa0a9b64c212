from __future__ import annotations

from django import forms

from tandem.partnerships.models import Partnership


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ("partner_name", "kind", "partner_email")
        labels = {
            "partner_name": "Partner's name",
            "kind": "This person is",
            "partner_email": "Partner's e-mail (optional)",
        }
        help_texts = {
            "partner_email": "Only used to pre-fill an invitation. Nothing is sent without you.",
        }
        widgets = {"kind": forms.RadioSelect}


class SharingForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ("share_workload", "share_availability", "partner_may_reorder")
        labels = {
            "share_workload": "Share my workload",
            "share_availability": "Share my availability as blocked time",
            "partner_may_reorder": "Let my partner reorder priorities",
        }
        help_texts = {
            "partner_may_reorder": (
                "Only while your workload is shared: turning sharing off turns this off too."
            ),
        }
