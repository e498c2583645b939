"""Input fields stricter than DRF's: no numbers taken for text, no booleans for numbers, no
NaN or infinities, no control characters."""

import unicodedata

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text, and
    refuses control characters, which no place name contains."""

    default_error_messages = {
        "not_a_string": "Must be a string.",
        "control_characters": "Must not contain control characters.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in data):
            self.fail("control_characters")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_an_integer": "Must be an integer."}

    def to_internal_value(self, data):
        if isinstance(data, (bool, float)):
            self.fail("not_an_integer")
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    default_error_messages = {"not_a_number": "Must be a number."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("not_a_number")
        value = super().to_internal_value(data)
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            self.fail("not_a_number")
        return value
