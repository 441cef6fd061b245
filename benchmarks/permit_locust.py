"""The licensing system of benchmarks/permit_bench.py: clients that check random NIBs with
their API token, one request after another (no pause), as a busy OSS desk would. Locust's
FastHttpUser (geventhttpclient): the load tool shares the server's two cores, and the
requests-based HttpUser spent several times the CPU per request.

    PERMIT_TOKEN=pyg_… PERMIT_FIRST=9000000000000 PERMIT_COUNT=20000 \
        locust -f benchmarks/permit_locust.py --headless -u 20 --host http://127.0.0.1:8100
"""

from __future__ import annotations

import os
import random

from locust import FastHttpUser, constant, task

TOKEN = os.environ.get("PERMIT_TOKEN", "")
FIRST = int(os.environ.get("PERMIT_FIRST", "9000000000000"))
COUNT = int(os.environ.get("PERMIT_COUNT", "20000"))


class LicensingSystem(FastHttpUser):
    wait_time = constant(0)

    @task
    def check(self) -> None:
        nib = FIRST + random.randrange(COUNT)
        self.client.get(
            f"/api/employers/permit?nib={nib}",
            headers={"Authorization": f"Bearer {TOKEN}"},
            name="/api/employers/permit",
        )
