"""Runs an SMS campaign's send in its own process, so a test can kill it with SIGKILL halfway.

Usage: python tests/integration/campaign_sms_sender.py SQLITE_FILE GATEWAY_URL CAMPAIGN_ID
Prints "sent N" after each message the gateway accepted (flushed), so the test knows when to kill.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.services.campaigns import CampaignService
from ekocrm_desktop.services.sms import GenericHttpGateway, HttpGatewayConfig
from tests.integration.sms_gateway import KEY


def main() -> None:
    path, url, campaign_id = Path(sys.argv[1]), sys.argv[2], uuid.UUID(sys.argv[3])
    db = Database(make_engine(sqlite_url(path)), actor="sender")
    gateway = GenericHttpGateway(
        HttpGatewayConfig(url=url, key_prefix="Bearer ", success_contains="queued", timeout=5), KEY
    )
    count = [0]

    class Counting:
        def send(self, to: str, text: str) -> None:
            gateway.send(to, text)
            count[0] += 1
            print(f"sent {count[0]}", flush=True)

    CampaignService(db, sleep=lambda _s: None).send_sms(campaign_id, Counting())
    print("finished", flush=True)


if __name__ == "__main__":
    main()
