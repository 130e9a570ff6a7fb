# The platform as one image: gunicorn serves the pages and the API; the same image runs the
# worker commands and the migrations, all through docker/start (compose.yaml). Build:
#   docker build -t kwaliteitslabel .
# or on a base made with debootstrap (make image-test does this when Docker Hub cannot be
# reached):
#   docker build --build-arg BASE=kwaliteitslabel-base:bookworm -t kwaliteitslabel .
# Everything comes from Debian bookworm: Python 3.11 and the libraries, the same packages as
# on a developer's machine (Makefile system-libs). Bookworm's postgresql-client is 15, the same
# major version as the database in compose.yaml, so `manage.py backup` (pg_dump) and
# `restore` (pg_restore) work from this image.
ARG BASE=debian:bookworm-slim

FROM ${BASE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Pango and fonts for WeasyPrint's PDFs (as the Makefile's system-libs), pg_dump/pg_restore,
# ca-certificates for SMTP with STARTTLS (a debootstrap base has none), and tini as the
# first process: it passes docker stop's SIGTERM on, also to a command still loading Django.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates python3 tini \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb

# The dependencies from pyproject.toml into a venv, so pip leaves Debian's (externally
# managed) Python alone; only the venv goes on to the image.
FROM runtime AS build
# PEM certificates pip trusts besides Debian's, for a TLS-inspecting proxy between this build
# and PyPI (make image-test passes the host's own); they stay in this stage.
ARG EXTRA_CA_CERTS=""
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv /opt/venv
COPY pyproject.toml /tmp/
RUN cd /tmp \
    && cat /etc/ssl/certs/ca-certificates.crt > ca.pem && printf '%s\n' "$EXTRA_CA_CERTS" >> ca.pem \
    && python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > requirements.txt \
    && pip install --quiet --cert ca.pem -r requirements.txt \
    && rm ca.pem requirements.txt pyproject.toml

FROM runtime
ENV DJANGO_ENV=production \
    VAR_DIR=/app/var \
    PYTHONPATH=/app \
    PORT=8000 \
    WEB_CONCURRENCY=2
# A home of its own it may write: fontconfig keeps its cache and gunicorn its control socket
# there.
RUN groupadd --system --gid 1000 kwaliteitslabel \
    && useradd --system --uid 1000 --gid kwaliteitslabel --create-home \
        --home-dir /home/kwaliteitslabel --key SYS_UID_MAX=1000 kwaliteitslabel
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The code runs from /app (PYTHONPATH), the one copy; a change to it alone rebuilds from here.
COPY docker/start /usr/local/bin/kwaliteitslabel-start
COPY manage.py ./
COPY kwaliteitslabel ./kwaliteitslabel

# A throwaway key for this one command only, so no key file is written into the image;
# the running container gets SECRET_KEY from the environment.
RUN SECRET_KEY=collectstatic-only-not-secret python manage.py collectstatic --noinput -v0 \
    && chown -R kwaliteitslabel:kwaliteitslabel /app/var

USER kwaliteitslabel
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://localhost:{os.environ[\"PORT\"]}/gezond/', timeout=4)"]
# web (gunicorn), migrate, outbox or lifecycle; anything else runs as given, e.g.
#   docker run --rm kwaliteitslabel python manage.py check --deploy
# tini -e 143: a command ended by that SIGTERM before it could catch it has stopped cleanly.
ENTRYPOINT ["/usr/bin/tini", "-e", "143", "--", "/usr/local/bin/kwaliteitslabel-start"]
CMD ["web"]
