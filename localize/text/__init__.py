"""Text stages: detecting the source language, splitting fields into sentences, protecting what MT
must not touch, converting the Chinese script; and what they share."""

import re

TAG_PATTERN = r"<[^<>]*>"  # an HTML tag, as listings carry them
TAG = re.compile(TAG_PATTERN)
# Languages written without spaces between words and sentences.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th"})
