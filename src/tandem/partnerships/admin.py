from django.contrib import admin

from tandem.partnerships.models import Invitation, Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["owner", "partner_name", "kind", "partner", "created_at"]
    list_select_related = ["owner", "partner"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["partnership", "created_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = ["token_hash"]
