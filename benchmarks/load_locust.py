"""The people of benchmarks/load_bench.py: civil servants who log in and browse the dashboard,
the registry's pages and a programme's pages, a click every one to three seconds (LOAD_THINK).

Run by load_bench.py (it sets the environment below); by hand:

    LOAD_PROGRAMME=1 LOAD_DESA=75.02.01.2001 LOAD_LOG=/tmp/requests.csv \
        locust -f benchmarks/load_locust.py --headless -u 50 -r 10 --host http://127.0.0.1:8100

Every request is written to LOAD_LOG (start time, page group, milliseconds, error), so the
orchestrator can cut the percentiles by what else was going on (an import, a linkage run).
"""

from __future__ import annotations

import csv
import os
import random
import time
from typing import Any

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "payung-demo")
PROGRAMME = os.environ.get("LOAD_PROGRAMME", "1")
# Seconds between one person's clicks, "LOW,HIGH" (uniform).
THINK = tuple(float(s) for s in os.environ.get("LOAD_THINK", "1,3").split(","))
DESA = os.environ.get("LOAD_DESA", "")
# Analysts and administrators: both may open every page below (the Regent's office may not
# open the change requests).
USERNAMES = ["analis", "analis", "analis", "analis", "admin"]

_log = open(os.environ.get("LOAD_LOG", os.devnull), "a", newline="", buffering=1)  # noqa: SIM115
_writer = csv.writer(_log)


@events.request.add_listener
def _record(
    name: str,
    response_time: float,
    exception: BaseException | None,
    context: dict[str, Any],
    **_: Any,
) -> None:
    # The group (dashboard, registry, programme) rides in the context; a log-in has none.
    group = context.get("group", "login")
    _writer.writerow(
        [
            f"{time.time() - response_time / 1000:.3f}",
            group,
            name,
            f"{response_time:.1f}",
            "" if exception is None else type(exception).__name__,
        ]
    )


class Official(HttpUser):
    wait_time = between(THINK[0], THINK[-1])

    def on_start(self) -> None:
        self.client.get("/masuk/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        answer = self.client.post(
            "/masuk/",
            data={
                "username": random.choice(USERNAMES),
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/masuk/"},
            name="login",
            allow_redirects=False,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"log-in failed: {answer.status_code}")

    def _open(self, group: str, url: str, name: str) -> None:
        with self.client.get(
            url, name=name, context={"group": group}, catch_response=True, allow_redirects=False
        ) as answer:
            # A redirect here would be to the log-in page (a lost session): a failure too.
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")

    @task(2)
    def home(self) -> None:
        self._open("dashboard", "/", "home")

    @task(3)
    def coverage(self) -> None:
        self._open("dashboard", "/cakupan/", "coverage dashboard")

    @task(1)
    def coverage_by_desa(self) -> None:
        self._open("registry", "/cakupan/tabel/?by=desa", "coverage table by desa")

    @task(1)
    def coverage_by_occupation(self) -> None:
        self._open("registry", "/cakupan/tabel/?by=occupation", "coverage table by occupation")

    @task(1)
    def linkage_quality(self) -> None:
        self._open("registry", "/kepesertaan/", "linkage quality")

    @task(1)
    def change_requests(self) -> None:
        self._open("registry", "/registri/perubahan/", "change requests")

    @task(1)
    def programmes(self) -> None:
        self._open("programme", "/bantuan/", "programmes")

    @task(2)
    def programme(self) -> None:
        self._open("programme", f"/bantuan/{PROGRAMME}/", "programme")

    @task(1)
    def ranking(self) -> None:
        self._open("programme", f"/bantuan/{PROGRAMME}/prioritas/", "priority list")

    @task(1)
    def desa(self) -> None:
        if DESA:
            self._open("programme", f"/bantuan/{PROGRAMME}/desa/{DESA}/", "programme desa list")
