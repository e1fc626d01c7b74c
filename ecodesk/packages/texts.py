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
CARD_SIGNATURE_INVALID = N_("The identity card's signature is not valid: the card was altered. Ask for a new one.")
