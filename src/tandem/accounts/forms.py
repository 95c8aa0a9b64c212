from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    SetPasswordForm,
)

from tandem.accounts import services
from tandem.accounts.models import WEEKDAYS, User
from tandem.lib.widgets import ClockInput


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# The regions of the IANA database people live in; the rest are aliases kept for old systems.
ZONE_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@cache
def time_zone_choices() -> tuple:
    """UTC, then every zone grouped by region and named by its place ("New York")."""
    regions: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(time_zone_names()):
        region, _, place = name.partition("/")
        if region in ZONE_REGIONS and place:
            label = place.replace("_", " ").replace("/", " / ")
            regions.setdefault(region, []).append((name, label))
    return (("UTC", "UTC"), *((region, tuple(zones)) for region, zones in regions.items()))


class TimeZoneSelect(forms.Select):
    """The zones as a grouped choice; a zone saved earlier that is not listed stays choosable."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, choices=time_zone_choices())

    def get_context(self, name, value, attrs):
        listed = {zone for _, zones in self.choices[1:] for zone, _ in zones} | {"UTC"}
        if value and value not in listed and value in time_zone_names():
            self.choices = [*self.choices, ("Other", ((value, value),))]
        return super().get_context(name, value, attrs)


def time_zone_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label="Time zone",
        widget=TimeZoneSelect(attrs={"autocomplete": "off"}),
        **kwargs,
    )


def clean_time_zone_name(name: str) -> str:
    name = name.strip()
    if name not in time_zone_names():
        raise forms.ValidationError(
            f"'{name}' is not a time zone we know. Use a name like Europe/London or "
            "America/New_York."
        )
    return name


PASSWORD_HELP = "At least 10 characters, not a common password. A short sentence works well."


def _plain_password_fields(form: forms.Form, new: str, repeat: str) -> None:
    form.fields[new].help_text = PASSWORD_HELP
    form.fields[repeat].label = "Repeat the password"
    form.fields[repeat].help_text = ""


class SignupForm(BaseUserCreationForm):
    time_zone = time_zone_field(
        required=False,
        initial="UTC",
        help_text="Guessed from your browser. Dates and working hours use this zone.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_password_fields(self, "password1", "password2")
        self.fields["display_name"].widget.attrs.update(autofocus=True, autocomplete="name")
        self.fields["email"].widget.attrs.pop("autofocus", None)
        if not self.is_bound:
            # The page's script picks the browser's zone when the list has it.
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = ""

    class Meta:
        model = User
        fields = ("display_name", "email")
        labels = {"display_name": "Your name", "email": "E-mail address"}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this e-mail address already exists. Log in, or reset your "
                "password if you forgot it."
            )
        return email

    def clean_time_zone(self) -> str:
        # Preselected by the browser; an unknown value falls back to UTC, settings can fix it.
        name = self.cleaned_data.get("time_zone") or "UTC"
        return name if name in time_zone_names() else "UTC"

    def save(self, commit: bool = True) -> User:
        data = self.cleaned_data
        return User.objects.create_user(
            data["email"],
            data["password1"],
            display_name=data["display_name"],
            time_zone=data["time_zone"],
        )


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": "That e-mail address and password do not match. Check both and try again.",
        "inactive": "This account is inactive.",
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case; people type them as they like.
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            # Passed under the model's field name: django-axes counts failures per "email".
            self.user_cache = authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class NewPasswordForm(SetPasswordForm):
    """A new password from a reset link: whoever asked for the link may not be the owner, so
    every API token is revoked too."""

    revoked_tokens = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_password_fields(self, "new_password1", "new_password2")

    def save(self, commit: bool = True) -> User:
        self.revoked_tokens = services.password_set(
            self.user, self.cleaned_data["new_password1"], revoke_tokens=True
        )
        return self.user


class ChangePasswordForm(PasswordChangeForm):
    revoke_tokens = forms.BooleanField(
        label="Revoke all my API tokens",
        help_text="The command line and scripts then need a new token. Keep this ticked if "
        "you think someone else knows your password.",
        required=False,
        initial=True,
    )
    revoked_tokens = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_password_fields(self, "new_password1", "new_password2")

    def save(self, commit: bool = True) -> User:
        self.revoked_tokens = services.password_set(
            self.user,
            self.cleaned_data["new_password1"],
            revoke_tokens=self.cleaned_data["revoke_tokens"],
        )
        return self.user


ZONE_HELP = "Dates such as 'next friday' and your working hours use this zone."


class ProfileForm(forms.ModelForm):
    time_zone = time_zone_field(help_text=ZONE_HELP)

    class Meta:
        model = User
        fields = ("display_name", "time_zone", "focus_factor")
        labels = {"display_name": "Your name", "focus_factor": "Focus factor"}
        help_texts = {
            "focus_factor": "The share of your available hours that really goes to planned work, "
            "between 0.1 and 1. Meetings run over and people drop by: 0.7 is a sensible start.",
        }
        widgets = {"focus_factor": forms.NumberInput(attrs={"step": "0.05", "min": "0.1"})}

    def clean_time_zone(self) -> str:
        return clean_time_zone_name(self.cleaned_data["time_zone"])


class TimeZoneForm(forms.ModelForm):
    """The guided start's first step asks only for the zone beside the hours."""

    time_zone = time_zone_field(help_text=ZONE_HELP)

    class Meta:
        model = User
        fields = ("time_zone",)

    def clean_time_zone(self) -> str:
        return clean_time_zone_name(self.cleaned_data["time_zone"])


class WorkingDayForm(forms.Form):
    works = forms.BooleanField(required=False)
    start = forms.TimeField(required=False, widget=ClockInput())
    end = forms.TimeField(required=False, widget=ClockInput())

    def __init__(self, *args, weekday: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.weekday = weekday
        self.day_name = WEEKDAYS[weekday]
        self.fields["works"].label = self.day_name
        self.fields["start"].label = f"{self.day_name} start"
        self.fields["end"].label = f"{self.day_name} end"

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("works"):
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise forms.ValidationError(f"Give a start and an end time for {self.day_name}.")
        if end <= start:
            raise forms.ValidationError(
                f"Working hours on {self.day_name} end before they start "
                f"({start:%H:%M}–{end:%H:%M})."
            )
        return data


def working_day_forms(user: User, data=None) -> list[WorkingDayForm]:
    days = {day.weekday: day for day in user.working_days.all()}
    forms_ = []
    for weekday in range(7):
        day = days.get(weekday)
        initial = {
            "works": day is not None,
            "start": day.start if day else dt.time(9, 0),
            "end": day.end if day else dt.time(17, 30),
        }
        forms_.append(
            WorkingDayForm(data, weekday=weekday, initial=initial, prefix=f"day{weekday}")
        )
    return forms_


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        help_text="Where you will use it, e.g. 'Laptop terminal'.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password
