"""Messages of organization trust (root, certificates, CRL, escrow), in one catalog (``org.po``)."""

from __future__ import annotations

from ecodesk.i18n import N_

# -- errors ------------------------------------------------------------------------------------------------
NEEDS_ROOT = N_(
    "This vault holds no organization root: only HQ's vault can do this. Officer vaults receive certificates "
    "and revocation lists from HQ in packages."
)
NOT_HQ = N_("Only an HQ vault (office code HQ) can create the organization root.")
ROOT_EXISTS = N_("This vault already holds the organization root. Nothing was changed.")
NO_ORGANIZATION = N_("Give the organization's name with --name, or set it in the settings first.")
NOT_A_ROOT = N_("This certificate is not a certificate authority root.")
ROOT_FINGERPRINT_MISMATCH = N_(
    "The fingerprint you typed does not match this root certificate. Nothing was trusted. Compare it again with "
    "HQ, by phone or in person."
)
OTHER_ROOT_TRUSTED = N_("This vault already trusts another organization root. Nothing was changed.")
NO_OFFERED_ROOT = N_("Name the root certificate file: no package has brought one.")
NO_REQUEST = N_(
    "{name} has sent no certificate request. Ask for a new identity card ('ecodesk keys export') and add it "
    "again."
)
REQUEST_INVALID = N_("The certificate request of {name} does not match its key. Ask for a new identity card.")
CONTACT_NOT_VERIFIED = N_(
    "Compare {name}'s fingerprint and run 'ecodesk contacts trust' before certifying this officer."
)
NOTHING_TO_REVOKE = N_("{name} holds no certificate that is not revoked already.")
VALID_DAYS_RANGE = N_("The validity must be between 1 and {days} days.")
SENDER_REVOKED = N_(
    "Refused: {name}'s certificate was revoked by HQ on {date}, before this package was made."
)
CRL_INVALID = N_("This file is not a certificate revocation list.")
CERTIFICATE_INVALID = N_("This file is not an X.509 certificate.")

# -- escrow ------------------------------------------------------------------------------------------------
ESCROW_NEEDS_HQ = N_("{name} is not an HQ contact: the escrow slot is for HQ only.")
ESCROW_NOT_VERIFIED = N_("Verify HQ's contact {name} (fingerprint or certificate) before adding the escrow slot.")
NO_ESCROW = N_("This vault has no HQ escrow slot.")
ESCROW_NOT_FOR_US = N_("This vault's escrow slot is not for this HQ vault's key.")
ESCROW_REQUIRED = N_("This organization requires the HQ escrow slot: it cannot be removed.")

# -- command line ------------------------------------------------------------------------------------------
HELP_ORG = N_("organization trust: HQ's root certificate, officer certificates, revocations")
HELP_INIT = N_("create the organization's root (HQ vault only)")
HELP_NAME = N_("the organization's name (default: the organization in the settings)")
HELP_EXPORT_ROOT = N_("write the root certificate (PEM and DER) and print its SHA-256 fingerprint")
HELP_CERTIFY = N_("issue a certificate to an officer (a contact); the next package to them carries it")
HELP_VALID_DAYS = N_("how many days the certificate is valid (default: {days})")
HELP_REVOKE = N_("revoke an officer's certificates; the new revocation list travels in every later package")
HELP_REASON = N_("why the certificate is revoked")
HELP_CRL = N_("write the current certificate revocation list (DER)")
HELP_TRUST_ROOT = N_("trust the organization's root certificate after comparing its fingerprint with HQ")
HELP_ROOT_FILE = N_("the root certificate (PEM or DER); without it, the root a package brought")
HELP_ROOT_FINGERPRINT = N_("the SHA-256 fingerprint read out by HQ")
HELP_CONTACT = N_("the contact's name")
HELP_OUT = N_("the file to write")
OUT_IS_FOLDER = N_("Give a file name with --out, not a folder. Nothing was written.")
ROOT_CREATED = N_("Organization root created for {organization}.")
ROOT_WRITTEN = N_("Root certificate written to {pem} (PEM) and {der} (DER).")
FINGERPRINT_LINE = N_("SHA-256 fingerprint: {fingerprint}")
CERTIFIED = N_("Certificate issued to {name}, valid until {date}. The next package to {name} carries it.")
REVOKED = N_("{name}'s certificate is revoked ({reason}). Every later package from this vault carries the new list.")
CRL_WRITTEN = N_("Revocation list written to {path} ({count} revoked).")
ROOT_TRUSTED = N_("You now trust the root of {organization}.")
CERTIFICATE_INSTALLED = N_("Your officer certificate from {organization} is installed: memos you sign now carry it.")
ROOT_OFFERED = N_(
    "This package brings the root certificate of {organization} (SHA-256 {fingerprint}). Compare the "
    "fingerprint with HQ, then run 'ecodesk org trust-root --fingerprint FP'."
)
CRL_UPDATED = N_("HQ's revocation list was updated.")
REQUEST_UPDATED = N_(
    "{name} is already a contact: this card's certificate request replaces the earlier one. HQ can certify it again."
)
CONTACT_CERTIFIED = N_(
    "Added {name}, certified by {organization}: verified through HQ's certificate, no fingerprint comparison "
    "is needed."
)

ORGANIZATION_LINE = N_("Organization: {status}")

# -- status ------------------------------------------------------------------------------------------------
CERTIFIED_BY = N_("certified by {organization}")
NOT_CERTIFIED = N_("not certified by the organization")
REVOKED_ON = N_("certificate revoked by {organization} on {date}: do not rely on what it signed after that date")
EXPIRED_WHEN_SIGNED = N_("the certificate had expired when the memo was signed: do not rely on this signature")
NOT_YET_VALID = N_("the certificate was not yet valid when the memo was signed: do not rely on this signature")
