"""Messages of the exchange feature (contacts, packages, acknowledgements, conflicts).

They are kept here, marked with ``N_``, so that the whole feature has one translation catalog
(``packages.po``) even though some of them are shown by the storage layer or the command line.
Translate them where they are shown: ``_(texts.X)`` or ``EcoDeskError(texts.X, ...)``.
"""

from __future__ import annotations

from ecodesk.i18n import N_

# -- contacts ----------------------------------------------------------------------------------------------
CONTACT_NOT_FOUND = N_("No contact named {name}. See 'ecodesk contacts list'.")
CONTACT_NAME_TAKEN = N_("A contact named {name} already exists. Choose another name or remove it first.")
CONTACT_KEY_KNOWN = N_("This identity is already a contact, named {name}.")
CONTACT_NAME_INVALID = N_("A contact name must have 1 to 100 characters.")
CONTACT_IS_SELF = N_("This is the identity of this vault, not a contact.")
FINGERPRINT_MISMATCH = N_(
    "The fingerprint you typed does not match {name}'s key. The contact stays unverified. "
    "Compare the fingerprint again with its owner, by phone or in person."
)
ROLE_HQ = N_("HQ")
ROLE_OFFICER = N_("Officer")

# -- identity cards ----------------------------------------------------------------------------------------
CARD_INVALID = N_("This file is not an EcoDesk identity card (.ecokey), or it is damaged.")
CARD_UNREADABLE = N_("The identity card file cannot be read.")
CARD_SIGNATURE_INVALID = N_("The identity card's signature is not valid: the card was altered. Ask for a new one.")

KIND_LABELS = {
    "cases": N_("Cases"),
    "advice": N_("Advice"),
    "acknowledgement": N_("Acknowledgement"),
    "key-exchange": N_("Identity cards"),
    "stats": N_("Statistics"),
}

# -- export ------------------------------------------------------------------------------------------------
NOTHING_TO_EXPORT = N_("Nothing to export: the recipients have confirmed every record. No file was written.")
NOTHING_SELECTED = N_("Choose what to send: --case, --advice or --since-ack.")
NO_RECIPIENT = N_("Name at least one recipient (a contact) with --to.")
RECIPIENT_UNVERIFIED = N_(
    "{name} is not verified yet. Compare the fingerprint with its owner, then run "
    "'ecodesk contacts trust' before sending anything to this contact."
)
NOT_A_CASE = N_("{reference} is not a retaliation case.")
NOT_ADVICE = N_("{reference} is not an advice record.")
DOCUMENTS_NOT_ALLOWED = N_("A cases or advice package carries records, not documents.")
RECORDS_NOT_ALLOWED = N_("This kind of package carries documents, not records.")
NO_DOCUMENTS = N_("This kind of package needs at least one document.")
BAD_DOCUMENT_NAME = N_(
    "The document name {name} is not allowed: use lower-case letters, digits, dots, dashes and underscores "
    "(at most 64), and at most 32 MB per document."
)
SPLIT_TOO_SMALL = N_("The volume size must be at least 1 MB.")
ATTACHMENT_CHANGED = N_("An attachment changed while it was being exported. Nothing was written; try again.")
EXPORT_FAILED = N_("The package could not be written. Nothing was saved.")
NOT_IMPORTED = N_("No imported package has the id {package}. See 'ecodesk package list'.")
NO_ACK_FOR_KIND = N_("Only packages of records are acknowledged.")

# -- refusals (import) -------------------------------------------------------------------------------------
REFUSED_NOT_FOR_US = N_(
    "The package is not addressed to this vault: none of its keys opens it. Ask the sender to export it "
    "to your identity."
)
REFUSED_NOT_A_PACKAGE = N_("This file is not an EcoDesk package, or its beginning is damaged.")
REFUSED_TRUNCATED = N_(
    "The package is incomplete: the file was cut short or a volume is missing. Ask the sender to send it again."
)
REFUSED_DAMAGED = N_(
    "The package is damaged, incomplete or was altered after it was made (its encryption check failed). "
    "If it came in several volumes, check that you have all of them; otherwise ask the sender to send it again."
)
REFUSED_UNREADABLE = N_("The package file cannot be read. Check the file and try again.")
REFUSED_MALFORMED = N_("The package's contents are malformed or contain something a package may not contain.")
REFUSED_BAD_MANIFEST = N_("The package's list of contents (manifest) is missing or not valid.")
REFUSED_SIGNATURE = N_("The package's signature is missing or does not match its contents: it was altered.")
REFUSED_OWN_PACKAGE = N_("This package was made by this vault; there is nothing to import.")
REFUSED_UNKNOWN_SENDER = N_(
    "The package was signed by {name} ({office}), who is not one of your contacts. Add the sender's identity "
    "card and verify it, or import with --accept-unverified if you are sure."
)
REFUSED_UNVERIFIED_SENDER = N_(
    "The package comes from {name}, whose fingerprint you have not verified yet. Verify it, or import with "
    "--accept-unverified if you are sure."
)
REFUSED_SENDER_CHANGED = N_(
    "The package claims to come from {name} but its keys differ from the contact's. Ask {name} by phone "
    "whether their keys changed."
)
REFUSED_NOT_ADDRESSED = N_(
    "The package was not addressed to this vault by its sender (it was re-encrypted by someone else)."
)
REFUSED_CONTENTS_MISMATCH = N_("The package's contents do not match its signed list of contents.")
REFUSED_HASH = N_("A file in the package does not match its signed checksum: it was altered.")
REFUSED_TOO_LARGE = N_("The package exceeds a size limit.")
REFUSED_BAD_RECORD = N_("The record {reference} in the package is not valid.")
REFUSED_REFERENCE_TAKEN = N_(
    "The package contains {reference}, but a different record of this vault has that reference."
)
REFUSED_FOREIGN_OFFICE = N_(
    "The package contains {reference}, a new record of another office ({office}); {name} may only send new "
    "records of their own office."
)
REFUSED_FOREIGN_UPDATE = N_(
    "The package changes {reference}, a record of another office ({office}); {name} may only change records "
    "of their own office."
)
REFUSED_IDENTITY_CHANGE = N_(
    "The package would change the office or the reference of {reference}; a record keeps both for life."
)
REFUSED_MISSING_ATTACHMENT = N_(
    "{reference} refers to an attachment that is neither in the package nor in this vault. Ask the sender "
    "to export the case again with --case."
)
REFUSED_BAD_DOCUMENT = N_("The document {name} in the package is not valid for this kind of package.")
REFUSED_UNKNOWN_ACK = N_("The acknowledgement is for a package this vault did not send to its sender.")
ALREADY_IMPORTED = N_("Package {package} was already imported on {date}; nothing was changed.")

# -- import results ----------------------------------------------------------------------------------------
IMPORTED = N_("Imported package {package} from {sender}.")
IMPORTED_UNVERIFIED = N_("The sender is not verified: the package is marked as such.")
SUMMARY_CREATED = N_("New records: {count}")
SUMMARY_UPDATED = N_("Updated records: {count}")
SUMMARY_UNCHANGED = N_("Unchanged records: {count}")
SUMMARY_STALE = N_(
    "Older versions ignored (this vault already has a newer one, nothing was rolled back): {count}"
)
SUMMARY_CONFLICTS = N_("Conflicts kept for review: {count} (see 'ecodesk conflicts list')")
SUMMARY_ATTACHMENTS = N_("Attachments received: {count}")
SUMMARY_ACKNOWLEDGED = N_("Records confirmed as received: {count}")
SUMMARY_STATS = N_("Statistics documents received: {count}")
SUMMARY_CARDS = N_("Identity cards added as unverified contacts: {count}")
ACK_WRITTEN = N_("Acknowledgement written to {file}.")

# -- conflicts ---------------------------------------------------------------------------------------------
CONFLICT_NOT_FOUND = N_("No open conflict for {reference}.")
CONFLICT_RESOLVED = N_("Conflict on {reference} resolved: {choice} version kept (revision {revision}).")
KEEP_LOCAL = N_("this vault's")
KEEP_INCOMING = N_("the received")

# -- command line ------------------------------------------------------------------------------------------
HELP_KEYS = N_("show or export this vault's identity (public card, private age identity)")
HELP_KEYS_SHOW = N_("print this vault's public identity and its fingerprint")
HELP_KEYS_EXPORT = N_("write this vault's public identity card (.ecokey) to send to HQ or an officer")
HELP_KEYS_EXPORT_IDENTITY = N_(
    "write the PRIVATE age identity (HQ's disaster-recovery copy; it opens every package sent to this vault)"
)
HELP_OUT = N_("the file to write")
HELP_YES = N_("do not ask for confirmation")
HELP_CONTACTS = N_("manage the offices and HQ this vault exchanges packages with")
HELP_CONTACTS_ADD = N_("add a contact from its identity card (.ecokey); it starts unverified")
HELP_CARD_FILE = N_("the identity card file (.ecokey)")
HELP_CONTACT_NAME = N_("the contact's name, as you will use it with --to")
HELP_ROLE = N_("hq or officer")
HELP_CONTACTS_LIST = N_("list the contacts with their fingerprints")
HELP_CONTACTS_TRUST = N_("mark a contact verified after comparing its fingerprint with its owner")
HELP_FINGERPRINT = N_("the fingerprint as read by the contact's owner (spaces optional)")
HELP_CONTACTS_REMOVE = N_("forget a contact")
HELP_PACKAGE = N_("export, import, inspect and acknowledge encrypted case packages")
HELP_PACKAGE_EXPORT = N_("write an encrypted, signed package for one or more contacts")
HELP_TO = N_("a recipient (contact name); repeat for several")
HELP_CASE = N_("a case to include (reference); repeat for several")
HELP_ADVICE = N_("an advice record to include (reference); repeat for several")
HELP_SINCE_ACK = N_("include every record the recipients have not confirmed receiving")
HELP_KIND = N_("the kind of package (default: cases)")
HELP_DOCUMENT = N_("for stats and key-exchange packages: a document to include, as NAME=FILE")
HELP_SPLIT = N_("split the package into volumes of at most N MB (FILE.001, FILE.002, ...)")
HELP_PACKAGE_IMPORT = N_("verify a package and apply it in one step, or refuse it and change nothing")
HELP_PACKAGE_FILE = N_("the package file (or its first volume)")
HELP_ACCEPT_UNVERIFIED = N_("accept a package from a sender whose fingerprint was not verified (it is marked)")
HELP_ACK_OUT = N_("also write the acknowledgement for the sender to this file")
HELP_PACKAGE_INSPECT = N_("verify a package and show what it contains, without applying it")
HELP_PACKAGE_ACK = N_("write the acknowledgement of an imported package for its sender")
HELP_FOR = N_("the id of the imported package")
HELP_PACKAGE_LIST = N_("list the packages sent (outbox) and received (inbox)")
HELP_CONFLICTS = N_("records changed on both sides since the last exchange")
HELP_CONFLICTS_LIST = N_("list the open conflicts")
HELP_ALL = N_("include resolved conflicts")
HELP_CONFLICTS_RESOLVE = N_("keep one version of a record in conflict")
HELP_REFERENCE = N_("the record's reference")
HELP_KEEP = N_("local: keep this vault's version; incoming: keep the received version")
BAD_DOCUMENT_OPTION = N_("Give documents as NAME=FILE, e.g. stats.json=stats-2026.json.")
IDENTITY_WARNING = N_(
    "WARNING: this file is the PRIVATE key of this vault. Whoever has it can read every package sent to "
    "this vault. Keep it offline (e.g. in HQ's safe) and never send it by e-mail."
)
CONFIRM_IDENTITY_EXPORT = N_("Type 'yes' to write the private identity: ")
IDENTITY_NOT_CONFIRMED = N_("Not confirmed; nothing was written. Use --yes to confirm without a prompt.")
IDENTITY_WRITTEN = N_("Private identity written to {file}. Readable with: age -d -i {file} PACKAGE")
CARD_WRITTEN = N_("Identity card written to {file}. Send it to your contact, then read them your fingerprint.")
CONTACT_ADDED = N_("Added {name} (unverified). Compare this fingerprint with its owner, by phone or in person:")
CONTACT_TRUST_HINT = N_("Then run: ecodesk contacts trust \"{name}\" --fingerprint \"...\"")
CONTACT_VERIFIED = N_("{name} is now verified.")
CONTACT_REMOVED = N_("Removed {name}.")
NO_CONTACTS = N_("No contacts yet. Add one with 'ecodesk contacts add CARD.ecokey --name NAME --role hq'.")
EXPORTED = N_("Wrote package {package} ({size}) for {recipients}: {records} records, {attachments} attachments.")
EXPORTED_FILES = N_("Files: {files}")
NO_CONFLICTS = N_("No open conflicts.")
COL_NAME = N_("Name")
COL_ROLE = N_("Role")
COL_OFFICE = N_("Office")
COL_FINGERPRINT = N_("Fingerprint")
COL_VERIFIED = N_("Verified")
COL_DATE = N_("Date")
COL_PACKAGE = N_("Package")
COL_KIND = N_("Kind")
COL_TO = N_("To")
COL_FROM = N_("From")
COL_STATUS = N_("Status")
COL_REFERENCE = N_("Reference")
COL_LOCAL = N_("This vault's revision")
COL_INCOMING = N_("Received revision")
YES = N_("yes")
NO = N_("no")
OUTBOX = N_("Sent (outbox)")
INBOX = N_("Received (inbox)")
STATUS_ACKNOWLEDGED = N_("acknowledged")
STATUS_NOT_ACKNOWLEDGED = N_("not acknowledged")
STATUS_IMPORTED = N_("imported")
STATUS_REFUSED = N_("refused")
STATUS_UNVERIFIED = N_("imported (unverified sender)")
INSPECT_PACKAGE = N_("Package {package} ({kind}), made {created}")
INSPECT_SENDER = N_("From: {name} ({office}), fingerprint {fingerprint}")
INSPECT_SENDER_VERIFIED = N_("The sender is a verified contact ({contact}).")
INSPECT_SENDER_UNVERIFIED = N_("The sender is the contact {contact}, NOT verified.")
INSPECT_SENDER_UNKNOWN = N_("The sender is NOT one of your contacts.")
INSPECT_RECIPIENTS = N_("To: {names}")
INSPECT_CONTENTS = N_("{records} records, {attachments} attachments ({size}), {documents} documents")
INSPECT_ALREADY = N_("This package was already imported.")
INSPECT_VALID = N_("Signature and every checksum verified. Nothing was applied.")
