"""make image-test: the production image run the way compose.yaml runs it, then used.

Containers of IMAGE, all through docker/start and with --network host, against this machine's
PostgreSQL (a database of its own, made again each run) and Redis (one db number, emptied) and
an SMTP sink in this process: migrate, the demo data, a backup with the image's pg_dump, then
web, outbox and lifecycle. Over HTTP: the health check, the SWN secretariat's log-in with
password and TOTP code, a report PDF, the public register, a verification page and the API, a
password reset whose e-mail the outbox container delivers to the sink; then each container is
stopped with SIGTERM and must exit 0 within its grace period. Everything is removed at the
end, also after a failure.

    .venv/bin/python docker/journey.py kwaliteitslabel:test

Standard library, psycopg and redis (the project's venv); docker on PATH (or $DOCKER).
"""

import argparse
import base64
import contextlib
import email
import email.policy
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import secrets
import shlex
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg

POSTGRES = os.environ.get("DATABASE_URL_TEST", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "kwaliteitslabel_image_test"
REDIS_URL = "redis://127.0.0.1:6379/5"
DOCKER = shlex.split(os.environ.get("DOCKER", "docker"))
SWN = "secretariaat@demo.kwaliteitslabel.nl"
MEMBER = "lid@demo.kwaliteitslabel.nl"
# docker stop's wait before SIGKILL; every container must be gone well within it.
GRACE = 10
# The statuses in which SWN may read part A of an audit's report (reports/rules.py WITH_SWN).
PART_A_FOR_SWN = ("summary_sent", "summary_returned", "summary_accepted", "certified")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Journey:
    def __init__(self, image):
        self.image = image
        self.run = secrets.token_hex(3)
        self.containers = []
        self.started = time.monotonic()
        self.done = []

    def step(self, text, since):
        seconds = time.monotonic() - since
        self.done.append((text, seconds))
        print(f"  ok {seconds:6.1f} s  {text}", flush=True)

    # --- docker ---

    def docker(self, *args, check_rc=True, timeout=300, env=None):
        result = subprocess.run(
            [*DOCKER, *args], capture_output=True, text=True, timeout=timeout, env=env
        )
        if check_rc and result.returncode != 0:
            raise Failure(f"docker {args[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
        return result

    def container_args(self, name):
        # The values stay out of the command line: `-e NAME` takes them from docker's own
        # environment (self.environment), so the secret key is not in `ps`.
        full = f"kl-image-test-{self.run}-{name}"
        self.containers.append(full)
        names = [a for n in self.environment for a in ("-e", n)]
        return full, ["--name", full, "--network", "host", "--pull", "never", *names, self.image]

    def run_once(self, name, *command, timeout=300):
        full, args = self.container_args(name)
        result = self.docker("run", *args, *command, check_rc=False, timeout=timeout, env=self.env)
        self.docker("rm", full, check_rc=False)
        self.containers.remove(full)
        return result

    def start(self, name, *arguments):
        """A container of the start script's sub-command `name`, in the background."""
        full, args = self.container_args(name)
        self.docker("run", "--detach", *args, name, *arguments, env=self.env)
        return full

    def logs(self, container):
        result = self.docker("logs", container, check_rc=False)
        return result.stdout + result.stderr

    # --- the journey ---

    def main(self):
        print(f"== image test: {self.image}", flush=True)
        since = time.monotonic()
        try:
            self.database_url = fresh_database()
        except psycopg.Error as error:
            raise Failure(f"PostgreSQL at {host_of(POSTGRES)}: {error}") from None
        try:
            flush_redis()
        except Exception as error:
            raise Failure(f"Redis at {host_of(REDIS_URL)}: {error}") from None
        self.sink = SmtpSink()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.password = f"demo-{secrets.token_urlsafe(12)}"
        self.environment = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": REDIS_URL,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{self.port}",
            "TLS_PROXY": "1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.sink.port),
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "2",
            "DEMO_PASSWORD": self.password,
            "LOG_LEVEL": "WARNING",
        }
        self.env = {**os.environ, **self.environment}
        self.step(
            f"database {DATABASE}, Redis {REDIS_URL}, SMTP sink on port {self.sink.port}, "
            f"web on port {self.port}",
            since,
        )

        since = time.monotonic()
        result = self.run_once("migrate", "migrate")
        check(result.returncode == 0, f"migrate exited {result.returncode}:\n{tail(result)}")
        self.step("migrate container: migrate and load_frameworks, exit 0", since)

        since = time.monotonic()
        result = self.run_once("demo", "python", "manage.py", "load_demo")
        check(
            result.returncode == 0,
            f"load_demo exited {result.returncode} (the demo's dates?):\n{tail(result)}",
        )
        found = re.search(rf"sleutel\s+{re.escape(SWN)}\s+([A-Z2-7]+)", result.stdout)
        check(found, f"load_demo printed no TOTP key for {SWN}")
        self.totp_secret = found[1]
        self.step("load_demo in a container", since)

        since = time.monotonic()
        result = self.run_once(
            "backup",
            "sh",
            "-c",
            "python manage.py backup --output /tmp/backups && test -s /tmp/backups/*/database.dump",
        )
        check(result.returncode == 0, f"backup in the image:\n{tail(result)}")
        self.step(f"manage.py backup (pg_dump): {result.stdout.splitlines()[0]}", since)

        since = time.monotonic()
        self.web = self.start("web")
        self.outbox = self.start("outbox", "--interval", "2")
        self.lifecycle = self.start("lifecycle")
        self.wait_for_health()
        self.step("web, outbox, lifecycle started; GET /gezond/ answers ok", since)

        since = time.monotonic()
        test = self.docker(
            "image", "inspect", "--format", "{{json .Config.Healthcheck.Test}}", self.image
        )
        test = json.loads(test.stdout)
        check(test and test[0] == "CMD", f"unexpected HEALTHCHECK {test}")
        result = self.docker("exec", self.web, *test[1:], check_rc=False, timeout=30)
        check(result.returncode == 0, f"the image's HEALTHCHECK failed: {tail(result)}")
        result = self.docker(
            "exec",
            self.web,
            "python",
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            check_rc=False,
            timeout=60,
        )
        check(result.returncode == 0, f"check --deploy:\n{tail(result)}")
        self.step(
            "the image's HEALTHCHECK and manage.py check --deploy in the web container", since
        )

        self.swn_journey()
        self.public_journey()
        self.mail_journey()
        self.stop_all()

    def wait_for_health(self):
        client = Client(self.base)
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError):
                response = client.get("/gezond/")
                if response.status == 200 and response.text == "ok\n":
                    return
            for container in (self.web, self.outbox, self.lifecycle):
                state = self.docker("inspect", "--format", "{{.State.Status}}", container)
                check(
                    state.stdout.strip() == "running",
                    f"{container} is {state.stdout.strip()}:\n{self.logs(container)[-3000:]}",
                )
            check(time.monotonic() < deadline, "/gezond/ did not answer ok within 90 s")
            time.sleep(0.5)

    def swn_journey(self):
        since = time.monotonic()
        client = Client(self.base)
        page = client.get("/account/login/")
        check(page.status == 200, f"log-in page: {page.status}")
        cookie = page.headers.get("Set-Cookie", "")
        check("Secure" in cookie, f"the CSRF cookie is not Secure in production: {cookie}")
        page = client.post(
            "/account/login/",
            {"login": SWN, "password": self.password, "csrfmiddlewaretoken": csrf(page)},
        )
        check(page.status == 302, f"log-in: {page.status}\n{page.text[:2000]}")
        check("2fa" in page.location, f"no code asked after the password: {page.location}")
        form = client.get(page.location)
        check(form.status == 200, f"code page: {form.status}")
        page = client.post(
            page.location,
            {"code": totp(self.totp_secret), "csrfmiddlewaretoken": csrf(form)},
        )
        check(page.status == 302, f"code refused: {page.status}\n{page.text[:2000]}")
        dashboard = client.follow(page)
        check(
            dashboard.status == 200 and "Welkom, Marieke Visser" in dashboard.text,
            f"SWN dashboard: {dashboard.status} {dashboard.url}",
        )
        self.step(f"{SWN}: password, TOTP code, SWN dashboard", since)

        since = time.monotonic()
        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(
                "SELECT id, status FROM audits_audit WHERE status = ANY(%s) ORDER BY id",
                (list(PART_A_FOR_SWN),),
            ).fetchone()
        check(row, "the demo has no audit whose part A SWN may read")
        pdf = client.get(f"/toetsingen/{row[0]}/rapport.pdf?delen=a")
        check(pdf.status == 200, f"report PDF: {pdf.status}")
        check(pdf.body.startswith(b"%PDF"), f"report PDF starts with {pdf.body[:20]!r}")
        check(pdf.headers.get("Content-Type") == "application/pdf", "report PDF content type")
        self.step(f"part A of audit {row[0]} ({row[1]}) as PDF, {len(pdf.body)} bytes", since)

    def public_journey(self):
        since = time.monotonic()
        client = Client(self.base)
        register = client.get("/register/")
        check(register.status == 200, f"register: {register.status}")
        numbers = re.findall(r'href="/c/([^/"]+)/"', register.text)
        check(numbers, "the register lists no certificate")
        number = urllib.parse.unquote(numbers[0])
        page = client.get(f"/c/{numbers[0]}/")
        check(page.status == 200 and number in page.text, f"verification page: {page.status}")
        api = client.get(f"/api/v1/certificates/{numbers[0]}")
        check(api.status == 200, f"API verification: {api.status}")
        answer = json.loads(api.body)
        check(answer["number"] == number and answer["status"], f"API answer: {answer}")
        self.step(
            f"register ({len(set(numbers))} certificates), /c/{number}/, "
            f"API: {answer['member']}, {answer['status']}",
            since,
        )

    def mail_journey(self):
        since = time.monotonic()
        client = Client(self.base)
        form = client.get("/account/password/reset/")
        check(form.status == 200, f"password reset page: {form.status}")
        page = client.post(
            "/account/password/reset/", {"email": MEMBER, "csrfmiddlewaretoken": csrf(form)}
        )
        check(page.status == 302, f"password reset: {page.status}\n{page.text[:2000]}")
        deadline = time.monotonic() + 60
        while not (found := self.sink.find(MEMBER, "/account/password/reset/key/")):
            check(time.monotonic() < deadline, "no password reset e-mail in the sink after 60 s")
            time.sleep(0.3)
        check("wachtwoord" in found["Subject"].lower(), f"subject: ‘{found['Subject']}’")
        self.step(
            f"password reset: the outbox container delivered ‘{found['Subject']}’ to {MEMBER} "
            f"({len(self.sink.messages)} e-mails in the sink)",
            since,
        )

    def stop_all(self):
        # Each worker has done a round (the outbox's delivered the e-mail above) before it stops.
        for container, first in [
            (self.outbox, "verstuurd:"),
            (self.lifecycle, "termijnberichten:"),
        ]:
            deadline = time.monotonic() + 60
            while first not in self.logs(container):
                check(time.monotonic() < deadline, f"{container} logged no round in 60 s")
                time.sleep(0.3)
        check("mislukt: 0" in self.logs(self.outbox), "the outbox failed to deliver something")
        for container, says in [
            (self.web, "Shutting down: Master"),
            (self.outbox, "gestopt (SIGTERM)"),
            (self.lifecycle, "gestopt (SIGTERM)"),
        ]:
            since = time.monotonic()
            self.docker("stop", "--time", str(GRACE), container, timeout=GRACE + 30)
            seconds = time.monotonic() - since
            state = json.loads(
                self.docker("inspect", "--format", "{{json .State}}", container).stdout
            )
            logs = self.logs(container)
            check(
                state["ExitCode"] == 0 and not state["OOMKilled"],
                f"{container} exited {state['ExitCode']} on SIGTERM:\n{logs[-3000:]}",
            )
            check(seconds < GRACE, f"{container} took {seconds:.1f} s to stop")
            check(says is None or says in logs, f"{container} did not log ‘{says}’")
            for trouble in ("Traceback", "[ERROR]", "[CRITICAL]"):
                check(trouble not in logs, f"{container} logged {trouble}:\n{logs[-3000:]}")
            self.step(f"docker stop {container.rsplit('-', 1)[1]}: exit 0 (SIGTERM)", since)

    def clean_up(self):
        for container in self.containers:
            self.docker("rm", "--force", container, check_rc=False)
        with contextlib.suppress(Exception):
            self.sink.close()
        with contextlib.suppress(Exception):
            drop_database()
        with contextlib.suppress(Exception):
            flush_redis()

    def dump_logs(self):
        for container in self.containers:
            print(f"--- docker logs {container} (last lines)", file=sys.stderr)
            print(self.logs(container)[-4000:], file=sys.stderr)


# --- PostgreSQL and Redis on this machine ---


def admin():
    return psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5)


def drop_database():
    with admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def fresh_database() -> str:
    drop_database()
    with admin() as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return urllib.parse.urlsplit(POSTGRES)._replace(path=f"/{DATABASE}").geturl()


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


def host_of(url: str) -> str:
    """host:port of a URL, without its user or password, for a message."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.hostname}:{parts.port}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- HTTP as a browser behind the TLS proxy ---


class SecureOverHttp(http.cookiejar.DefaultCookiePolicy):
    # Production's cookies are Secure; here the "proxy" is only the X-Forwarded-Proto header,
    # so the connection itself is plain http and the jar must send them anyway.
    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, url, status, headers, body):
        self.url, self.status, self.headers, self.body = url, status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location", "")


class Client:
    def __init__(self, base):
        self.base = base
        jar = http.cookiejar.CookieJar(policy=SecureOverHttp())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )

    def request(self, path, data=None):
        url = urllib.parse.urljoin(self.base, path)
        # What the TLS proxy in front adds; Django checks Origin on https posts.
        headers = {"X-Forwarded-Proto": "https"}
        if data is not None:
            origin = "https://" + urllib.parse.urlsplit(self.base).netloc
            headers |= {"Origin": origin, "Referer": origin + urllib.parse.urlsplit(url).path}
            data = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as answer:
                return Response(url, answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(url, error.code, error.headers, error.read())

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def follow(self, response, hops=5):
        while response.status in (301, 302, 303) and hops:
            response, hops = self.get(response.location), hops - 1
        return response


def csrf(page) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    check(found, f"no CSRF token on {page.url}")
    return found[1]


def totp(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238: SHA-1, 30 s, 6 digits, as allauth)."""
    if 30 - time.time() % 30 < 3:
        time.sleep(3)  # not a code that expires on its way
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


# --- an SMTP server that keeps what it gets ---


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 image-test sink")
        recipients = []
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-image-test\r\n250 8BITMIME\r\n")
            elif verb in ("HELO", "NOOP", "MAIL"):
                self.reply("250 ok")
            elif verb == "RSET":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(re.search(rb"<([^>]*)>", line)[1].decode())
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with .")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                self.server.sink.keep(recipients, message)
                recipients = []
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not here")


class SmtpSink:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpHandler)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def keep(self, recipients, message):
        with self.lock:
            self.messages.append((recipients, message))

    def find(self, recipient, text):
        with self.lock:
            for recipients, message in self.messages:
                body = message.get_body(("plain",))
                if recipient in recipients and body and text in body.get_content():
                    return message
        return None

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def tail(result) -> str:
    return (result.stdout + result.stderr)[-3000:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image", help="the image to test, e.g. kwaliteitslabel:test")
    journey = Journey(parser.parse_args().image)
    try:
        journey.main()
    except (Failure, subprocess.TimeoutExpired, psycopg.Error, OSError) as error:
        journey.dump_logs()
        print(f"\nFAILED: image test: {error}", file=sys.stderr)
        return 1
    finally:
        journey.clean_up()
    total = time.monotonic() - journey.started
    print(f"== image test passed: {len(journey.done)} steps in {total:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
