"""Runs a campaign's send in its own process, so a test can kill it with SIGKILL halfway.

Usage: python tests/integration/campaign_sender.py SQLITE_FILE SMTP_PORT CAMPAIGN_ID
Prints "sent N" after each message (flushed), so the test knows when to kill.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.services.campaigns import CampaignService
from ekocrm_desktop.services.membership import OutgoingMail
from tests.integration.campaign_helpers import smtp_sender


def main() -> None:
    path, port, campaign_id = Path(sys.argv[1]), int(sys.argv[2]), uuid.UUID(sys.argv[3])
    db = Database(make_engine(sqlite_url(path)), actor="sender")
    send = smtp_sender(port)
    count = [0]

    def counting(mail: OutgoingMail) -> None:
        send(mail)
        count[0] += 1
        print(f"sent {count[0]}", flush=True)

    CampaignService(db, sleep=lambda _s: None).send(campaign_id, counting)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
