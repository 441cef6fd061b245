"""The licensing system of benchmarks/permit_bench.py: clients that check random NIBs with
their API token, one request after another (no pause), as a busy OSS desk would.

    PERMIT_TOKEN=pyg_… PERMIT_FIRST=9000000000000 PERMIT_COUNT=20000 \
        locust -f benchmarks/permit_locust.py --headless -u 20 --host http://127.0.0.1:8100
"""

from __future__ import annotations

import os
import random

from locust import HttpUser, constant, task

TOKEN = os.environ.get("PERMIT_TOKEN", "")
FIRST = int(os.environ.get("PERMIT_FIRST", "9000000000000"))
COUNT = int(os.environ.get("PERMIT_COUNT", "20000"))


class LicensingSystem(HttpUser):
    wait_time = constant(0)

    @task
    def check(self) -> None:
        nib = FIRST + random.randrange(COUNT)
        self.client.get(
            f"/api/employers/permit?nib={nib}",
            headers={"Authorization": f"Bearer {TOKEN}"},
            name="/api/employers/permit",
        )
