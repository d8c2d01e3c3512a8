"""The demo's published two-factor secret and its current code, without starting Django.

`pobratym demo --code` is asked for while signing in, so it must answer at once: starting
Django (apps, system checks) takes seconds, this takes milliseconds. The code is the RFC 6238
TOTP allauth checks (HMAC-SHA1, 6 digits, 30 seconds, allauth's defaults, which our settings
keep); tests/partnerships/test_demo.py compares it with allauth's own.
"""

import base64
import hashlib
import hmac
import struct
import time

# Published on purpose: demo coordinators and signatories use it for their second factor.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
PERIOD = 30
DIGITS = 6


def current_code(*, secret: str = TOTP_SECRET, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // PERIOD
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**DIGITS
    return f"{value:0{DIGITS}d}"
