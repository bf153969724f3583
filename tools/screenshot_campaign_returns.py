"""Screenshots of SMS campaigns and of bounces read back on the demo workspace (README).

    python tools/screenshot_campaign_returns.py [--lang fr|en] [--out docs]

Runs offscreen in a throw-away home folder, so it never touches your own workspaces. The SMS
campaign is logged "to send by hand" (no gateway here); the bounce is a delivery status
notification built for one recipient of the demo's finished appeal.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def dsn(recipient: str, token: str) -> bytes:
    """A delivery status notification as Postfix writes one (RFC 3464)."""
    return (
        "From: MAILER-DAEMON@mx.exemple.fr (Mail Delivery System)\r\n"
        "To: association@exemple.fr\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.exemple.fr\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: User unknown\r\n\r\n"
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nX-EkoCRM-Campaign: {token}\r\n\r\n--b--\r\n"
    ).encode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="ekocrm-shots-"))
    os.environ["EKOCRM_HOME"] = str(home)

    from sqlalchemy import select

    from PySide6.QtCore import QThreadPool

    from ekocrm_desktop.models.campaigns import CampaignRecipient
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.campaigns import CampaignDraft
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.campaigns_page import CampaignsPage

    app = make_application([])
    install_translators(app, args.lang)
    registry = WorkspaceRegistry()
    demo = ensure_demo_workspace(registry)
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences(language=args.lang))
    window.resize(1280, 760)
    window.show()
    window.open_workspace(demo)
    while window.session is None:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
    session = window.session

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    page = window.show_page("campaigns")
    assert isinstance(page, CampaignsPage)
    args.out.mkdir(parents=True, exist_ok=True)
    # The finished appeal: one recipient's address bounced.
    appeal = next(r for r in page.list_model.rows if r.status == "done" and r.channel == "email")
    with session.db.session() as db_session:
        address, token = db_session.execute(
            select(CampaignRecipient.address, CampaignRecipient.token)
            .where(CampaignRecipient.campaign_id == appeal.id, CampaignRecipient.state == "sent")
            .order_by(CampaignRecipient.address)
            .limit(1)
        ).one()
    bounce = home / "retour.eml"
    bounce.write_bytes(dsn(address, token))
    page.select_campaign(appeal.id)
    page.import_bounces([str(bounce)])
    while page.reading is not None:  # read in the background
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
    page.tabs.setCurrentIndex(1)
    settle()
    window.grab().save(str(args.out / "screenshot-campaigns-bounces.png"))
    page.tabs.setCurrentIndex(2)
    settle()
    window.grab().save(str(args.out / "screenshot-campaigns-results.png"))
    dialog = page.show_bounced()
    settle()
    dialog.grab().save(str(args.out / "screenshot-campaigns-bounced-addresses.png"))
    dialog.reject()

    # An SMS campaign to the same segment: the builder's preview, then the ledger.
    targets = page.campaigns.get(appeal.id).draft.targets
    sms = page.campaigns.create(
        CampaignDraft(
            name="Rappel SMS : assemblée générale",
            channel="sms",
            body="Bonjour {first_name}, l'assemblée générale a lieu samedi à 10 h, salle des fêtes.",
            per_minute=30,
            targets=targets,
        )
    )
    page.refresh()
    page.select_campaign(sms.id)
    page.tabs.setCurrentIndex(0)
    settle()
    window.grab().save(str(args.out / "screenshot-campaigns-sms.png"))
    page.campaigns.send_sms(sms.id, None)
    page.refresh()
    page.select_campaign(sms.id)
    page.tabs.setCurrentIndex(1)
    settle()
    window.grab().save(str(args.out / "screenshot-campaigns-sms-ledger.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
