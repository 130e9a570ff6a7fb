"""Security headers Django 5.2 does not set itself: Content-Security-Policy and
Permissions-Policy (issue 11, item 4; the choices are in docs/decisions.md).

The other headers come from Django's own settings: X-Frame-Options, Referrer-Policy,
X-Content-Type-Options, Cross-Origin-Opener-Policy and HSTS.
"""

from django.conf import settings
from django.shortcuts import render

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Every script is a file under /static/; no inline script, no eval.
        "script-src 'self'",
        # Inline styles stay: style attributes carry computed widths and colours of the
        # charts, and SVGs shared with the PDFs carry their own <style> (WeasyPrint reads
        # only those). A style cannot run script.
        "style-src 'self' 'unsafe-inline'",
        # data: for the QR codes (certificate, authenticator set-up) and Swagger UI's icons.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Features the platform never uses; WebAuthn is off too (MFA here is TOTP and recovery codes).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
)


class SecurityHeadersMiddleware:
    """Adds the policies to every response (pages, API, files, static files, errors) unless
    a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Static files leave before Django's XFrameOptionsMiddleware; they get it here.
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


def csrf_failure(request, reason=""):
    """Django's CSRF refusal as a page of the site, in Dutch, with the person's menu."""
    return render(request, "403_csrf.html", status=403)
