# The platform as one image: gunicorn serves the pages and the API; the same image runs the
# worker commands and the migrations (compose.yaml). Build: docker build -t kwaliteitslabel .
# Bookworm's postgresql-client is 15, the same major version as the database in compose.yaml,
# so `manage.py backup` (pg_dump) and `restore` (pg_restore) work from this image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production \
    VAR_DIR=/app/var \
    PORT=8000

# Pango and fonts for WeasyPrint's PDFs (as the Makefile's system-libs), pg_dump/pg_restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 kwaliteitslabel \
    && useradd --system --uid 1000 --gid kwaliteitslabel --home-dir /app kwaliteitslabel

WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY kwaliteitslabel ./kwaliteitslabel
RUN pip install .

# A throwaway key for this one command only, so no key file is written into the image;
# the running container gets SECRET_KEY from the environment.
RUN SECRET_KEY=collectstatic-only-not-secret python manage.py collectstatic --noinput -v0 \
    && chown -R kwaliteitslabel:kwaliteitslabel /app/var

USER kwaliteitslabel
EXPOSE 8000
# gunicorn binds 0.0.0.0:$PORT and starts $WEB_CONCURRENCY workers (default 2 here).
ENV WEB_CONCURRENCY=2
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://localhost:{os.environ[\"PORT\"]}/gezond/', timeout=4)"]
CMD ["gunicorn", "kwaliteitslabel.wsgi:application", "--access-logfile", "-"]
