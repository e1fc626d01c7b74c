"""Property: whatever order packages travel in between three vaults (Dakar, HQ, Nairobi), with some delayed,
dropped or delivered twice, no vault ever moves a record to an older version or to another office.

Dakar edits its case (titles v1, v2, ...) and sends it to HQ and Nairobi; HQ forwards the version it holds to
both offices; every delivery is answered by an acknowledgement that travels back the same way. Nairobi may also turn
hostile: it re-labels its copy (as its own office, or keeping Dakar's) with an older title and sends it to
everyone; such a package must be refused whole. After that, Nairobi's own vault is no longer checked."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packages_support import introduce, make_case, new_vault

from ecodesk.errors import NotFound, PackageRejected
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

NAMES = {"DKR": "Dakar", "HQ": "HQ Geneva", "NBO": "Nairobi"}


@dataclass
class Mail:
    to: str
    path: Path
    hostile: bool = False


@dataclass
class World:
    folder: Path
    vaults: dict[str, Vault]
    reference: str = ""
    edits: int = 1
    pending: list[Mail] = field(default_factory=list)
    delivered: list[Mail] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # highest version each vault has held
    files: int = 0
    hijacked: bool = False

    def path(self) -> Path:
        self.files += 1
        return self.folder / f"p{self.files}.ecopkg"

    def send(self, office: str, to: list[str], *, hostile: bool = False) -> None:
        out = self.path()
        export_package(self.vaults[office], to=[NAMES[o] for o in to], cases=[self.reference], out=out)
        self.pending.extend(Mail(o, out, hostile) for o in to)

    def hijack(self, own_office: bool) -> None:
        nairobi = self.vaults["NBO"]
        if nairobi.records.find_id(self.reference) is None:
            return
        office = "NBO" if own_office else "DKR"
        forged = nairobi.records.get(self.reference).model_copy(update={"title": "v0", "office": office})
        nairobi.records.save(forged, office=office, saved_by="Wanjiru Kamau")
        self.hijacked = True
        self.send("NBO", ["HQ", "DKR"], hostile=True)

    def deliver(self, mail: Mail) -> None:
        ack = self.path()
        try:
            result = import_package(self.vaults[mail.to], mail.path, ack_out=ack)
        except PackageRejected:
            # Only the hostile packages, and HQ's updates to the re-labelled copy at Nairobi, may be refused.
            assert mail.hostile or (mail.to == "NBO" and self.hijacked)
            self.check()
            return
        assert not mail.hostile, f"{mail.to} accepted Nairobi's change to a Dakar record"
        if result.ack_file is not None:
            sender = next(o for o, name in NAMES.items() if o == result.sender_office or name == result.sender)
            self.pending.append(Mail(sender, result.ack_file))
        self.check()

    def check(self) -> None:
        for office, vault in self.vaults.items():
            if office == "NBO" and self.hijacked:
                continue
            try:
                record = vault.records.get(self.reference)
            except NotFound:
                continue
            assert record.office == "DKR", f"{office} moved the record to {record.office}"
            version = int(record.title.removeprefix("v"))  # type: ignore[union-attr]
            assert version >= self.seen.get(office, 0), f"{office} went back from v{self.seen[office]} to v{version}"
            self.seen[office] = version


def _world(folder: Path) -> World:
    vaults = {office: new_vault(folder, office, name) for office, name in NAMES.items()}
    for me, other in (("DKR", "HQ"), ("NBO", "HQ"), ("HQ", "DKR"), ("HQ", "NBO"), ("DKR", "NBO"), ("NBO", "DKR")):
        introduce(vaults[me], vaults[other], name_of_b=NAMES[other], role="hq" if other == "HQ" else "officer")
    world = World(folder, vaults)
    world.reference = make_case(vaults["DKR"], "v1").reference or ""
    return world


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["edit", "forward", "deliver", "deliver", "deliver", "replay", "hijack"]), st.integers(0, 50)
    ),
    min_size=4,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_no_vault_ever_goes_back_to_an_older_version_or_another_office(steps: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world = _world(Path(tmp))
        try:
            world.send("DKR", ["HQ", "NBO"])
            for action, pick in steps:
                if action == "edit":
                    world.edits += 1
                    dakar = world.vaults["DKR"]
                    edited = dakar.records.get(world.reference).model_copy(update={"title": f"v{world.edits}"})
                    save_record(dakar, edited)
                    world.check()
                    world.send("DKR", ["HQ", "NBO"])
                elif action == "forward" and world.vaults["HQ"].records.find_id(world.reference):
                    world.send("HQ", ["DKR", "NBO"])
                elif action == "deliver" and world.pending:
                    mail = world.pending.pop(pick % len(world.pending))  # any order; the rest may never arrive
                    world.deliver(mail)
                    world.delivered.append(mail)
                elif action == "hijack":
                    world.hijack(own_office=pick % 2 == 0)
                elif action == "replay" and world.delivered:
                    world.deliver(world.delivered[pick % len(world.delivered)])
            for mail in reversed(world.pending):  # the delayed rest finally arrives, oldest last
                world.deliver(mail)
        finally:
            for vault in world.vaults.values():
                vault.close()
