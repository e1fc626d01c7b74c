"""Messages of the HQ escrow commands (catalog ``org.po``)."""

from __future__ import annotations

from ecodesk.i18n import N_

HELP_ESCROW = N_("HQ's escrow key slot: add it for HQ, or remove it")
HELP_ESCROW_ADD = N_("add a key slot that HQ's vault can open (nothing secret is typed)")
HELP_ESCROW_TO = N_("the HQ contact (verified) whose key opens the slot")
HELP_ESCROW_REMOVE = N_("remove HQ's escrow key slot")
HELP_RECOVER_ESCROW = N_("at HQ: open a copy of an officer's vault with HQ's key and set a new passphrase")
HELP_OFFICER_VAULT = N_("the folder of the copy of the officer's vault")
HELP_REQUIRE_ESCROW = N_("this organization requires HQ's escrow key slot in every vault")
ESCROW_ADDED = N_("HQ escrow slot added: {name}'s vault can open this vault if both your secrets are lost.")
ESCROW_REMOVED = N_("HQ escrow slot removed.")
ESCROW_RECOVERED = N_(
    "Vault of office {office} at {path} recovered with HQ's key: it opens with the new passphrase. The recovery "
    "is recorded in both vaults' audit logs."
)
REQUIRE_ESCROW_CHECK = N_("&Require HQ escrow: HQ's vault can open this vault if both secrets are lost")
REQUIRE_ESCROW_NAME = N_("Require HQ escrow")
REQUIRE_ESCROW_TIP = N_(
    "Your organization's policy: once HQ is a verified contact, add HQ's escrow key slot (Settings); it cannot be "
    "removed."
)
ESCROW_MISSING = N_("HQ escrow is required but this vault has no escrow slot yet: 'ecodesk vault escrow add'.")
