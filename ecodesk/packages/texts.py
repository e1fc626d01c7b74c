"""Messages of the exchange feature shared by several of its modules and front ends (refusals, import results,
package kinds). A message used by one module only lives in that module (storage errors in ``storage/contacts.py``,
command-line help and output in ``cli/``). Translate them where they are shown: ``_(texts.X)`` or
``EcoDeskError(texts.X, ...)``.
"""

from __future__ import annotations

from ecodesk.i18n import N_

# -- contacts ----------------------------------------------------------------------------------------------
CONTACT_IS_SELF = N_("This is the identity of this vault, not a contact.")

# -- identity cards ----------------------------------------------------------------------------------------
CARD_INVALID = N_("This file is not an EcoDesk identity card (.ecokey), or it is damaged.")
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

# -- command line ------------------------------------------------------------------------------------------
EXPORTED = N_("Wrote package {package} ({size}) for {recipients}: {records} records, {attachments} attachments.")
EXPORTED_FILES = N_("Files: {files}")
