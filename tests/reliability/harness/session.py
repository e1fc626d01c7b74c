"""A scripted end-to-end session through the real ``ecodesk`` command line (one process per command, as a user
or HQ's automation runs it) with a private HOME and TMPDIR, and canary strings in every confidential field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from harness.leaks import Hit, make_canary


@dataclass
class Session:
    home: Path
    tmp: Path
    passphrase: str
    canaries: dict[str, str] = field(default_factory=dict)
    user_saved: list[Path] = field(default_factory=list)  # files the user explicitly chose to write in clear
    by_design: list[tuple[Path, str]] = field(default_factory=list)  # (file, canary name) meant to be there
    log: list[str] = field(default_factory=list)
    case_ref: str = ""
    advice_ref: str = ""

    @classmethod
    def start(cls, root: Path) -> Session:
        home, tmp = root / "home", root / "tmp"
        home.mkdir(mode=0o700, parents=True)
        tmp.mkdir(mode=0o700, parents=True)
        return cls(home, tmp, make_canary("passphrase") + " with words")

    def unexpected(self, hits: list[Hit]) -> list[Hit]:
        """The hits that are leaks: all but a canary that a file carries by design."""
        allowed = {(path.resolve(), self.canaries[name]) for path, name in self.by_design}
        return [h for h in hits if (h.path.resolve(), h.canary) not in allowed]

    def canary(self, name: str) -> str:
        self.canaries[name] = make_canary(name)
        return self.canaries[name]

    def env(self, passphrase: str | None = None) -> dict[str, str]:
        keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "PYTHONPATH") if k in os.environ}
        return {
            **keep,
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "TEMP": str(self.tmp),
            "TMP": str(self.tmp),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_RUNTIME_DIR": str(self.tmp / "runtime"),
            "QT_QPA_PLATFORM": "offscreen",
            "ECODESK_KDF_PROFILE": "fast",
            "ECODESK_PASSPHRASE": passphrase or self.passphrase,
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    def run(self, *args: str, stdin: str = "", expect: int = 0, passphrase: str | None = None,
            extra_env: dict[str, str] | None = None) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "ecodesk", *args],
            input=stdin.encode(), capture_output=True, env={**self.env(passphrase), **(extra_env or {})},
            cwd=self.home, timeout=120, check=False,
        )
        out, err = proc.stdout.decode(), proc.stderr.decode()
        self.log.append(f"$ ecodesk {' '.join(args)} -> {proc.returncode}")
        if proc.returncode != expect or "Traceback" in err:
            raise AssertionError(f"ecodesk {' '.join(args)} exited {proc.returncode}: {err[-3000:]}")
        return out


def canary_case(s: Session) -> dict[str, object]:
    c = s.canary
    person = {k: c(f"complainant.{k}") for k in ("name", "position", "office", "email", "phone")}
    return {
        "title": c("title"),
        "summary": c("summary"),
        "notes": c("notes"),
        "received_on": "2026-10-02",
        "complainant": person,
        "alleged_retaliators": [{"name": c("retaliator.name"), "role": c("retaliator.role"),
                                 "position": c("retaliator.position"), "knew_of_protected_activity": True}],
        "protected_activities": [{"kind": "reported_to_oversight", "date": "2026-06-01",
                                  "description": c("activity.description"), "reported_to": c("activity.to")}],
        "detrimental_actions": [{"kind": "non_renewal", "date": "2026-09-01",
                                 "description": c("action.description"), "decision_maker": c("action.maker")}],
        "evidence": [{"kind": "witness", "title": c("evidence.title"), "source": c("evidence.source"),
                      "notes": c("evidence.notes"), "status": "obtained", "consent_to_contact": False}],
    }


def canary_advice(s: Session) -> dict[str, object]:
    c = s.canary
    return {
        "category": "conflict_of_interest",
        "received_on": "2026-10-03",
        "requester": {"name": c("requester.name"), "position": c("requester.position"),
                      "office": c("requester.office"), "email": c("requester.email")},
        "question": c("question"),
        "advice": c("advice"),
        "standards_references": [c("standards")],
        "follow_up": c("follow_up"),
        "notes": c("advice.notes"),
    }


def canary_answers(s: Session) -> dict[str, object]:
    c = s.canary
    return {
        "format": "ecodesk-assessment-answers",
        "version": 1,
        "mandate": {"complainant_covered": True, "alleges_retaliation": True, "notes": c("wizard.mandate")},
        "timeliness": {"late_filing_reason": c("wizard.late")},
        "indicators": {"expressed_animus": True, "notes": c("wizard.indicators")},
        "decision": {"override_reason": c("wizard.override"),
                     "element_notes": {"protected_activity": c("wizard.element")}},
        "conclusion": {"recommendations": c("wizard.recommendations"), "conclusion": c("wizard.conclusion")},
    }


def run_cli_session(s: Session) -> None:
    """Create a vault, fill it with canaries, use every command, lock and unlock (each command is one unlock)."""
    docs = s.home / "Documents"
    docs.mkdir()
    created = json.loads(s.run("init", "--office", "DKR", "--name", s.canary("officer"), "--json"))
    s.canaries["recovery_key"] = created["recovery_key"]
    s.canaries["passphrase"] = s.passphrase
    reference = json.loads(s.run("case", "add", "-", "--json", stdin=json.dumps(canary_case(s))))["reference"]
    s.advice_ref = s.run("advice", "add", "-", stdin=json.dumps(canary_advice(s))).strip()
    s.case_ref = reference

    source = docs / f"statement-{s.canary('attachment.name')}.txt"
    source.write_text("Witness statement: " + s.canary("attachment.content") + "\n" * 2000, encoding="utf-8")
    s.user_saved.append(source)  # the user's own document, outside the vault
    s.run("case", "attach", reference, str(source), "--evidence", "witness")
    s.run("assess", reference, "--answers", "-", stdin=json.dumps(canary_answers(s)))
    s.run("case", "add", "-", stdin=json.dumps({"reference": reference, "summary": s.canary("summary.edited")}))

    s.run("case", "show", reference, "--json")
    s.run("case", "list")
    s.run("advice", "list", "--json")
    s.run("search", s.canaries["summary.edited"])
    s.run("assess", reference, "--show")
    s.run("case", "list", expect=3, passphrase="a wrong passphrase, twice")

    exported = s.home / "Desktop" / "exported-statement.txt"
    exported.parent.mkdir()
    s.run("case", "attachment", reference, source.name, "--out", str(exported))
    s.user_saved.append(exported)  # an explicit clear-text copy, with the warning

    memo = s.home / "Desktop" / "memo-signed.pdf"
    s.run("memo", reference, "--out", str(s.home / "Desktop" / "memo-draft.pdf"), "--lang", "fr")
    s.run("memo", reference, "--out", str(memo), "--sign", "--confirm-unassessed")  # the canary case is not finished
    s.run("memo", "verify", str(memo))
    s.user_saved += [memo, s.home / "Desktop" / "memo-draft.pdf"]  # memo PDFs the user chose to write

    backups = s.home / "Backups"
    backups.mkdir()
    s.run("vault", "backup", "--out", str(backups / "office.ecobackup"))
    s.run("vault", "backup", "--to", str(backups / "folder"))  # incremental: database + evidence files
    new_passphrase = make_canary("newpassphrase") + " more words"
    s.canaries["new_passphrase"] = new_passphrase
    s.run("vault", "change-passphrase", extra_env={"ECODESK_NEW_PASSPHRASE": new_passphrase})
    s.passphrase = new_passphrase
    s.run("vault", "verify")
    s.run("vault", "verify", "--full")
    exchange_with_hq(s, reference)
    restored = s.home / "restored-vault"
    s.run("vault", "restore", str(backups / "office.ecobackup"), "--to", str(restored),
          passphrase=s.canaries["passphrase"])
    s.run("--vault", str(restored), "case", "show", reference, passphrase=s.canaries["passphrase"])
    s.run("vault", "restore", str(backups / "folder"), "--to", str(s.home / "restored-from-folder"),
          passphrase=s.canaries["passphrase"])


def exchange_with_hq(s: Session, reference: str) -> None:
    """Cards both ways, a package with the canary case and its attachment to HQ, HQ's acknowledgement back."""
    hq = ("--vault", str(s.home / "hq-vault"))
    cards, outbox = s.home / "cards", s.home / "Outbox"
    cards.mkdir()
    outbox.mkdir()
    s.run(*hq, "init", "--office", "HQ", "--name", "HQ officer")
    s.run("keys", "export", "--out", str(cards / "dkr.ecokey"))
    s.by_design.append((cards / "dkr.ecokey", "officer"))  # a public identity card names its officer
    s.run(*hq, "keys", "export", "--out", str(cards / "hq.ecokey"))
    hq_card = json.loads(s.run("contacts", "add", str(cards / "hq.ecokey"), "--name", "HQ", "--role", "hq", "--json"))
    s.run("contacts", "trust", "--fingerprint", hq_card["fingerprint"], "HQ")
    dkr_card = json.loads(s.run(*hq, "contacts", "add", str(cards / "dkr.ecokey"), "--name", "Dakar",
                                "--role", "officer", "--json"))
    s.run(*hq, "contacts", "trust", "--fingerprint", dkr_card["fingerprint"], "Dakar")
    s.run("package", "export", "--to", "HQ", "--case", reference, "--out", str(outbox / "to-hq.ecopkg"))
    s.run(*hq, "package", "inspect", str(outbox / "to-hq.ecopkg"))
    s.run(*hq, "package", "import", str(outbox / "to-hq.ecopkg"), "--ack-out", str(outbox / "ack.ecopkg"))
    s.run(*hq, "case", "show", reference, "--json")
    s.run("package", "import", str(outbox / "ack.ecopkg"))
    s.run("package", "list")
    organization_trust(s, reference)


def organization_trust(s: Session, reference: str) -> None:
    """Every org command and the HQ escrow slot: root, certificate by package, signed memo, revocation, CRL,
    escrow add and an escrow recovery at HQ of a copy of the officer's vault."""
    hq = ("--vault", str(s.home / "hq-vault"))
    org, outbox = s.home / "Org", s.home / "Outbox"
    org.mkdir()
    s.run(*hq, "org", "init", "--name", "Ethics Office")
    shown = s.run(*hq, "org", "export-root", "--out", str(org / "root.pem"))
    fingerprint = shown.split("SHA-256 fingerprint: ")[1].split()[0]
    s.run("org", "export-root", "--out", str(org / "nope.pem"), expect=2)
    s.run("keys", "export", "--out", str(org / "dkr-request.ecokey"))
    s.by_design.append((org / "dkr-request.ecokey", "officer"))  # the card's request names its officer
    s.run(*hq, "org", "certify", "Dakar", "--valid-days", "30")
    s.run(*hq, "package", "export", "--kind", "key-exchange", "--to", "Dakar", "--out", str(outbox / "cert.ecopkg"))
    s.run("package", "import", str(outbox / "cert.ecopkg"))
    s.run("org", "trust-root", "--fingerprint", fingerprint)
    memo = s.home / "Desktop" / "memo-certified.pdf"
    s.run("memo", reference, "--out", str(memo), "--sign")
    s.user_saved.append(memo)
    s.run("memo", "verify", str(memo))
    s.run("vault", "escrow", "add", "--to", "HQ")
    s.run(*hq, "org", "revoke", "Dakar", "--reason", "superseded")
    s.run(*hq, "org", "crl", "--out", str(org / "org.crl"))
    copy = s.home / "officer-vault-copy"
    shutil.copytree(s.home / ".local" / "share" / "EcoDesk" / "vault", copy, ignore=shutil.ignore_patterns("*.lock"))
    recovered = make_canary("recoveredpassphrase") + " long enough"
    s.canaries["recovered_passphrase"] = recovered
    s.run(*hq, "vault", "recover-escrow", str(copy), extra_env={"ECODESK_NEW_PASSPHRASE": recovered})
    s.run("--vault", str(copy), "vault", "verify", passphrase=recovered)


def run_gui_session(s: Session) -> None:
    """The desktop application on the session's vault (see gui_session.py), offscreen, same HOME and TMPDIR."""
    script = Path(__file__).with_name("gui_session.py")
    vault = s.home / ".local" / "share" / "EcoDesk" / "vault"
    proc = subprocess.run(
        [sys.executable, str(script), str(vault), s.case_ref, s.advice_ref, s.canary("gui.unsaved_edit")],
        capture_output=True, env=s.env(), cwd=s.home, timeout=180, check=False,
    )
    s.log.append(f"$ gui_session.py -> {proc.returncode}")
    if proc.returncode != 0 or proc.stdout.decode().strip() != "done":
        raise AssertionError(f"the GUI session failed ({proc.returncode}): {proc.stderr.decode()[-3000:]}")
